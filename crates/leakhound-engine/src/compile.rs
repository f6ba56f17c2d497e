//! Compiling a [`ScanPolicy`] into a [`Scanner`]: every candidate pattern of every detector in
//! one multi-pattern regex, custom patterns checked and size-limited, redaction keys parsed.
//! All the ways a policy can be wrong surface here, never at scan time.

use crate::confidence::Confidence;
use crate::detector::{Find, NativeDetector, Pattern};
use crate::keyword_trie::KeywordTrie;
use crate::lazy_regex::LazyRegex;
use crate::redact::Redactor;
use crate::registry;
use crate::required::{Required, StartBytes};
use crate::rules::{
    DetectorKind, DetectorSpec, ExclusionMatcher, LogicalOp, MatchType, RegexSpec, ScanPolicy,
    WordListSpec,
};
use crate::scan::Scanner;
use crate::span_checks::SpanChecker;
use crate::value_split::ValueSplit;
use crate::value_trim::ValueTrim;
use crate::words::{AnchoredWords, WordSet};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind as AcMatchKind};
use regex_automata::meta::{self, Regex};
use regex_automata::util::syntax;
use regex_automata::MatchKind;
use std::collections::HashMap;
use std::sync::OnceLock;

/// The longest custom pattern accepted, in bytes.
pub const MAX_CUSTOM_PATTERN_BYTES: usize = 4096;
/// The most compiled memory (NFA) one custom pattern may take.
pub const MAX_CUSTOM_PATTERN_NFA_BYTES: usize = 1 << 20;
/// The most words in one word list.
pub const MAX_WORD_LIST_VALUES: usize = 10_000;

/// Why a policy could not be compiled. The message names the rule, the detector and the
/// problem.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("detection rule {rule:?}{}: {problem}", detector.as_ref().map(|d| format!(", detector {d:?}")).unwrap_or_default())]
pub struct CompileError {
    /// The rule's name.
    pub rule: String,
    /// The detector's name (display name, native name, or `REGEX #n`), when the problem is in
    /// one detector.
    pub detector: Option<String>,
    /// What is wrong.
    pub problem: String,
}

/// Which detector a slot of the compiled set runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Slot {
    Native(usize),
    Custom(usize),
    /// A combination detector, by its index among the natives.
    Combination(usize),
}

/// What a pattern of the multi-pattern regex belongs to.
#[derive(Debug)]
pub(crate) struct PatternOwner {
    pub slot: Slot,
    pub name: &'static str,
    /// The index of the `value` capture group, when the pattern has one.
    pub value_group: Option<usize>,
    /// How to cut the `value` group from a match without a capturing search, when the
    /// pattern's shape allows it.
    pub value_trim: Option<crate::value_trim::ValueTrim>,
    /// Where no trim applies: the parts around the group, searched alone before a capturing
    /// search is.
    pub value_split: Option<crate::value_split::ValueSplit>,
    /// True when relaxing left the pattern as written.
    pub unrelaxed: bool,
    /// For the keywords of gated patterns that joined the multi-pattern pass: which. Such a
    /// pattern makes no candidate of its own.
    pub keyword: Option<KeywordSlot>,
}

/// A keyword pattern of the multi-pattern pass.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum KeywordSlot {
    /// One keyword, by its index in [`KeywordStage::near`].
    Near(usize),
    /// The [`KeywordTrie`] of the ASCII keywords: the match tells which.
    Trie,
}

pub(crate) enum CompiledExclusion {
    Regex {
        regex: Regex,
    },
    WordsFull {
        words: Vec<String>,
        case_sensitive: bool,
    },
    WordsPartial {
        automaton: AhoCorasick,
    },
}

pub(crate) struct CompiledContextRule {
    pub regex: Regex,
    pub window_before: usize,
    pub window_after: usize,
    pub fixed_confidence: Confidence,
}

pub(crate) struct CompiledRedaction {
    pub redactor: Redactor,
    pub remove_finding: bool,
}

pub(crate) struct CompiledSpec {
    pub slot: Slot,
    /// Equal for specs whose findings merge: the same detector name and UUID.
    pub identity: usize,
    pub name: String,
    pub uuid: Option<String>,
    pub native: Option<&'static str>,
    pub min_confidence: Confidence,
    pub min_num_findings: usize,
    pub context_rules: Vec<CompiledContextRule>,
    pub exclusions: Vec<CompiledExclusion>,
    pub redaction: Option<CompiledRedaction>,
}

/// Which (rule, spec) pairs each slot's candidates are judged by, so that a scan walks its
/// few candidates rather than every spec of every rule (sixty-odd in the default rules) for
/// each text.
#[derive(Default)]
pub(crate) struct SpecIndex {
    by_slot: Vec<Vec<(usize, usize)>>,
}

impl SpecIndex {
    fn new(rules: &[CompiledRule]) -> SpecIndex {
        let mut index = SpecIndex::default();
        for (r, rule) in rules.iter().enumerate() {
            for (s, spec) in rule.specs.iter().enumerate() {
                let at = Self::position(spec.slot);
                if index.by_slot.len() <= at {
                    index.by_slot.resize_with(at + 1, Vec::new);
                }
                index.by_slot[at].push((r, s));
            }
        }
        index
    }

    fn position(slot: Slot) -> usize {
        match slot {
            Slot::Native(i) => i.saturating_mul(3),
            Slot::Custom(i) => i.saturating_mul(3).saturating_add(1),
            Slot::Combination(i) => i.saturating_mul(3).saturating_add(2),
        }
    }

    /// The (rule, spec) pairs that judge candidates of `slot`.
    pub fn of(&self, slot: Slot) -> &[(usize, usize)] {
        self.by_slot
            .get(Self::position(slot))
            .map_or(&[], Vec::as_slice)
    }
}

pub(crate) struct CompiledRule {
    pub name: String,
    pub uuid: Option<String>,
    pub logical_op: LogicalOp,
    pub specs: Vec<CompiledSpec>,
}

/// The candidate finder.
///
/// `starts` holds every pattern **relaxed** (wide counted repetitions such as `{0,63}` made
/// open-ended) in one leftmost-first regex, to find where candidates may start: exact
/// counters of many patterns multiply into more lazy-DFA states than the cache holds, and the
/// DFA then rebuilds states all the time (measured: 3.5 MB/s exact, 170+ MB/s relaxed).
/// `all` holds the same relaxed patterns with match-all semantics and tells, anchored at a
/// start, which patterns match there (so one detector never hides another at the same
/// offset). `exact` holds every pattern as written; anchored on one pattern at a start, it
/// confirms the candidate and gives its span and `value` group. All three number the
/// patterns alike, so a `PatternID` means the same pattern in each.
pub(crate) struct CandidateSet {
    /// Every pattern relaxed, leftmost-first: the one pass over the text.
    pub starts: Regex,
    pub all: Regex,
    /// How many patterns make candidates (the first ones; the keywords come after them).
    pub detecting: usize,
    pub exact: Regex,
    /// `starts` reversed, to list where matches start in several texts at once
    /// ([`Scanner::scan_many`](crate::Scanner::scan_many)); `None` if it does not build.
    pub match_starts: Option<crate::match_starts::MatchStarts>,
    /// Per pattern with a `value` group: the pattern alone, to take the group from a match
    /// `exact` found. (Captures from `exact` itself would run its backtracker, whose visited
    /// set grows with the NFA of every pattern and is cleared on every call.)
    pub value_regexes: Vec<Option<Regex>>,
    pub owners: Vec<PatternOwner>,
    /// The native detecting patterns alone, match-all, when a user's patterns are among the
    /// detecting ones: what starts inside a user's accepted match is asked of them
    /// (`Scanner::natives_at`), and a user's `.+` in the set would read to the end of the
    /// line at every place.
    pub natives: Option<NativePatterns>,
}

