//! Small ASCII case-insensitive word sets searched in short haystacks: the context words in
//! the few dozen bytes around a candidate, the placeholder words inside a candidate value.
//!
//! An `AhoCorasick` search sets up an input, a prefilter and an iterator on every call, which
//! costs several times more than walking a 40-byte haystack; these sets keep the automaton's
//! DFA and walk it byte by byte.

use aho_corasick::automaton::Automaton;
use aho_corasick::{dfa, Anchored, MatchKind, StartKind};

/// Words found anywhere in a haystack, overlapping ones included.
pub(crate) struct WordSet {
    dfa: dfa::DFA,
}

impl WordSet {
    /// Builds the set; `Err` names what the automaton builder rejected.
    pub fn new<I, W>(words: I) -> Result<WordSet, String>
    where
        I: IntoIterator<Item = W>,
        W: AsRef<[u8]>,
    {
        let dfa = dfa::Builder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .start_kind(StartKind::Unanchored)
            .build(words)
            .map_err(|e| e.to_string())?;
        Ok(WordSet { dfa })
    }

    /// Calls `found(start, end, word index)` for every occurrence of a word in `haystack`,
    /// in order of their ends.
    pub fn each_match(&self, haystack: &[u8], mut found: impl FnMut(usize, usize, usize)) {
        self.walk(haystack, &mut found);
    }

    // `found` behind a pointer: words are rare in a window, and a caller's closure inlined
    // into the loop (the context scorer's holds a dozen values) made the walk spill its
    // registers on every byte (measured: 40% more instructions).
    fn walk(&self, haystack: &[u8], found: &mut dyn FnMut(usize, usize, usize)) {
        let dfa = &self.dfa;
        let Ok(mut state) = dfa.start_state(Anchored::No) else {
            return;
        };
        for (at, &byte) in haystack.iter().enumerate() {
            state = dfa.next_state(Anchored::No, state, byte);
            if dfa.is_special(state) && dfa.is_match(state) {
                let end = at + 1;
                for index in 0..dfa.match_len(state) {
                    let pattern = dfa.match_pattern(state, index);
                    found(end - dfa.pattern_len(pattern), end, pattern.as_usize());
                }
            }
        }
    }

    /// True when `haystack` contains any of the words.
    pub fn occurs_in(&self, haystack: &[u8]) -> bool {
        let dfa = &self.dfa;
        let Ok(mut state) = dfa.start_state(Anchored::No) else {
            return false;
        };
        for &byte in haystack {
            state = dfa.next_state(Anchored::No, state, byte);
            if dfa.is_special(state) && dfa.is_match(state) {
                return true;
            }
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_word_case_insensitively_with_its_span() {
        let set = WordSet::new(["order", "or", "tracking"]).unwrap();
        let mut found = Vec::new();
        set.each_match(b"Your ORDER / Tracking", |s, e, i| found.push((s, e, i)));
        assert_eq!(found, vec![(5, 7, 1), (5, 10, 0), (13, 21, 2)]);
        assert!(set.occurs_in(b"xxTRACKINGxx"));
        assert!(!set.occurs_in(b"trackin"));
        assert!(!set.occurs_in(b""));
    }
}
