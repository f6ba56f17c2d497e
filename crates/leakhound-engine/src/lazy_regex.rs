//! Regexes of the catalogue built on first use: the keyword-gated patterns' own regexes and
//! their window groups' (298 and 73 of them with the default rules) were three quarters of
//! the time to compile a scanner and 13 MB of its memory, and a run meets the keywords of a
//! few of them only.

use regex_automata::meta::{self, Regex};
use std::sync::OnceLock;

/// One or more catalogue patterns (as one multi-pattern regex searched in keyword windows),
/// built when first asked for.
pub(crate) struct LazyRegex {
    patterns: Vec<&'static str>,
    built: OnceLock<Option<Regex>>,
}

impl LazyRegex {
    /// The regex of `patterns`, each of which has been parsed already: building can then fail
    /// only on a size limit, which a test of the catalogue rules out (`every_lazy_regex_builds`).
    pub fn new(patterns: Vec<&'static str>) -> LazyRegex {
        LazyRegex {
            patterns,
            built: OnceLock::new(),
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

    /// Heap memory of the regex if it has been built.
    pub fn memory_usage(&self) -> usize {
        self.built
            .get()
            .and_then(Option::as_ref)
            .map_or(0, Regex::memory_usage)
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
        .nfa_size_limit(Some(64 << 20))
        .hybrid_cache_capacity(16 << 20)
        .auto_prefilter(false)
}