/// The native detecting patterns of a [`CandidateSet`] in a match-all regex of their own,
/// built when first needed.
pub(crate) struct NativePatterns {
    hirs: Vec<regex_syntax::hir::Hir>,
    /// The pattern of the candidate set each of the regex's is.
    pub pids: Vec<regex_automata::PatternID>,
    regex: OnceLock<Option<Regex>>,
}

impl NativePatterns {
    /// The regex; `None` if it does not build (the patterns built in the set already: only
    /// a size limit could fail), and then nothing is asked.
    pub fn regex(&self) -> Option<&Regex> {
        self.regex
            .get_or_init(|| {
                meta::Builder::new()
                    .configure(pass_config(MatchKind::All))
                    .build_many_from_hir(&self.hirs)
                    .ok()
            })
            .as_ref()
    }
}

/// The patterns searched only around their keywords ([`Find::Near`]) and the word lists
/// ([`Find::Words`]): one ASCII case-insensitive Aho-Corasick automaton finds every keyword and
/// word of every such pattern in one pass; each occurrence then points at the patterns it
/// gates.
///
/// The keywords of [`Find::Near`] patterns do not need a pass of their own: they join the
/// multi-pattern regex as ASCII case-insensitive literals (`near`), whose lazy DFA walks every
/// byte anyway, so a hundred keyword-gated rules cost ordinary text nothing. Word lists, which
/// can run to thousands of entries, have their own Aho-Corasick pass, run only when a rule
/// uses one.
pub(crate) struct KeywordStage {
    /// The word-list automaton; `None` when no word list is in use.
    pub automaton: Option<AhoCorasick>,
    /// Per automaton pattern (a distinct word): the word-list patterns it serves.
    pub uses: Vec<KeywordUse>,
    /// Per distinct keyword of the keyword-gated patterns: the word and the gated
    /// patterns it opens a window for.
    pub near: Vec<NearKeyword>,
    /// The ASCII keywords of `near` as one pattern of the pass.
    pub trie: Option<KeywordTrie>,
    /// The bytes a keyword of `near` begins with, and the keywords that are not ASCII, in
    /// order ([`KeywordStage::keyword_at`]).
    pub keyword_first_bytes: [bool; 256],
    pub not_ascii: Option<AnchoredWords>,
    pub gated: Vec<GatedPattern>,
    /// The window groups of keywords that gate several patterns (see [`WindowGroup`]).
    pub groups: Vec<WindowGroup>,
    /// Asks the groups' regexes about the hulls of a batch of texts at once; a group's cache
    /// slot is its index in `groups`.
    pub span_checker: SpanChecker,
}

impl KeywordStage {
    /// The keyword the pass reports at `at` when no detecting pattern matches there: the
    /// first of the keywords that are not ASCII spelled there as written (longest first, as
    /// they join the pass), else the longest ASCII one in either case. Asked where a
    /// detecting pattern won the pass, or inside a candidate the pass accepted: a keyword
    /// there must still open its windows ("pass: hunter2x!" holds PASSWORD's keyword
    /// however a user's rule `pass` matches).
    pub fn keyword_at(&self, text: &str, at: usize) -> Option<usize> {
        let bytes = text.as_bytes();
        if !bytes
            .get(at)
            .is_some_and(|&b| self.keyword_first_bytes[usize::from(b)])
        {
            return None;
        }
        self.not_ascii
            .as_ref()
            .and_then(|words| words.at(bytes, at))
            .or_else(|| self.trie.as_ref()?.longest_at(bytes, at))
    }
}

/// The patterns one keyword gates, when there are several: a keyword such as "pass" opens the
/// windows of five password patterns, and searching each window with each pattern's own regex
/// scanned the same text five times, mostly for nothing ("I forgot my password"). The group's
/// regex asks once, over the hull of their windows, whether any of them matches; only then
/// are their windows opened. (The hull holds every pattern's window, so no match is lost.)
/// Patterns whose required bytes ([`Required`]) are missing from their own window are left out
/// first, hull included: a connection-string pattern that looks 400 bytes back for
/// `Password=…;` no longer widens the hull of every "password" in prose.
/// Telling which of them matched (a match-all pattern set) was measured slower on PII-dense
/// text than searching all of them once one does: 73.3 M instead of 69.6 M instructions.
pub(crate) struct WindowGroup {
    /// Every pattern of the group in one regex.
    pub regex: LazyRegex,
    /// Indices into [`KeywordStage::gated`].
    pub targets: Vec<usize>,
}

/// A keyword of keyword-gated patterns, searched in the multi-pattern pass.
pub(crate) struct NearKeyword {
    /// The keyword as the detector lists it. An ASCII one joins the pass in the
    /// [`KeywordTrie`], matched in either case; any other as a pattern of its own, as written.
    pub word: String,
    /// The gated patterns it serves (indices into `KeywordStage::gated`).
    pub gated: Vec<usize>,
    /// Its window group (an index into `KeywordStage::groups`) when it gates several patterns.
    pub group: Option<usize>,
}

/// What one distinct keyword of the [`KeywordStage`] serves.
#[derive(Default)]
pub(crate) struct KeywordUse {
    /// The gated patterns it gates (indices into `KeywordStage::gated`).
    pub gated: Vec<usize>,
}

pub(crate) struct GatedPattern {
    pub owner: PatternOwner,
    pub kind: GatedKind,
}

// A catalogue has a hundred or so, each read at every window it opens: kept inline.
#[allow(clippy::large_enum_variant)]
pub(crate) enum GatedKind {
    /// Search `regex` for matches starting from `before` bytes before to `after` bytes after
    /// a keyword; a match may run `max_len` bytes beyond that window, and has a prefix that
    /// is itself a match within `prefix_len` bytes of its start (see [`prefix_bound`]).
    Near {
        regex: LazyRegex,
        before: usize,
        after: usize,
        max_len: usize,
        prefix_len: usize,
        /// Bytes every match contains: a window without them is not searched.
        required: Required,
        /// Bytes a match begins with: a window where none stands where a match may begin
        /// is not searched.
        starts: StartBytes,
        /// Every byte a match may begin with: where a window has at most
        /// `MAX_ANCHORED_STARTS` places holding one, each is searched anchored.
        first_bytes: StartBytes,
    },
    /// The word itself, where it stands as a whole word, is the candidate.
    Words,
}

/// The distinct keywords of a [`KeywordStage`] being built, lower-cased.
#[derive(Default)]
struct KeywordTable {
    index: HashMap<String, usize>,
    keywords: Vec<String>,
    uses: Vec<KeywordUse>,
}

impl KeywordTable {
    fn entry(&mut self, word: &str) -> Option<&mut KeywordUse> {
        let key = word.to_ascii_lowercase();
        if key.is_empty() {
            return None;
        }
        let index = match self.index.get(&key) {
            Some(&index) => index,
            None => {
                self.index.insert(key.clone(), self.keywords.len());
                self.keywords.push(key);
                self.uses.push(KeywordUse::default());
                self.keywords.len() - 1
            }
        };
        Some(&mut self.uses[index])
    }
}

