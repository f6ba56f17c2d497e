//! Regexes of the catalogue built on first use: the keyword-gated patterns' own regexes and
//! their window groups' (298 and 73 of them with the default rules) were three quarters of
//! the time to compile a scanner and 13 MB of its memory, and a run meets the keywords of a
//! few of them only.

use regex_automata::hybrid::dfa::DFA;
use regex_automata::meta::{self, Regex};
use regex_automata::nfa::thompson;
use std::sync::OnceLock;

/// One or more catalogue patterns (as one multi-pattern regex searched in keyword windows),
/// built when first asked for.
pub(crate) struct LazyRegex {
    patterns: Vec<&'static str>,
    built: OnceLock<Option<Regex>>,
    /// The patterns' forward lazy DFA alone, for questions asked many at a time
    /// (`span_checks.rs`).
    dfa: OnceLock<Option<Box<DFA>>>,
    /// The DFA's cache capacity (smaller in tests, to have it cleared).
    dfa_cache_capacity: usize,
}

impl LazyRegex {
    /// The regex of `patterns`, each of which has been parsed already: building can then fail
    /// only on a size limit, which a test of the catalogue rules out (`every_lazy_regex_builds`).
    pub fn new(patterns: Vec<&'static str>) -> LazyRegex {
        LazyRegex {
            patterns,
            built: OnceLock::new(),
            dfa: OnceLock::new(),
            dfa_cache_capacity: WINDOW_CACHE_CAPACITY,
        }
    }

    /// With a DFA cache of `capacity` bytes: for tests.
    #[cfg(test)]
    pub fn with_dfa_cache_capacity(patterns: Vec<&'static str>, capacity: usize) -> LazyRegex {
        LazyRegex {
            dfa_cache_capacity: capacity,
            ..LazyRegex::new(patterns)
        }
    }

    /// The regex; `None` only if it does not build (a catalogue bug: a scan then finds
    /// nothing with it rather than failing).
    pub fn get(&self) -> Option<&Regex> {
        self.built.get_or_init(|| self.build().ok()).as_ref()
    }

    fn build(&self) -> Result<Regex, String> {
        meta::Builder::new()
            .configure(window_config())
            .build_many(&self.patterns)
            .map_err(|e| e.to_string())
    }

    /// The patterns' forward lazy DFA (as the regex's own is configured); `None` if it does
    /// not build or some pattern can match the empty string, and then questions go to the
    /// regex.
    pub fn dfa(&self) -> Option<&DFA> {
        self.dfa
            .get_or_init(|| {
                DFA::builder()
                    .configure(
                        DFA::config()
                            .cache_capacity(self.dfa_cache_capacity)
                            .skip_cache_capacity_check(true)
                            // A Unicode `\b` stops the DFA at non-ASCII text (the question
                            // then goes to the regex) rather than keeping it from building.
                            .unicode_word_boundary(true),
                    )
                    .thompson(
                        thompson::Config::new()
                            .nfa_size_limit(Some(WINDOW_NFA_SIZE_LIMIT))
                            .which_captures(thompson::WhichCaptures::None),
                    )
                    .build_many(&self.patterns)
                    .ok()
                    // `is_match` passes over an empty match inside a character (UTF-8 mode);
                    // the bare DFA would report it: such a regex is asked itself.
                    .filter(|dfa| !(dfa.get_nfa().has_empty() && dfa.get_nfa().is_utf8()))
                    .map(Box::new)
            })
            .as_deref()
    }

    /// Heap memory of the regex and the DFA, those built.
    pub fn memory_usage(&self) -> usize {
        let regex = self
            .built
            .get()
            .and_then(Option::as_ref)
            .map_or(0, Regex::memory_usage);
        let dfa = self
            .dfa
            .get()
            .and_then(Option::as_deref)
            .map_or(0, DFA::memory_usage);
        regex + dfa
    }

    /// Builds it now, reporting the error: for tests.
    #[cfg(test)]
    pub fn try_build(&self) -> Result<(), String> {
        self.build().map(drop)
    }
}

/// The configuration of the regexes searched in keyword windows (each gated pattern's, and
/// each window group's).
///
/// The default 2 MiB lazy-DFA cache is too small for some gated patterns (counted repetitions
/// after keyword alternations): they rebuilt states all the time, and a bigger cap made the
/// whole scan 13–21% faster. Caches grow only as states are made: peak RSS of a scan stayed
/// under 50 MB. No prefilter: the windows are tens of bytes, and a literal search started over
/// and over in them cost more than the lazy DFA reading them (1.9% of a PII-dense scan).
fn window_config() -> meta::Config {
    meta::Config::new()
        .nfa_size_limit(Some(WINDOW_NFA_SIZE_LIMIT))
        .hybrid_cache_capacity(WINDOW_CACHE_CAPACITY)
        .auto_prefilter(false)
}

const WINDOW_NFA_SIZE_LIMIT: usize = 64 << 20;
const WINDOW_CACHE_CAPACITY: usize = 16 << 20;
