//! Small word sets walked by hand: ASCII case-insensitive sets searched in short haystacks
//! (the context words in the few dozen bytes around a candidate, the placeholder words inside
//! a candidate value), and keywords looked up at one place ([`AnchoredWords`]).
//!
//! An `AhoCorasick` search sets up an input, a prefilter and an iterator on every call, which
//! costs several times more than walking a 40-byte haystack; these keep the automaton's DFA
//! and walk it byte by byte.

use aho_corasick::automaton::Automaton;
use aho_corasick::automaton::StateID;
use aho_corasick::{dfa, Anchored, MatchKind, PatternID, StartKind};

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
                for pattern in matches_of(dfa, state) {
                    found(end - dfa.pattern_len(pattern), end, pattern.as_usize());
                }
            }
        }
    }

    /// Calls `found(which, start, end, word index)` for every occurrence of a word in `first`
    /// (`which` 0) and then in `second` (`which` 1), each in order of their ends: the same
    /// calls as [`WordSet::each_match`] on one and then the other.
    ///
    /// The two are walked in lockstep: each step waits on the load of the next state, and
    /// the steps of two walks do not wait on each other (the context words before and after
    /// a candidate, which PII-dense text asks for some 7,000 times a megabyte).
    pub fn each_match_in_two(
        &self,
        first: &[u8],
        second: &[u8],
        found: &mut dyn FnMut(usize, usize, usize, usize),
    ) {
        // (end, pattern) per haystack; words are rare in a window, and a window with more
        // than fit here is walked again the plain way.
        const MAX_HITS: usize = 16;
        let mut hits = [[(0usize, PatternID::ZERO); MAX_HITS]; 2];
        let mut counts = [0usize; 2];
        let dfa = &self.dfa;
        let Ok(start) = dfa.start_state(Anchored::No) else {
            return;
        };
        let mut record = |which: usize, state: StateID, end: usize| {
            for pattern in matches_of(dfa, state) {
                if let Some(slot) = hits[which].get_mut(counts[which]) {
                    *slot = (end, pattern);
                }
                counts[which] += 1;
            }
        };
        let (mut a, mut b) = (start, start);
        let both = first.len().min(second.len());
        for at in 0..both {
            a = dfa.next_state(Anchored::No, a, first[at]);
            b = dfa.next_state(Anchored::No, b, second[at]);
            if dfa.is_special(a) && dfa.is_match(a) {
                record(0, a, at + 1);
            }
            if dfa.is_special(b) && dfa.is_match(b) {
                record(1, b, at + 1);
            }
        }
        for (which, rest, mut state) in [(0, first, a), (1, second, b)] {
            for (at, &byte) in rest.iter().enumerate().skip(both) {
                state = dfa.next_state(Anchored::No, state, byte);
                if dfa.is_special(state) && dfa.is_match(state) {
                    record(which, state, at + 1);
                }
            }
        }
        if counts.iter().any(|&count| count > MAX_HITS) {
            self.walk(first, &mut |s, e, i| found(0, s, e, i));
            self.walk(second, &mut |s, e, i| found(1, s, e, i));
            return;
        }
        for which in 0..2 {
            for &(end, pattern) in &hits[which][..counts[which]] {
                found(
                    which,
                    end - dfa.pattern_len(pattern),
                    end,
                    pattern.as_usize(),
                );
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

/// The words that end where a match state of `dfa` was reached.
fn matches_of(dfa: &dfa::DFA, state: StateID) -> impl Iterator<Item = PatternID> + '_ {
    (0..dfa.match_len(state)).map(move |index| dfa.match_pattern(state, index))
}

/// Words looked up at one place of a text: which of them (by the index it was given) is
/// spelled there, by an Aho-Corasick DFA's match semantics.
pub(crate) struct AnchoredWords {
    dfa: dfa::DFA,
    /// The index given with each word, by automaton pattern.
    index: Vec<usize>,
}

impl AnchoredWords {
    /// `words` as (word, index); `kind` says which of several spelled at one place is meant
    /// (the longest, or the first given).
    pub fn new<'a>(
        words: impl IntoIterator<Item = (&'a [u8], usize)>,
        kind: MatchKind,
        ascii_case_insensitive: bool,
    ) -> Result<AnchoredWords, String> {
        let (words, index): (Vec<&[u8]>, Vec<usize>) = words.into_iter().unzip();
        let dfa = dfa::Builder::new()
            .ascii_case_insensitive(ascii_case_insensitive)
            .match_kind(kind)
            .start_kind(StartKind::Anchored)
            .build(words)
            .map_err(|e| format!("the detector keywords do not compile: {e}"))?;
        Ok(AnchoredWords { dfa, index })
    }

    /// The index of the word spelled at `at`, if any.
    pub fn at(&self, text: &[u8], at: usize) -> Option<usize> {
        // The automaton walked here rather than through a search, whose set-up cost more than
        // the few bytes it reads (it is asked at most match starts of PII-dense text). A
        // leftmost DFA goes dead once no preferred match can follow: the last match seen is
        // the one.
        let dfa = &self.dfa;
        let mut state = dfa.start_state(Anchored::Yes).ok()?;
        let mut found = None;
        for (read, &byte) in text.get(at..)?.iter().enumerate() {
            state = dfa.next_state(Anchored::Yes, state, byte);
            if dfa.is_special(state) {
                if dfa.is_dead(state) {
                    break;
                }
                // A match state also carries the matches of its suffixes (the automaton's
                // unanchored half): only a word read from `at` on counts.
                if dfa.is_match(state) {
                    let pattern = dfa.match_pattern(state, 0);
                    if dfa.pattern_len(pattern) == read + 1 {
                        found = Some(pattern);
                    }
                }
            }
        }
        self.index.get(found?.as_usize()).copied()
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

    /// Two haystacks walked in lockstep give the calls of one walk over each, in that order:
    /// of every length pairing, and with more words than the lockstep walk keeps.
    #[test]
    fn two_haystacks_in_lockstep_match_one_walk_each() {
        let set = WordSet::new(["order", "or", "tracking", "no", "o"]).unwrap();
        let texts: [&[u8]; 6] = [
            b"",
            b"Your ORDER / Tracking",
            b"no order",
            b"xx",
            b"nonononononononononononononononononononononono",
            b"tracking no. or order no",
        ];
        let mut checked = 0;
        for first in texts {
            for second in texts {
                let mut expected = Vec::new();
                set.each_match(first, |s, e, i| expected.push((0, s, e, i)));
                set.each_match(second, |s, e, i| expected.push((1, s, e, i)));
                let mut got = Vec::new();
                set.each_match_in_two(first, second, &mut |w, s, e, i| got.push((w, s, e, i)));
                assert_eq!(got, expected, "{first:?} / {second:?}");
                checked += got.len();
            }
        }
        assert!(checked > 300, "{checked}");
    }
}