/// The most keywords one gated pattern may bring into the multi-pattern pass.
const MAX_PASS_KEYWORDS: usize = 256;

/// The most patterns a window group holds (see [`WindowGroup`]).
const MAX_GROUP_MEMBERS: usize = 64;

/// How far past its window a gated match whose regex has no length bound may run.
const UNBOUNDED_GATED_MATCH: usize = 16 << 10;

/// How a pattern's top-level `value` group is cut from a match without a capturing search: by
/// character sets when its shape allows ([`ValueTrim`]), else by searching the parts around it
/// ([`ValueSplit`]); neither for a pattern without such a group.
fn value_cut(hir: &regex_syntax::hir::Hir) -> (Option<ValueTrim>, Option<ValueSplit>) {
    match ValueTrim::of(hir) {
        Some(trim) => (Some(trim), None),
        None => (None, ValueSplit::of(hir)),
    }
}

/// The index of the capture group named `value` in a pattern's syntax tree: the index a
/// regex of the pattern alone gives it (explicit groups count from 1 in both).
fn value_group_index(hir: &regex_syntax::hir::Hir) -> Option<usize> {
    use regex_syntax::hir::HirKind;
    match hir.kind() {
        HirKind::Capture(c) if c.name.as_deref() == Some("value") => usize::try_from(c.index).ok(),
        HirKind::Capture(c) => value_group_index(&c.sub),
        HirKind::Repetition(r) => value_group_index(&r.sub),
        HirKind::Concat(parts) | HirKind::Alternation(parts) => {
            parts.iter().find_map(value_group_index)
        }
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) | HirKind::Look(_) => None,
    }
}

