//! Where the pass's matches start, found for several texts at once.
//!
//! The pass is a lazy DFA walked one byte at a time, and each step waits on the load of the
//! next state: on ticket text that is most of its time (the transition table of a few
//! hundred keywords and the detecting patterns does not stay in the first-level cache). Walks
//! over *different* texts do not wait on each other: walked in lockstep, eight texts take
//! 2.5 times as long as one, not eight (measured on sparse ticket text: four lanes 2.5 × the
//! bytes per second of one, eight lanes 3.2 ×; see docs/benchmarks.md).
//!
//! The walk is the pass's patterns reversed, with every match reported (`MatchKind::All`),
//! from each text's end to its start: a match of the reversed patterns ending at `p` is a
//! match of the patterns starting at `p`, so the walk lists every position where some match
//! starts. The pass then needs no search over the stretches between matches: from any
//! position, the leftmost-first match is the one an anchored search finds at the first listed
//! start at or after it (no match starts before that, and at one start the preferred match does
//! not depend on where a search began). Anchored searches need no reverse search either.

use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::hybrid::LazyStateID;
use regex_automata::nfa::thompson;
use regex_automata::util::pool::Pool;
use regex_automata::util::start;
use regex_automata::{Anchored, MatchKind};
use regex_syntax::hir::Hir;

/// How many texts are walked in lockstep, at most (measured on sparse ticket text, the walk
/// alone: one lane 255 MB/s, four 630–660, eight 730–815, twelve 520 as registers run out).
const LANES: usize = 8;

type CachePool = Pool<Cache, Box<dyn Fn() -> Cache + Send + Sync>>;

/// The reversed pass and a cache per thread.
pub(crate) struct MatchStarts {
    dfa: DFA,
    caches: CachePool,
}

impl std::fmt::Debug for MatchStarts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MatchStarts").finish_non_exhaustive()
    }
}

/// A place where some match of the pass starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Start {
    pub at: usize,
    /// Only one of the pass's patterns has a match starting here (the reversed walk's match
    /// state names them all): the pass's own match there is the only one, and no keyword
    /// starts there unless it is that match.
    pub alone: bool,
}

/// Why a walk stopped short of telling where matches start.
enum Stop {
    /// The lazy DFA could not go on (it gave up): the texts are searched as one text is. (A
    /// text where a pattern needs a Unicode word boundary at a non-ASCII byte is left to be
    /// searched alone, and the others walk on.)
    Unknown,
    /// The cache was cleared to make room: every state ID in hand is stale.
    Cleared,
}

/// One text being walked: which, how much of it is left, and the state reached.
#[derive(Clone, Copy)]
struct Lane {
    text: usize,
    left: usize,
    state: LazyStateID,
}

impl MatchStarts {
    /// The reversed DFA of the pass's patterns (relaxed, as the pass has them); `None` when it
    /// does not build, and then batches are scanned text by text.
    pub fn new(hirs: &[Hir]) -> Option<MatchStarts> {
        // As the pass's own: a bigger cache rebuilds fewer states.
        MatchStarts::with_cache_capacity(hirs, 64 << 20)
    }

    fn with_cache_capacity(hirs: &[Hir], capacity: usize) -> Option<MatchStarts> {
        let nfa = thompson::Compiler::new()
            .configure(
                thompson::Config::new()
                    .reverse(true)
                    .which_captures(thompson::WhichCaptures::None)
                    .nfa_size_limit(Some(256 << 20)),
            )
            .build_many_from_hir(hirs)
            .ok()?;
        let dfa = DFA::builder()
            .configure(
                DFA::config()
                    .match_kind(MatchKind::All)
                    .cache_capacity(capacity)
                    .skip_cache_capacity_check(true)
                    // A custom pattern's `\b` (Unicode) stops the walk at a non-ASCII byte
                    // rather than keeping the DFA from building.
                    .unicode_word_boundary(true),
            )
            .build_from_nfa(nfa)
            .ok()?;
        let for_pool = dfa.clone();
        let caches: CachePool = Pool::new(Box::new(move || for_pool.create_cache()));
        Some(MatchStarts { dfa, caches })
    }

    /// For each text, the positions where a match of the pass starts, ascending; `None` for a
    /// text the walk could not tell about (it is then searched as a single text is).
    pub fn of(&self, texts: &[&str]) -> Vec<Option<Vec<Start>>> {
        let mut cache = self.caches.get();
        // A cache cleared mid-walk makes every lane's state stale: walk again from the start,
        // as a search that clears its cache does. A cache cleared again and again (texts
        // that keep making new states) falls back to searching text by text.
        for _ in 0..3 {
            let mut starts = vec![Some(Vec::new()); texts.len()];
            match self.walk(&mut cache, texts, &mut starts) {
                Ok(()) => {
                    for s in starts.iter_mut().flatten() {
                        s.reverse();
                    }
                    return starts;
                }
                Err(Stop::Cleared) => continue,
                Err(Stop::Unknown) => break,
            }
        }
        vec![None; texts.len()]
    }