fn build_keyword_stage(gated: &[(Slot, &'static Pattern)]) -> Result<KeywordStage, String> {
    let mut table = KeywordTable::default();
    let mut near_table = KeywordTable::default();
    let mut patterns = Vec::with_capacity(gated.len());
    let add = |table: &mut KeywordTable, word: &str, target: usize| {
        if let Some(u) = table.entry(word) {
            if !u.gated.contains(&target) {
                u.gated.push(target);
            }
        }
    };
    // The regex of each `Near` pattern, for the window groups.
    let mut sources: Vec<Option<&'static str>> = Vec::with_capacity(gated.len());
    for (target, (slot, pattern)) in gated.iter().enumerate() {
        sources.push(match pattern.find {
            Find::Near { regex, .. } => Some(regex),
            Find::Words(_) | Find::Anywhere(_) => None,
        });
        let fail =
            |problem: String| format!("pattern {} does not compile: {problem}", pattern.name);
        let (kind, value_group, value_trim, value_split) = match pattern.find {
            Find::Near {
                regex,
                keywords,
                before,
                after,
            } => {
                if keywords.is_empty() {
                    return Err(fail("a keyword-gated pattern needs keywords".into()));
                }
                let hir = regex_syntax::parse(regex).map_err(|e| fail(e.to_string()))?;
                let compiled = LazyRegex::new(vec![regex]);
                let max_len = hir
                    .properties()
                    .maximum_len()
                    .unwrap_or(UNBOUNDED_GATED_MATCH);
                let prefix_len = prefix_bound(&hir).map_or(max_len, |p| p.min(max_len));
                let first_bytes = StartBytes::all_of(&hir);
                let value_group = value_group_index(&hir);
                let (value_trim, value_split) = value_cut(&hir);
                // A few keywords join the multi-pattern pass; a list of names or places would
                // swell its automaton, and goes to the word-list pass instead.
                let table = if keywords.len() > MAX_PASS_KEYWORDS {
                    &mut table
                } else {
                    &mut near_table
                };
                for k in keywords {
                    add(table, k, target);
                }
                (
                    GatedKind::Near {
                        regex: compiled,
                        before: usize::from(before),
                        after: usize::from(after),
                        max_len,
                        prefix_len,
                        required: Required::of(&hir),
                        starts: first_bytes.unless_lower_case(),
                        first_bytes,
                    },
                    value_group,
                    value_trim,
                    value_split,
                )
            }
            Find::Words(list) => {
                let mut any = false;
                for word in crate::detector::list_entries(list) {
                    add(&mut table, word, target);
                    any = true;
                }
                if !any {
                    return Err(fail("the word list is empty".into()));
                }
                (GatedKind::Words, None, None, None)
            }
            Find::Anywhere(_) => {
                return Err(fail(
                    "an ungated pattern was handed to the keyword stage".into(),
                ))
            }
        };
        patterns.push(GatedPattern {
            owner: PatternOwner {
                slot: *slot,
                name: pattern.name,
                value_group,
                value_trim,
                value_split,
                unrelaxed: false,
                keyword: None,
            },
            kind,
        });
    }
    let KeywordTable { keywords, uses, .. } = table;
    // A keyword that contains another (`sk-ant-` and `sk-`) also opens the windows of the
    // shorter one: where both match at one place, the multi-pattern pass may report either.
    let mut near: Vec<NearKeyword> = near_table
        .keywords
        .iter()
        .zip(&near_table.uses)
        .map(|(keyword, u)| NearKeyword {
            word: keyword.clone(),
            gated: u.gated.clone(),
            group: None,
        })
        .collect();
    // The keywords each one contains, by one automaton of all of them run over each (rather
    // than every keyword compared with every other: 570,000 substring searches, a quarter of
    // the compile time).
    let containment = AhoCorasick::new(&near_table.keywords)
        .map_err(|e| format!("the detector keywords do not compile: {e}"))?;
    for (i, outer) in near_table.keywords.iter().enumerate() {
        let mut inner: Vec<usize> = containment
            .find_overlapping_iter(outer.as_str())
            .map(|m| m.pattern().as_usize())
            .filter(|&j| j != i)
            .collect();
        inner.sort_unstable();
        inner.dedup();
        for j in inner {
            for &target in &near_table.uses[j].gated {
                if !near[i].gated.contains(&target) {
                    near[i].gated.push(target);
                }
            }
        }
    }
    // Longest first, the order the keywords that are not ASCII join the pass in: where two
    // start at one place, the leftmost-first pass reports the one listed first, so the
    // longest, which also opens the windows of those it contains. (The trie of the ASCII ones
    // prefers the longest by itself.)
    near.sort_by_key(|k| std::cmp::Reverse(k.word.len()));
    let mut groups: Vec<WindowGroup> = Vec::new();
    let mut group_of: HashMap<Vec<usize>, usize> = HashMap::new();
    for keyword in &mut near {
        let mut targets: Vec<usize> = keyword
            .gated
            .iter()
            .copied()
            .filter(|&t| sources[t].is_some())
            .collect();
        // A group's members are told apart by the bits of a `u64` at scan time; a keyword
        // gating more patterns (none does) opens all their windows, as one gating one does.
        if !(2..=MAX_GROUP_MEMBERS).contains(&targets.len()) {
            continue;
        }
        targets.sort_unstable();
        if let Some(&index) = group_of.get(&targets) {
            keyword.group = Some(index);
            continue;
        }
        let regexes: Vec<&'static str> = targets.iter().filter_map(|&t| sources[t]).collect();
        let regex = LazyRegex::new(regexes);
        group_of.insert(targets.clone(), groups.len());
        keyword.group = Some(groups.len());
        groups.push(WindowGroup { regex, targets });
    }
    let automaton = if keywords.is_empty() {
        None
    } else {
        Some(
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(AcMatchKind::Standard)
                // Word lists run to thousands of entries: a DFA of them takes tens of
                // megabytes and most of a second to build, a contiguous NFA a few megabytes
                // at a similar speed.
                .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
                .build(&keywords)
                .map_err(|e| format!("the detector keywords do not compile: {e}"))?,
        )
    };
    let trie = KeywordTrie::new(
        near.iter()
            .enumerate()
            .filter(|(_, k)| k.word.is_ascii())
            .map(|(index, k)| (index, k.word.as_str())),
    )?;
    // The first listed of those spelled at one place, as the pass prefers.
    let not_ascii: Vec<(&[u8], usize)> = (near.iter().enumerate())
        .filter(|(_, k)| !k.word.is_ascii())
        .map(|(index, k)| (k.word.as_bytes(), index))
        .collect();
    let not_ascii = if not_ascii.is_empty() {
        None
    } else {
        Some(AnchoredWords::new(
            not_ascii,
            AcMatchKind::LeftmostFirst,
            false,
        )?)
    };
    // The first byte of every keyword, in either case for an ASCII letter.
    let mut keyword_first_bytes = [false; 256];
    for keyword in &near {
        if let Some(&first) = keyword.word.as_bytes().first() {
            if keyword.word.is_ascii() {
                keyword_first_bytes[usize::from(first.to_ascii_lowercase())] = true;
                keyword_first_bytes[usize::from(first.to_ascii_uppercase())] = true;
            } else {
                keyword_first_bytes[usize::from(first)] = true;
            }
        }
    }
    Ok(KeywordStage {
        automaton,
        uses,
        near,
        trie,
        keyword_first_bytes,
        not_ascii,
        gated: patterns,
        groups,
        span_checker: SpanChecker::default(),
    })
}

/// Supporting and opposing words of one native detector, in one automaton built when the
/// detector first has a candidate to judge: building the 63 detectors' automata was a fifth
/// of compiling the default rules, and most texts meet few detectors.
pub(crate) struct ContextMatcher {
    /// Per automaton pattern: the word and whether it supports the type.
    pub words: Vec<(&'static str, bool)>,
    /// The automaton of `words`; `None` inside when there are none, or when it does not build
    /// (a catalogue bug that a test rules out: `every_context_matcher_builds`).
    automaton: OnceLock<Option<WordSet>>,
}

impl ContextMatcher {
    fn new(detector: &NativeDetector) -> ContextMatcher {
        let words: Vec<(&'static str, bool)> = detector
            .context
            .supporting
            .iter()
            .map(|w| (*w, true))
            .chain(detector.context.opposing.iter().map(|w| (*w, false)))
            .collect();
        ContextMatcher {
            words,
            automaton: OnceLock::new(),
        }
    }

    /// Whether the detector has context words at all.
    pub fn has_words(&self) -> bool {
        !self.words.is_empty()
    }

    fn automaton(&self) -> Option<&WordSet> {
        self.automaton
            .get_or_init(|| self.build().ok().flatten())
            .as_ref()
    }

    /// The automaton of `words`, if there are any.
    fn build(&self) -> Result<Option<WordSet>, String> {
        if !self.has_words() {
            return Ok(None);
        }
        WordSet::new(self.words.iter().map(|(w, _)| w.as_bytes())).map(Some)
    }

    /// Calls `found(start, end, word index)` for every occurrence of a word in `haystack`,
    /// overlapping ones included, in order of their ends.
    pub fn each_word(&self, haystack: &[u8], found: impl FnMut(usize, usize, usize)) {
        if let Some(words) = self.automaton() {
            words.each_match(haystack, found);
        }
    }

    /// Calls `found(which, start, end, word index)` for every occurrence of a word in `first`
    /// (`which` 0), then in `second` (`which` 1), as [`ContextMatcher::each_word`] on each.
    pub fn each_word_in_two(
        &self,
        first: &[u8],
        second: &[u8],
        mut found: impl FnMut(usize, usize, usize, usize),
    ) {
        if let Some(words) = self.automaton() {
            words.each_match_in_two(first, second, &mut found);
        }
    }
}

/// A combination detector of the policy (see `detectors::combinations`), by native index.
pub(crate) struct CompiledCombination {
    /// The combination's own index among the natives.
    pub index: usize,
    /// The natives whose candidates it reports.
    pub reports: Vec<usize>,
    /// The natives one of which must be near.
    pub requires: Vec<usize>,
    pub window: usize,
}

/// Where a native detector's patterns go when the policy uses it.
struct NativeSources<'a> {
    natives: &'a mut Vec<&'static NativeDetector>,
    slots: &'a mut HashMap<&'static str, usize>,
    patterns: &'a mut Vec<String>,
    owners: &'a mut Vec<PatternOwner>,
    gated: &'a mut Vec<(Slot, &'static Pattern)>,
}

impl NativeSources<'_> {
    /// The detector's index among the natives, adding it and its patterns the first time.
    fn add(&mut self, det: &'static NativeDetector) -> usize {
        if let Some(&index) = self.slots.get(det.name) {
            return index;
        }
        self.natives.push(det);
        let index = self.natives.len() - 1;
        self.slots.insert(det.name, index);
        let slot = Slot::Native(index);
        for p in det.patterns {
            match p.find {
                Find::Anywhere(regex) => {
                    self.patterns.push(regex.to_string());
                    self.owners.push(PatternOwner {
                        slot,
                        name: p.name,
                        value_group: None,
                        value_trim: None,
                        value_split: None,
                        unrelaxed: false,
                        keyword: None,
                    });
                }
                Find::Near { .. } | Find::Words(_) => self.gated.push((slot, p)),
            }
        }
        index
    }
}

pub(crate) fn compile(policy: &ScanPolicy) -> Result<Scanner, CompileError> {
    let mut natives: Vec<&'static NativeDetector> = Vec::new();
    let mut native_slots: HashMap<&'static str, usize> = HashMap::new();
    let mut custom_count = 0usize;
    let mut patterns: Vec<String> = Vec::new();
    let mut owners: Vec<PatternOwner> = Vec::new();
    let mut gated: Vec<(Slot, &'static Pattern)> = Vec::new();
    let mut identities: HashMap<(String, Option<String>), usize> = HashMap::new();
    // Per native: whether a rule names it (the parts of a combination run unnamed).
    let mut requested: Vec<bool> = Vec::new();
    let mut combinations: Vec<CompiledCombination> = Vec::new();
    let mut rules = Vec::with_capacity(policy.rules.len());

    if policy.rules.is_empty() {
        return Err(CompileError {
            rule: "(none)".into(),
            detector: None,
            problem: "the policy has no detection rule".into(),
        });
    }
    for (rule_index, rule) in policy.rules.iter().enumerate() {
        let rule_name = if rule.name.trim().is_empty() {
            format!("Inline Detection Rule #{}", rule_index + 1)
        } else {
            rule.name.clone()
        };
        let err = |detector: Option<String>, problem: String| CompileError {
            rule: rule_name.clone(),
            detector,
            problem,
        };
        if rule.detectors.is_empty() {
            return Err(err(None, "the rule has no detectors".into()));
        }
        if rule.logical_op == LogicalOp::All && rule.detectors.len() < 2 {
            return Err(err(
                None,
                "logicalOp ALL needs at least two detectors to combine".into(),
            ));
        }
        let mut specs = Vec::with_capacity(rule.detectors.len());
        for (det_index, spec) in rule.detectors.iter().enumerate() {
            let label = detector_label(spec, det_index);
            let derr = |problem: String| err(Some(label.clone()), problem);
            let (slot, default_name, native_name) = match &spec.kind {
                DetectorKind::Native(name) => {
                    let wanted = name.trim().to_ascii_uppercase();
                    let Some(det) = registry::native_detector(&wanted) else {
                        let problem = match crate::catalogue::unsupported_reason(&wanted) {
                            Some(why) => {
                                format!("native detector {wanted} is not supported: {why}")
                            }
                            None => format!(
                                "unknown native detector {name:?} (see `leakhound detectors list`)"
                            ),
                        };
                        return Err(derr(problem));
                    };
                    let mut sources = NativeSources {
                        natives: &mut natives,
                        slots: &mut native_slots,
                        patterns: &mut patterns,
                        owners: &mut owners,
                        gated: &mut gated,
                    };
                    let index = sources.add(det);
                    if let Some(combination) = crate::detectors::combinations::combination(det.name)
                    {
                        if !combinations.iter().any(|c| c.index == index) {
                            let mut part_slots = |names: &[&str]| {
                                names
                                    .iter()
                                    .filter_map(|n| registry::native_detector(n))
                                    .map(|d| sources.add(d))
                                    .collect::<Vec<usize>>()
                            };
                            let reports = part_slots(combination.reports);
                            let requires = part_slots(combination.requires);
                            combinations.push(CompiledCombination {
                                index,
                                reports,
                                requires,
                                window: combination.window,
                            });
                        }
                    }
                    requested.resize(natives.len(), false);
                    requested[index] = true;
                    let slot = if combinations.iter().any(|c| c.index == index) {
                        Slot::Combination(index)
                    } else {
                        Slot::Native(index)
                    };
                    (slot, det.name.to_string(), Some(det.name))
                }
                DetectorKind::Regex(re) => {
                    let pattern = custom_regex_pattern(re).map_err(derr)?;
                    patterns.push(pattern);
                    owners.push(PatternOwner {
                        slot: Slot::Custom(custom_count),
                        name: "custom-regex",
                        value_group: None,
                        value_trim: None,
                        value_split: None,
                        unrelaxed: false,
                        keyword: None,
                    });
                    custom_count += 1;
                    (
                        Slot::Custom(custom_count - 1),
                        format!("REGEX #{}", det_index + 1),
                        None,
                    )
                }
                DetectorKind::WordList(list) => {
                    let pattern = word_list_pattern(list).map_err(derr)?;
                    patterns.push(pattern);
                    owners.push(PatternOwner {
                        slot: Slot::Custom(custom_count),
                        name: "word-list",
                        value_group: None,
                        value_trim: None,
                        value_split: None,
                        unrelaxed: false,
                        keyword: None,
                    });
                    custom_count += 1;
                    (
                        Slot::Custom(custom_count - 1),
                        format!("WORD_LIST #{}", det_index + 1),
                        None,
                    )
                }
            };
            let context_rules = spec
                .context_rules
                .iter()
                .map(|cr| {
                    Ok(CompiledContextRule {
                        regex: compile_user_regex(&cr.regex)
                            .map_err(|p| derr(format!("context rule: {p}")))?,
                        window_before: cr.window_before,
                        window_after: cr.window_after,
                        fixed_confidence: cr.fixed_confidence,
                    })
                })
                .collect::<Result<Vec<_>, CompileError>>()?;
            let exclusions = spec
                .exclusion_rules
                .iter()
                .map(|ex| {
                    compile_exclusion(&ex.matcher, ex.match_type)
                        .map_err(|p| derr(format!("exclusion rule: {p}")))
                })
                .collect::<Result<Vec<_>, CompileError>>()?;
            let redaction = spec
                .redaction
                .as_ref()
                .map(|r| {
                    Ok(CompiledRedaction {
                        redactor: Redactor::compile(&r.method)
                            .map_err(|e| derr(format!("redaction: {e}")))?,
                        remove_finding: r.remove_finding,
                    })
                })
                .transpose()?;
            let name = spec
                .display_name
                .clone()
                .filter(|n| !n.trim().is_empty())
                .unwrap_or(default_name);
            let next_identity = identities.len();
            let identity = *identities
                .entry((name.clone(), spec.uuid.clone()))
                .or_insert(next_identity);
            specs.push(CompiledSpec {
                slot,
                identity,
                name,
                uuid: spec.uuid.clone(),
                native: native_name,
                min_confidence: spec.min_confidence,
                min_num_findings: spec.min_num_findings.max(1) as usize,
                context_rules,
                exclusions,
                redaction,
            });
        }
        rules.push(CompiledRule {
            name: rule_name,
            uuid: rule.uuid.clone(),
            logical_op: rule.logical_op,
            specs,
        });
    }

    let default_redaction = policy
        .default_redaction
        .as_ref()
        .map(|r| {
            Ok(CompiledRedaction {
                redactor: Redactor::compile(&r.method).map_err(|e| CompileError {
                    rule: "(default)".into(),
                    detector: None,
                    problem: format!("defaultRedactionConfig: {e}"),
                })?,
                remove_finding: r.remove_finding,
            })
        })
        .transpose()?;

    let keywords = build_keyword_stage(&gated).map_err(|problem| CompileError {
        rule: "(all rules)".into(),
        detector: None,
        problem,
    })?;
    // The keywords that are not ASCII (a handful, matched as written) come before the trie
    // of the others: where one of them and an ASCII keyword start at one place, the ASCII one
    // is the shorter (it stops before the first non-ASCII character) and contained in it.
    let keyword_patterns = keywords
        .near
        .iter()
        .enumerate()
        .filter(|(_, k)| !k.word.is_ascii())
        .map(|(index, k)| (regex_syntax::escape(&k.word), KeywordSlot::Near(index)))
        .chain(
            keywords
                .trie
                .as_ref()
                .map(|t| (t.pattern.clone(), KeywordSlot::Trie)),
        );
    for (pattern, slot) in keyword_patterns {
        patterns.push(pattern);
        owners.push(PatternOwner {
            slot: Slot::Custom(usize::MAX),
            name: "keyword",
            value_group: None,
            value_trim: None,
            value_split: None,
            unrelaxed: true,
            keyword: Some(slot),
        });
    }
    let trie_ends = keywords.trie.as_ref().map(|t| t.ends_pattern.as_str());
    let candidates =
        build_candidate_set(patterns, owners, trie_ends).map_err(|problem| CompileError {
            rule: "(all rules)".into(),
            detector: None,
            problem,
        })?;
    let contexts = natives.iter().map(|d| ContextMatcher::new(d)).collect();
    requested.truncate(natives.len());
    Ok(Scanner {
        spec_index: SpecIndex::new(&rules),
        candidates,
        combinations,
        requested,
        keywords,
        contexts,
        natives,
        rules,
        context_bytes: policy.context_bytes,
        default_redaction,
    })
}

fn detector_label(spec: &DetectorSpec, index: usize) -> String {
    if let Some(name) = spec.display_name.as_ref().filter(|n| !n.trim().is_empty()) {
        return name.clone();
    }
    match &spec.kind {
        DetectorKind::Native(name) => name.clone(),
        DetectorKind::Regex(_) => format!("REGEX #{}", index + 1),
        DetectorKind::WordList(_) => format!("WORD_LIST #{}", index + 1),
    }
}

/// The configuration of the candidate set's regexes (and of the natives' own match-all set).
fn pass_config(kind: MatchKind) -> meta::Config {
    meta::Config::new()
        .match_kind(kind)
        .nfa_size_limit(Some(256 << 20))
        // A bigger lazy-DFA cache keeps a many-pattern set from rebuilding states over and
        // over (rebar's note on the noseyparker benchmark).
        .hybrid_cache_capacity(64 << 20)
}

fn build_candidate_set(
    patterns: Vec<String>,
    mut owners: Vec<PatternOwner>,
    trie_ends: Option<&str>,
) -> Result<CandidateSet, String> {
    let fail = |e: regex_automata::meta::BuildError| {
        format!("the combined detector patterns do not compile: {e}")
    };
    let exact = meta::Builder::new()
        .configure(pass_config(MatchKind::LeftmostFirst))
        .syntax(syntax::Config::new())
        .build_many(&patterns)
        .map_err(fail)?;
    // Every pattern in one pass. (Splitting literal-prefixed patterns into a second,
    // prefiltered pass was measured: 15% faster on PII-dense text but 45% slower on ordinary
    // text, which is what tickets mostly are.)
    let mut hirs = Vec::with_capacity(patterns.len());
    for (index, p) in patterns.iter().enumerate() {
        let hir = regex_syntax::ParserBuilder::new()
            .build()
            .parse(p)
            .map_err(|e| format!("the combined detector patterns do not compile: {e}"))?;
        let relaxed = relax(&hir);
        owners[index].unrelaxed = relaxed == hir;
        (owners[index].value_trim, owners[index].value_split) = value_cut(&hir);
        hirs.push(relaxed);
    }
    // Keywords are appended after the patterns that make candidates, and the match-all copy
    // leaves them out: it is walked at every match, so it stays as small as the detectors.
    let starts = meta::Builder::new()
        .configure(pass_config(MatchKind::LeftmostFirst))
        .build_many_from_hir(&hirs)
        .map_err(fail)?;
    // The reversed pass walks the keyword trie written by keyword ends (the same strings).
    let mut reversible = hirs.clone();
    for (hir, owner) in reversible.iter_mut().zip(&owners) {
        if owner.keyword == Some(KeywordSlot::Trie) {
            if let Some(ends) = trie_ends.and_then(|p| regex_syntax::parse(p).ok()) {
                *hir = ends;
            }
        }
    }
    let match_starts = crate::match_starts::MatchStarts::new(&reversible);
    let detecting = owners.iter().take_while(|o| o.keyword.is_none()).count();
    let all = meta::Builder::new()
        .configure(pass_config(MatchKind::All))
        .build_many_from_hir(&hirs[..detecting])
        .map_err(fail)?;
    let native = |i: &usize| matches!(owners[*i].slot, Slot::Native(_));
    let natives = ((0..detecting).any(|i| !native(&i))).then(|| {
        let pids: Vec<usize> = (0..detecting).filter(native).collect();
        NativePatterns {
            hirs: pids.iter().map(|&i| hirs[i].clone()).collect(),
            pids: pids
                .into_iter()
                .map(regex_automata::PatternID::must)
                .collect(),
            regex: OnceLock::new(),
        }
    });
    let mut value_regexes = Vec::with_capacity(owners.len());
    for (index, (owner, pattern)) in owners.iter_mut().zip(&patterns).enumerate() {
        // Group indices count within each pattern, so `exact`'s index of the group is the one
        // the pattern alone would give.
        owner.value_group = exact
            .group_info()
            .to_index(regex_automata::PatternID::must(index), "value");
        // The pattern alone is needed only where the group cannot be cut by characters.
        let alone = if owner.value_group.is_some() && owner.value_trim.is_none() {
            Some(
                meta::Builder::new()
                    .configure(pass_config(MatchKind::LeftmostFirst))
                    .build(pattern)
                    .map_err(fail)?,
            )
        } else {
            None
        };
        value_regexes.push(alone);
    }
    Ok(CandidateSet {
        starts,
        all,
        detecting,
        exact,
        match_starts,
        value_regexes,
        owners,
        natives,
    })
}

/// How long, at most, the shortest prefix of a match of `hir` that is itself a match can be:
/// `None` when unbounded.
///
/// Whether a pattern matches anywhere starting in a window is then known from the window plus
/// this many bytes, where the longest match may need far more: `\d+ Main St(?:, Apt \d+)?…`
/// matches once "123 Main St" has been read, whatever optional parts may follow. Only trailing
/// parts that match the empty string with no condition are dropped: an optional group followed
/// by `\b` is kept, since its empty match needs the word boundary there, but an optional group
/// ending in `\b` is dropped (skipping it needs nothing).
pub(crate) fn prefix_bound(hir: &regex_syntax::hir::Hir) -> Option<usize> {
    use regex_syntax::hir::HirKind;
    let optional = matches_empty_unconditionally;
    match hir.kind() {
        HirKind::Concat(parts) => {
            let kept = parts.len() - parts.iter().rev().take_while(|p| optional(p)).count();
            let Some((last, head)) = parts[..kept].split_last() else {
                return Some(0);
            };
            let head = head
                .iter()
                .map(|p| p.properties().maximum_len())
                .sum::<Option<usize>>()?;
            head.checked_add(prefix_bound(last)?)
        }
        HirKind::Alternation(branches) => branches
            .iter()
            .map(prefix_bound)
            .try_fold(0, |widest, b| Some(widest.max(b?))),
        HirKind::Capture(capture) => prefix_bound(&capture.sub),
        // The first `min` copies are a match; the last of them may stop at its own prefix.
        HirKind::Repetition(rep) if rep.min >= 1 => {
            let sub = prefix_bound(&rep.sub)?;
            if rep.min == 1 {
                return Some(sub);
            }
            let full = rep.sub.properties().maximum_len()?;
            full.checked_mul(rep.min as usize - 1)?.checked_add(sub)
        }
        HirKind::Repetition(_) if optional(hir) => Some(0),
        _ => hir.properties().maximum_len(),
    }
}

/// True when `hir` can match the empty string with no look-around to satisfy: an optional
/// group can always be skipped, whatever look-arounds it holds (`(?: Nord\b)?`), while a bare
/// `\b` needs its boundary.
fn matches_empty_unconditionally(hir: &regex_syntax::hir::Hir) -> bool {
    use regex_syntax::hir::HirKind;
    match hir.kind() {
        HirKind::Empty => true,
        HirKind::Literal(_) | HirKind::Class(_) | HirKind::Look(_) => false,
        HirKind::Repetition(rep) => rep.min == 0 || matches_empty_unconditionally(&rep.sub),
        HirKind::Capture(capture) => matches_empty_unconditionally(&capture.sub),
        HirKind::Concat(parts) => parts.iter().all(matches_empty_unconditionally),
        HirKind::Alternation(branches) => branches.iter().any(matches_empty_unconditionally),
    }
}

/// Widest bounded repetition kept as written in the candidate-finding regexes.
const RELAX_SPAN: u32 = 8;

/// A pattern that matches a superset of what `hir` matches: bounded repetitions wider than
/// [`RELAX_SPAN`] become open-ended, and Unicode word boundaries (a user's `\b`) ASCII
/// half-boundaries (see [`relax_look`]). Every start of an exact match is a start of a
/// relaxed match, so no candidate is lost; the exact pattern confirms each one.
fn relax(hir: &regex_syntax::hir::Hir) -> regex_syntax::hir::Hir {
    use regex_syntax::hir::{Capture, Hir, HirKind, Repetition};
    match hir.kind() {
        HirKind::Look(look) => relax_look(*look),
        HirKind::Repetition(rep) => {
            let max = match rep.max {
                Some(max) if max - rep.min > RELAX_SPAN => None,
                other => other,
            };
            Hir::repetition(Repetition {
                min: rep.min,
                max,
                greedy: rep.greedy,
                sub: Box::new(relax(&rep.sub)),
            })
        }
        HirKind::Capture(cap) => Hir::capture(Capture {
            index: cap.index,
            name: cap.name.clone(),
            sub: Box::new(relax(&cap.sub)),
        }),
        HirKind::Concat(subs) => Hir::concat(subs.iter().map(relax).collect()),
        HirKind::Alternation(subs) => Hir::alternation(subs.iter().map(relax).collect()),
        _ => hir.clone(),
    }
}

/// A look-around of a relaxed pattern. A lazy DFA cannot tell a Unicode word boundary next to
/// a non-ASCII character and gives up there; the pass then fell back to the PikeVM of every
/// pattern at once (one custom rule `\bREF-\d+\b` made mixed-script tickets scan at 0.4 MB/s
/// instead of 390). So a Unicode boundary becomes ASCII half-boundaries, which hold wherever
/// it does: where it holds, the character on one side is not a word character, and then
/// neither is that side's byte in ASCII. `\b` becomes "no ASCII word byte before, or none
/// after"; `\b{start}` the first half, `\b{end}` the second. That stays as selective as the
/// boundary between ASCII letters: dropped instead, a rule `(?i)\bpass\b` matched at the start
/// of every "password" (and each such match costs a confirming search; the keyword there
/// opens its windows all the same, `KeywordStage::keyword_at`). `\B` is dropped. Any other look-around stays as it is.
fn relax_look(look: regex_syntax::hir::Look) -> regex_syntax::hir::Hir {
    use regex_syntax::hir::{Hir, Look};
    match look {
        Look::WordUnicode => Hir::alternation(vec![
            Hir::look(Look::WordStartHalfAscii),
            Hir::look(Look::WordEndHalfAscii),
        ]),
        Look::WordStartUnicode | Look::WordStartHalfUnicode => Hir::look(Look::WordStartHalfAscii),
        Look::WordEndUnicode | Look::WordEndHalfUnicode => Hir::look(Look::WordEndHalfAscii),
        Look::WordUnicodeNegate => Hir::empty(),
        other => Hir::look(other),
    }
}

/// Checks a user regex on its own (so its error names it) and returns the pattern as it joins
/// the multi-pattern set.
fn custom_regex_pattern(spec: &RegexSpec) -> Result<String, String> {
    compile_user_regex(spec)?;
    Ok(with_case(spec))
}

fn with_case(spec: &RegexSpec) -> String {
    if spec.case_sensitive {
        spec.pattern.clone()
    } else {
        format!("(?i:{})", spec.pattern)
    }
}

/// Compiles one user-supplied regex with the size limits for untrusted patterns.
pub(crate) fn compile_user_regex(spec: &RegexSpec) -> Result<Regex, String> {
    if spec.pattern.is_empty() {
        return Err("the regex pattern is empty".into());
    }
    if spec.pattern.len() > MAX_CUSTOM_PATTERN_BYTES {
        return Err(format!(
            "the regex pattern is {} bytes long; the limit is {MAX_CUSTOM_PATTERN_BYTES}",
            spec.pattern.len()
        ));
    }
    meta::Builder::new()
        .configure(meta::Config::new().nfa_size_limit(Some(MAX_CUSTOM_PATTERN_NFA_BYTES)))
        .syntax(syntax::Config::new().nest_limit(64))
        .build(&with_case(spec))
        .map_err(|e| {
            if e.size_limit().is_some() {
                format!("the regex pattern compiles too large (over {MAX_CUSTOM_PATTERN_NFA_BYTES} bytes); simplify its repetitions")
            } else {
                format!("invalid regex: {}", one_line(&e.to_string()))
            }
        })
}

fn one_line(message: &str) -> String {
    message.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn check_words(list: &WordListSpec) -> Result<Vec<&str>, String> {
    let words: Vec<&str> = list
        .values
        .iter()
        .map(|w| w.trim())
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        return Err("the word list is empty".into());
    }
    if words.len() > MAX_WORD_LIST_VALUES {
        return Err(format!(
            "the word list has {} values; the limit is {MAX_WORD_LIST_VALUES}",
            words.len()
        ));
    }
    Ok(words)
}

/// A word list as one regex alternation: literal words, with ASCII word boundaries on the
/// sides that start or end with a word character (so `cat` does not match in `concatenate`).
fn word_list_pattern(list: &WordListSpec) -> Result<String, String> {
    let words = check_words(list)?;
    let is_word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
    let alternatives: Vec<String> = words
        .iter()
        .map(|w| {
            let lead = if is_word(w.chars().next()) {
                r"(?-u:\b)"
            } else {
                ""
            };
            let tail = if is_word(w.chars().last()) {
                r"(?-u:\b)"
            } else {
                ""
            };
            format!("{lead}{}{tail}", regex_syntax::escape(w))
        })
        .collect();
    let flags = if list.case_sensitive { "" } else { "(?i)" };
    Ok(format!("{flags}(?:{})", alternatives.join("|")))
}

fn compile_exclusion(
    matcher: &ExclusionMatcher,
    match_type: MatchType,
) -> Result<CompiledExclusion, String> {
    match matcher {
        ExclusionMatcher::Regex(spec) => {
            let anchored = RegexSpec {
                pattern: if match_type == MatchType::Full {
                    format!(r"\A(?:{})\z", spec.pattern)
                } else {
                    spec.pattern.clone()
                },
                case_sensitive: spec.case_sensitive,
            };
            compile_user_regex(spec)?;
            Ok(CompiledExclusion::Regex {
                regex: compile_user_regex(&anchored)?,
            })
        }
        ExclusionMatcher::WordList(list) => {
            let words = check_words(list)?;
            match match_type {
                MatchType::Full => Ok(CompiledExclusion::WordsFull {
                    words: words
                        .iter()
                        .map(|w| {
                            if list.case_sensitive {
                                w.to_string()
                            } else {
                                w.to_lowercase()
                            }
                        })
                        .collect(),
                    case_sensitive: list.case_sensitive,
                }),
                MatchType::Partial => {
                    let automaton = AhoCorasickBuilder::new()
                        .ascii_case_insensitive(!list.case_sensitive)
                        .match_kind(AcMatchKind::LeftmostFirst)
                        .build(&words)
                        .map_err(|e| format!("the word list does not compile: {e}"))?;
                    Ok(CompiledExclusion::WordsPartial { automaton })
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::ScanPolicy;
    use crate::scan::Scanner;

    /// `keyword_at` tells, at every place of the detectors' examples (and of text holding the
    /// keywords that are not ASCII, in both cases), the keyword the pass itself finds there:
    /// the keyword pattern that wins the pass anchored there, or where a detecting pattern
    /// wins, the first keyword pattern in the pass's order that matches there.
    #[test]
    fn keyword_at_finds_what_the_pass_keywords_find_anchored() {
        use regex_automata::{Anchored, Input, PatternID};
        let scanner = Scanner::new(&ScanPolicy::default_rules()).unwrap();
        let stage = &scanner.keywords;
        let set = &scanner.candidates;
        let trie = stage.trie.as_ref().unwrap();
        let keyword_of = |text: &str, m: regex_automata::Match| match set.owners
            [m.pattern().as_usize()]
        .keyword?
        {
            super::KeywordSlot::Near(index) => Some(index),
            super::KeywordSlot::Trie => trie.keyword_of(&text.as_bytes()[m.range()]),
        };
        let mut texts: Vec<String> = crate::registry::NATIVE_DETECTORS
            .iter()
            .flat_map(|d| crate::registry::example_texts(d))
            .map(str::to_string)
            .collect();
        let not_ascii: Vec<&str> = stage
            .near
            .iter()
            .map(|k| k.word.as_str())
            .filter(|w| !w.is_ascii())
            .collect();
        assert!(not_ascii.len() >= 5, "{not_ascii:?}");
        texts.push(not_ascii.join(" ; "));
        texts.push(not_ascii.join("").to_uppercase());
        let (mut places, mut found) = (0, 0);
        for text in &texts {
            for at in (0..text.len()).filter(|&at| text.is_char_boundary(at)) {
                let input = Input::new(text.as_str())
                    .span(at..text.len())
                    .anchored(Anchored::Yes);
                let expected = match set.starts.search(&input) {
                    Some(m) if m.pattern().as_usize() >= set.detecting => keyword_of(text, m),
                    Some(_) => (set.detecting..set.owners.len()).find_map(|pid| {
                        let only = input
                            .clone()
                            .anchored(Anchored::Pattern(PatternID::must(pid)));
                        keyword_of(text, set.starts.search(&only)?)
                    }),
                    None => None,
                };
                assert_eq!(stage.keyword_at(text, at), expected, "{text:?} at {at}");
                places += 1;
                found += usize::from(expected.is_some());
            }
        }
        assert!(
            places > 10_000 && found > 500,
            "{places} places, {found} keywords"
        );
    }

    /// The regexes built on first use all build (value splits included), and the `value`
    /// group index read from each gated pattern's syntax tree is the one its regex gives.
    #[test]
    fn every_lazy_regex_builds() {
        let scanner = Scanner::new(&ScanPolicy::default_rules()).unwrap();
        let stage = &scanner.keywords;
        let mut with_value = 0;
        let mut splits = 0;
        for owner in &scanner.candidates.owners {
            if let Some(split) = &owner.value_split {
                assert!(split.builds(), "{}: value split", owner.name);
                splits += 1;
            }
        }
        for gated in &stage.gated {
            let super::GatedKind::Near { regex, .. } = &gated.kind else {
                continue;
            };
            regex
                .try_build()
                .unwrap_or_else(|e| panic!("{}: {e}", gated.owner.name));
            if let Some(split) = &gated.owner.value_split {
                assert!(split.builds(), "{}: value split", gated.owner.name);
                splits += 1;
            }
            let built = regex.get().expect("built");
            let expected = built
                .group_info()
                .to_index(regex_automata::PatternID::ZERO, "value");
            assert_eq!(gated.owner.value_group, expected, "{}", gated.owner.name);
            with_value += usize::from(expected.is_some());
        }
        assert!(
            with_value > 100,
            "{with_value} gated patterns with a value group"
        );
        assert!(splits > 20, "{splits} value splits");
        assert!(stage.groups.len() > 10);
        for group in &stage.groups {
            group.regex.try_build().unwrap();
            // The lockstep questions need the DFA alone (else they go to the regex, slower).
            assert!(group.regex.dfa().is_some(), "a window group's DFA");
        }
    }

    /// Every detector's context words build their automaton (built on first use), and each
    /// word is found in a text that is that word.
    #[test]
    fn every_context_matcher_builds() {
        let scanner = Scanner::new(&ScanPolicy::default_rules()).unwrap();
        let mut with_words = 0;
        for (detector, matcher) in scanner.natives.iter().zip(&scanner.contexts) {
            matcher
                .build()
                .unwrap_or_else(|e| panic!("{}: {e}", detector.name));
            for (index, (word, _)) in matcher.words.iter().enumerate() {
                let mut found = false;
                matcher.each_word(word.as_bytes(), |_, _, i| found |= i == index);
                assert!(found, "{}: {word:?}", detector.name);
            }
            with_words += usize::from(matcher.has_words());
        }
        assert!(with_words > 40, "{with_words} detectors with context words");
    }

    /// A keyword that begins with another is listed before it, and opens its windows too.
    #[test]
    fn longer_keywords_come_first_and_open_the_shorter_ones_windows() {
        let scanner = Scanner::new(&ScanPolicy::default_rules()).unwrap();
        let near = &scanner.keywords.near;
        let word = |k: &super::NearKeyword| k.word.clone();
        let mut pairs = 0;
        for (i, long) in near.iter().enumerate() {
            for (j, short) in near.iter().enumerate() {
                if i != j
                    && word(long).starts_with(&word(short))
                    && long.word.len() > short.word.len()
                {
                    pairs += 1;
                    assert!(i < j, "{} is listed after {}", word(long), word(short));
                    for t in &short.gated {
                        assert!(long.gated.contains(t), "{} misses a window", word(long));
                    }
                }
            }
        }
        assert!(
            pairs > 0,
            "the catalogue has keywords that begin with others"
        );
    }
}
#[cfg(test)]
mod prefix_bound_tests {
    use super::prefix_bound;
    use regex_automata::{meta::Regex, Anchored, Input};

    fn bound(pattern: &str) -> Option<usize> {
        prefix_bound(&regex_syntax::parse(pattern).unwrap())
    }

    #[test]
    fn optional_tails_are_dropped_but_conditional_ones_kept() {
        assert_eq!(bound(r"[0-9]{1,6} Main St(?:, Apt [0-9]{1,4})?"), Some(14));
        // The empty tail needs a word boundary after "abc": it stays.
        assert_eq!(bound(r"abc(?:def)?\b"), Some(6));
        assert_eq!(bound(r"(?:ab|abcd)x{2,3}"), Some(6));
        assert_eq!(bound(r"(?P<value>k[0-9]{4})[a-z]*"), Some(5));
        assert_eq!(bound(r"[a-z]+@"), None);
        assert_eq!(bound(r"x*"), Some(0));
        // An optional tail is dropped whatever look-arounds it holds.
        assert_eq!(bound(r"ab(?: Nord\b)?(?:,\b[0-9]{5})?"), Some(2));
    }

    /// On every keyword-gated pattern of the catalogue, each match of its examples has a
    /// prefix within the bound that is itself a match.
    #[test]
    fn every_example_match_has_a_matching_prefix_within_the_bound() {
        let mut checked = 0;
        for det in crate::registry::NATIVE_DETECTORS {
            for pattern in det.patterns {
                let crate::detector::Find::Near { regex, .. } = pattern.find else {
                    continue;
                };
                let Some(bound) = bound(regex) else {
                    continue;
                };
                let re = Regex::new(regex).unwrap();
                for text in crate::registry::example_texts(det) {
                    for m in re.find_iter(text) {
                        let mut end = (m.start() + bound).min(text.len());
                        while !text.is_char_boundary(end) {
                            end += 1;
                        }
                        let input = Input::new(text)
                            .span(m.start()..end)
                            .anchored(Anchored::Yes);
                        assert!(
                            re.is_match(input),
                            "{}: no match within {bound} bytes of {:?}",
                            pattern.name,
                            &text[m.range()]
                        );
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 300, "only {checked} matches checked");
    }
}