    fn walk(
        &self,
        cache: &mut Cache,
        texts: &[&str],
        starts: &mut [Option<Vec<Start>>],
    ) -> Result<(), Stop> {
        let clears = cache.clear_count();
        let at_end = self
            .dfa
            .start_state(
                cache,
                &start::Config::new()
                    .anchored(Anchored::No)
                    .look_behind(None),
            )
            .map_err(|_| Stop::Unknown)?;
        if cache.clear_count() != clears {
            return Err(Stop::Cleared);
        }
        let lane_of = |text: usize| Lane {
            text,
            left: texts[text].len(),
            state: at_end,
        };
        let mut walk = Walk {
            dfa: &self.dfa,
            cache,
            clears,
            texts,
            starts,
        };
        let mut queue = (0..texts.len()).map(lane_of);
        let mut lanes: Vec<Lane> = queue.by_ref().take(LANES).collect();
        // Eight lanes while texts are waiting, then four, two and one for the last ones.
        while !lanes.is_empty() {
            match lanes.len() {
                LANES.. => walk.round::<LANES>(&mut lanes)?,
                4.. => walk.round::<4>(&mut lanes)?,
                2.. => walk.round::<2>(&mut lanes)?,
                _ => walk.round::<1>(&mut lanes)?,
            }
            lanes.extend(queue.by_ref().take(LANES - lanes.len()));
        }
        Ok(())
    }
}

/// One walk's DFA, cache and texts, and the starts it has listed.
struct Walk<'w, 't> {
    dfa: &'w DFA,
    cache: &'w mut Cache,
    /// The cache's clear count when the walk began: a different one makes every state stale.
    clears: usize,
    texts: &'w [&'t str],
    starts: &'w mut [Option<Vec<Start>>],
}

impl Walk<'_, '_> {
    /// Walks the `run` bytes before each lane's `left`, every lane a byte at a time in
    /// lockstep, from the last.
    fn lanes<const N: usize>(&mut self, lanes: &mut [Lane; N], run: usize) -> Result<usize, Stop> {
        let from: [usize; N] = std::array::from_fn(|k| lanes[k].left - run);
        let bytes: [&[u8]; N] =
            std::array::from_fn(|k| &self.texts[lanes[k].text].as_bytes()[from[k]..lanes[k].left]);
        let mut states: [LazyStateID; N] = std::array::from_fn(|k| lanes[k].state);
        // How far every lane has read (from the end), and whether one's text cannot be walked.
        let mut i = run;
        let mut quit = false;
        'walk: while i > 0 {
            // Lanes whose state is tagged (a match, or one not built yet) step the slow way
            // until all are plain states again.
            while states.iter().any(|s| s.is_tagged()) {
                if i == 0 {
                    break 'walk;
                }
                i -= 1;
                for k in 0..N {
                    quit |= self.step((lanes[k].text, from[k]), &mut states[k], bytes[k], i)?;
                }
                if quit {
                    break 'walk;
                }
            }
            match fast_steps(self.dfa, self.cache, &bytes, &mut states, i) {
                None => i = 0,
                Some((at, stopped)) => {
                    // Lanes before `stopped` have read the byte at `at`; it and the rest
                    // have not.
                    for k in stopped..N {
                        quit |=
                            self.step((lanes[k].text, from[k]), &mut states[k], bytes[k], at)?;
                    }
                    i = at;
                    if quit {
                        break 'walk;
                    }
                }
            }
        }
        for (lane, state) in lanes.iter_mut().zip(states) {
            lane.state = state;
        }
        Ok(run - i)
    }

    /// Reads the byte at `at` of `bytes`, the part of text `text` that begins at `from`, and
    /// steps, the slow way if need be. A match state after reading a byte backwards means a
    /// match starts just after it.
    fn step(
        &mut self,
        (text, from): (usize, usize),
        state: &mut LazyStateID,
        bytes: &[u8],
        at: usize,
    ) -> Result<bool, Stop> {
        let byte = bytes[at];
        if !state.is_tagged() {
            let next = self.dfa.next_state_untagged(self.cache, *state, byte);
            if !next.is_tagged() {
                *state = next;
                return Ok(false);
            }
        }
        let next = self
            .dfa
            .next_state(self.cache, *state, byte)
            .map_err(|_| Stop::Unknown)?;
        if self.cache.clear_count() != self.clears {
            return Err(Stop::Cleared);
        }
        *state = next;
        if next.is_quit() {
            // (A Unicode word boundary at a non-ASCII byte; the pass's patterns leave them out,
            // so only for safety's sake.) This text is searched as one text is; the others of
            // the batch walk on.
            self.starts[text] = None;
            return Ok(true);
        }
        if next.is_match() {
            if let Some(s) = &mut self.starts[text] {
                s.push(Start {
                    at: from + at + 1,
                    alone: self.dfa.match_len(self.cache, next) == 1,
                });
            }
        }
        Ok(false)
    }

    /// Walks the first `N` lanes together until the shortest runs out; lanes with text
    /// left go to the back.
    fn round<const N: usize>(&mut self, lanes: &mut Vec<Lane>) -> Result<(), Stop> {
        let mut these: [Lane; N] = std::array::from_fn(|k| lanes[k]);
        let run = these.iter().map(|l| l.left).min().unwrap_or(0);
        // (Fewer than `run` when a text turned out not walkable: the round stops there.)
        let read = self.lanes(&mut these, run)?;
        lanes.drain(..N);
        for mut lane in these {
            if self.starts[lane.text].is_none() {
                continue;
            }
            lane.left -= read;
            if lane.left == 0 {
                self.finish(&lane)?;
            } else {
                lanes.push(lane);
            }
        }
        Ok(())
    }

    /// The end of a text's walk (its first byte read): a match may start at 0.
    fn finish(&mut self, lane: &Lane) -> Result<(), Stop> {
        let last = self
            .dfa
            .next_eoi_state(self.cache, lane.state)
            .map_err(|_| Stop::Unknown)?;
        if self.cache.clear_count() != self.clears {
            return Err(Stop::Cleared);
        }
        if last.is_quit() {
            self.starts[lane.text] = None;
            return Ok(());
        }
        if last.is_match() {
            if let Some(s) = &mut self.starts[lane.text] {
                s.push(Start {
                    at: 0,
                    alone: self.dfa.match_len(self.cache, last) == 1,
                });
            }
        }
        Ok(())
    }
}

/// The walk's fast path: steps every lane back from `i` while each step reaches a state
/// already built that is not a match, and tells where that stopped: the index and the lane
/// whose step there was not one of those (lanes before it have stepped at that index, it and
/// the lanes after it have not); `None` when every lane has read `bytes[..i]`.
///
/// Every state in `states` must be untagged. Kept apart from the slow path so that the
/// states, the texts and the transition table stay in registers: a loop that also held the
/// slow path kept its states on the stack, and each step waited on a store and a reload as
/// well as on the table (with four lanes, a 500 KB sparse scan took 9.4 M instructions
/// instead of 12.9 M, and the walk alone ran 10% faster).
#[inline(always)]
fn fast_steps<const N: usize>(
    dfa: &DFA,
    cache: &Cache,
    bytes: &[&[u8]; N],
    states: &mut [LazyStateID; N],
    mut i: usize,
) -> Option<(usize, usize)> {
    while i > 0 {
        i -= 1;
        for k in 0..N {
            let next = dfa.next_state_untagged(cache, states[k], bytes[k][i]);
            if next.is_tagged() {
                return Some((i, k));
            }
            states[k] = next;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::{MatchStarts, Start};
    use regex_automata::meta::Regex;
    use regex_automata::{Anchored, Input, MatchKind};
    use regex_syntax::hir::Hir;

    fn hirs(patterns: &[&str]) -> Vec<Hir> {
        patterns
            .iter()
            .map(|p| regex_syntax::parse(p).unwrap())
            .collect()
    }

    /// Every position where some pattern matches, and whether only one does, found the slow
    /// way (each pattern asked alone).
    fn brute_force(patterns: &[&str], text: &str) -> Vec<Start> {
        let each: Vec<Regex> = patterns
            .iter()
            .map(|p| {
                Regex::builder()
                    .configure(Regex::config().match_kind(MatchKind::All))
                    .build(p)
                    .unwrap()
            })
            .collect();
        (0..=text.len())
            .filter(|&p| text.is_char_boundary(p))
            .filter_map(|p| {
                let input = Input::new(text).span(p..text.len()).anchored(Anchored::Yes);
                let matching = each.iter().filter(|r| r.is_match(input.clone())).count();
                (matching > 0).then_some(Start {
                    at: p,
                    alone: matching == 1,
                })
            })
            .collect()
    }

    /// The positions alone.
    fn places(starts: &[Option<Vec<Start>>]) -> Vec<Option<Vec<usize>>> {
        starts
            .iter()
            .map(|s| s.as_ref().map(|s| s.iter().map(|start| start.at).collect()))
            .collect()
    }

    const PATTERNS: &[&str] = &[
        r"(?-u:\b)[0-9]{3}-[0-9]{2}-[0-9]{4}(?-u:\b)",
        r"(?i:pass(?:word)?|token|secret|key)",
        r"[a-z]+@[a-z]+\.com",
        r"a*b",
        r"(?:^|[^0-9])(?P<value>[0-9]{4})(?:$|[^0-9])",
        r"é+t",
    ];

    fn texts() -> Vec<String> {
        let mut texts: Vec<String> = [
            "",
            "b",
            "my password is 123-45-6789, bob@example.com",
            "aaab ab b 1234 12345 été",
            "TOKEN SecretKey keykey 4321",
            "nothing here at all, just words",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // Texts of different lengths, so that lanes run out at different places.
        for n in 1..12 {
            texts.push("x 5555 passw0rd aab é ".repeat(n * 7));
        }
        texts
    }

    #[test]
    fn lists_every_position_where_a_match_starts() {
        let finder = MatchStarts::new(&hirs(PATTERNS)).unwrap();
        let texts = texts();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let found = finder.of(&refs);
        for (text, starts) in texts.iter().zip(found) {
            assert_eq!(starts, Some(brute_force(PATTERNS, text)), "{text:?}");
        }
        // One text at a time, and two, take the other paths through the lanes.
        for text in &refs {
            assert_eq!(finder.of(&[text])[0], Some(brute_force(PATTERNS, text)));
        }
    }

    #[test]
    fn a_cache_cleared_mid_walk_gives_the_same_positions_or_none() {
        let words = |seed: u64, n: usize| -> String {
            // Different texts need different states: letters and digits in a seeded order.
            let mut x = seed;
            (0..n)
                .map(|_| {
                    x = x
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    let c = b"abcdefghijklmnopqrstuvwxyz0123456789 -@.ABC"[(x >> 33) as usize % 43];
                    c as char
                })
                .collect()
        };
        // Caches from too small to hold one walk's states (every walk falls back) to big
        // enough for all: in between, walks clear the states of earlier ones and go on.
        let mut succeeded_after_clearing = 0;
        for capacity in (20..64).step_by(2).map(|k| k << 10) {
            let finder = MatchStarts::with_cache_capacity(&hirs(PATTERNS), capacity).unwrap();
            for round in 0..6u64 {
                let texts: Vec<String> = (0..9)
                    .map(|i| words(round * 100 + i, 300 + 50 * i as usize))
                    .collect();
                let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
                let before = finder.caches.get().clear_count();
                let found = finder.of(&refs);
                let cleared = finder.caches.get().clear_count() > before;
                for (text, starts) in texts.iter().zip(&found) {
                    if let Some(starts) = starts {
                        assert_eq!(starts, &brute_force(PATTERNS, text), "{text:?}");
                    }
                }
                if cleared && found.iter().all(Option::is_some) {
                    succeeded_after_clearing += 1;
                }
            }
        }
        assert!(
            succeeded_after_clearing > 0,
            "no walk cleared the cache and went on"
        );
    }

    #[test]
    fn a_unicode_word_boundary_stops_at_non_ascii_text() {
        let finder = MatchStarts::new(&hirs(&[r"\bfoo\b", "bar"])).unwrap();
        assert_eq!(
            places(&finder.of(&["foo bar", "a foo"])),
            vec![Some(vec![0, 4]), Some(vec![2])]
        );
        // Only the text with non-ASCII bytes is left to be searched alone, in any lane.
        assert_eq!(
            places(&finder.of(&["foo bar", "é foo"])),
            vec![Some(vec![0, 4]), None]
        );
        let mut texts: Vec<String> = Vec::new();
        for n in 0..19 {
            let ascii = "a foo bar foobar ".repeat(n % 5 + 1);
            texts.push(if n % 3 == 1 {
                format!("{ascii}é {ascii}")
            } else {
                ascii
            });
        }
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let found = finder.of(&refs);
        for (text, starts) in texts.iter().zip(found) {
            if text.is_ascii() {
                assert_eq!(
                    starts,
                    Some(brute_force(&[r"\bfoo\b", "bar"], text)),
                    "{text:?}"
                );
            } else {
                assert_eq!(starts, None, "{text:?}");
            }
        }
    }
}
