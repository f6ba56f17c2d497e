//! Whether a regex matches anywhere in a span, asked of many spans at once.
//!
//! A keyword such as "pass" asks its window group's regex whether any of the group's patterns
//! matches in the hull of their windows (`Scanner::open_windows`): on sparse ticket text a
//! tenth of a scan was those questions (2,800 of them in 4.2 MB, reading 545 KB), each a
//! lazy-DFA search of a couple of hundred bytes whose every step waits on the load of its next
//! state. Asked one after another they wait in turn; asked four at a time in lockstep (the
//! questions of a batch of tickets), the waits overlap, as in `match_starts.rs`: 1.55 ms a
//! round of that text became 1.05 ms (eight lanes were no faster).
//!
//! Each question is answered as `Regex::is_match` over the span answers it: the lazy DFA
//! starts as a search does at the span's start (the byte before it decides a look-behind) and
//! reads one byte past its end, or the end of the text, for a look-ahead. A question the DFA
//! cannot answer (a Unicode word boundary next to non-ASCII text) is asked of the regex
//! itself, and so is every question left when a cache is cleared (the states the lanes on
//! that cache hold are then stale; stopping them all keeps the walk simple, and clears are
//! rare with 16 MiB caches). A regex that can match the empty string is not walked at all:
//! `is_match` passes over an empty match inside a character, the bare DFA would not.

use crate::lazy_regex::LazyRegex;
use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::hybrid::LazyStateID;
use regex_automata::util::pool::Pool;
use regex_automata::util::start;
use regex_automata::{Anchored, Input};
use std::ops::Range;

/// How many questions are walked in lockstep (each lane has its own DFA and table; eight
/// lanes measured no faster).
const LANES: usize = 4;

/// Does any pattern of `regex` match in `span` of `text`?
#[derive(Clone)]
pub(crate) struct SpanCheck<'a> {
    pub regex: &'a LazyRegex,
    /// Which of the [`SpanChecker`]'s caches the regex's DFA uses: one per regex.
    pub slot: usize,
    pub text: &'a str,
    pub span: Range<usize>,
}

type CachePool = Pool<Vec<Option<Cache>>, Box<dyn Fn() -> Vec<Option<Cache>> + Send + Sync>>;

/// The lazy DFAs' caches, a set per thread.
pub(crate) struct SpanChecker {
    caches: CachePool,
}

impl Default for SpanChecker {
    fn default() -> SpanChecker {
        SpanChecker {
            caches: Pool::new(Box::new(Vec::new)),
        }
    }
}

impl std::fmt::Debug for SpanChecker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SpanChecker").finish_non_exhaustive()
    }
}

/// One question being walked.
#[derive(Clone, Copy)]
struct Lane<'a> {
    check: usize,
    dfa: &'a DFA,
    slot: usize,
    /// The next byte to read, and the span's end.
    at: usize,
    end: usize,
    state: LazyStateID,
}

/// A cache was cleared to make room: every state in hand may be stale, and the questions not
/// answered yet are asked of the regexes.
struct Cleared;

impl SpanChecker {
    /// The answer to each check, in order.
    pub fn any_match(&self, checks: &[SpanCheck]) -> Vec<bool> {
        let answers = if checks.len() > 1 {
            self.walked(checks)
        } else {
            vec![None; checks.len()]
        };
        checks
            .iter()
            .zip(answers)
            .map(|(check, answer)| answer.unwrap_or_else(|| ask_the_regex(check)))
            .collect()
    }

    /// The answers the lockstep walk finds; `None` for the checks it leaves to the regex.
    fn walked(&self, checks: &[SpanCheck]) -> Vec<Option<bool>> {
        let mut answers: Vec<Option<bool>> = vec![None; checks.len()];
        let mut caches = self.caches.get();
        let mut walk = Walk {
            checks,
            caches: &mut caches,
            answers: &mut answers,
        };
        // (Cleared: the questions left are asked of the regexes.)
        let _ = walk.all();
        answers
    }
}

/// A check answered by `Regex::is_match` (a single question, or one the DFA could not
/// answer). A regex that does not build (a catalogue bug, ruled out by a test) answers yes:
/// its windows are then searched rather than silently skipped.
fn ask_the_regex(check: &SpanCheck) -> bool {
    check
        .regex
        .get()
        .is_none_or(|regex| regex.is_match(Input::new(check.text).span(check.span.clone())))
}

struct Walk<'w, 'a> {
    checks: &'w [SpanCheck<'a>],
    caches: &'w mut Vec<Option<Cache>>,
    /// `None` until answered; left `None` when the DFA cannot tell.
    answers: &'w mut [Option<bool>],
}

impl<'a> Walk<'_, 'a> {
    fn all(&mut self) -> Result<(), Cleared> {
        let mut queue = 0..self.checks.len();
        let mut lanes: Vec<Lane<'a>> = Vec::with_capacity(LANES);
        loop {
            while lanes.len() < LANES {
                let Some(check) = queue.next() else { break };
                if let Some(lane) = self.start(check)? {
                    lanes.push(lane);
                }
            }
            match lanes.len() {
                0 => return Ok(()),
                LANES.. => self.round::<LANES>(&mut lanes)?,
                2.. => self.round::<2>(&mut lanes)?,
                _ => self.round::<1>(&mut lanes)?,
            }
        }
    }

    /// A lane at the start of a check's span; `None` when the check is left to the regex.
    fn start(&mut self, check: usize) -> Result<Option<Lane<'a>>, Cleared> {
        let SpanCheck {
            regex,
            slot,
            text,
            ref span,
        } = self.checks[check];
        let Some(dfa) = regex.dfa() else {
            return Ok(None);
        };
        if self.caches.len() <= slot {
            self.caches.resize_with(slot + 1, || None);
        }
        let cache = self.caches[slot].get_or_insert_with(|| dfa.create_cache());
        let config = start::Config::new()
            .anchored(Anchored::No)
            .look_behind(span.start.checked_sub(1).map(|i| text.as_bytes()[i]));
        let clears = cache.clear_count();
        let state = dfa.start_state(cache, &config);
        if cache.clear_count() != clears {
            return Err(Cleared);
        }
        Ok(state.ok().map(|state| Lane {
            check,
            dfa,
            slot,
            at: span.start,
            end: span.end,
            state,
        }))
    }

    /// Walks the first `N` lanes in lockstep until one's span is read or its answer known;
    /// the lanes still walking go to the back.
    fn round<const N: usize>(&mut self, lanes: &mut Vec<Lane<'a>>) -> Result<(), Cleared> {
        let mut these: [Lane<'a>; N] = std::array::from_fn(|k| lanes[k]);
        lanes.drain(..N);
        let run = these.iter().map(|l| l.end - l.at).min().unwrap_or(0);
        let mut ended = [false; N];
        let read = self.lanes(&mut these, run, &mut ended)?;
        for (k, mut lane) in these.into_iter().enumerate() {
            if ended[k] {
                continue;
            }
            lane.at += read;
            if lane.at == lane.end {
                self.answers[lane.check] = self.finish(&lane)?;
            } else {
                lanes.push(lane);
            }
        }
        Ok(())
    }

    /// Steps the lanes over up to `run` bytes each, in lockstep, and stops after a byte at
    /// which one's answer became known (marked in `ended`); returns how many were read.
    fn lanes<const N: usize>(
        &mut self,
        lanes: &mut [Lane<'a>; N],
        run: usize,
        ended: &mut [bool; N],
    ) -> Result<usize, Cleared> {
        let bytes: [&'a [u8]; N] = std::array::from_fn(|k| {
            let lane = &lanes[k];
            &self.checks[lane.check].text.as_bytes()[lane.at..lane.at + run]
        });
        let mut i = 0;
        while i < run {
            // A tagged state (a start state not built yet, say) is stepped the slow way.
            let stop = if lanes.iter().any(|l| l.state.is_tagged()) {
                Some((i, 0))
            } else {
                let caches: [&Cache; N] = std::array::from_fn(|k| {
                    self.caches[lanes[k].slot]
                        .as_ref()
                        .expect("made when its lane started")
                });
                let dfas: [&DFA; N] = std::array::from_fn(|k| lanes[k].dfa);
                let mut states: [LazyStateID; N] = std::array::from_fn(|k| lanes[k].state);
                let stop = fast_steps(&dfas, &caches, &bytes, &mut states, i, run);
                for (lane, state) in lanes.iter_mut().zip(states) {
                    lane.state = state;
                }
                stop
            };
            let Some((at, stopped)) = stop else {
                return Ok(run);
            };
            // Lanes before `stopped` have read their byte at `at`; it and the rest have not.
            for k in stopped..N {
                if let Some(answer) = self.step(&mut lanes[k], bytes[k][at])? {
                    self.answers[lanes[k].check] = answer;
                    ended[k] = true;
                }
            }
            i = at + 1;
            if ended.iter().any(|&e| e) {
                break;
            }
        }
        Ok(i)
    }

    /// Steps a lane on `byte` the slow way; its answer when that tells it (`Some(None)`: the
    /// DFA cannot tell).
    fn step(&mut self, lane: &mut Lane<'a>, byte: u8) -> Result<Option<Option<bool>>, Cleared> {
        let cache = self.caches[lane.slot]
            .as_mut()
            .expect("made when its lane started");
        let clears = cache.clear_count();
        let next = lane.dfa.next_state(cache, lane.state, byte);
        if cache.clear_count() != clears {
            return Err(Cleared);
        }
        let Ok(next) = next else {
            return Ok(Some(None));
        };
        lane.state = next;
        Ok(if next.is_quit() {
            Some(None)
        } else if next.is_match() {
            Some(Some(true))
        } else if next.is_dead() {
            Some(Some(false))
        } else {
            None
        })
    }

    /// The answer at the end of a lane's span: a match may end there, seen on the byte after
    /// it or at the end of the text.
    fn finish(&mut self, lane: &Lane<'a>) -> Result<Option<bool>, Cleared> {
        let text = self.checks[lane.check].text.as_bytes();
        let cache = self.caches[lane.slot]
            .as_mut()
            .expect("made when its lane started");
        let clears = cache.clear_count();
        let last = match text.get(lane.end) {
            Some(&byte) => lane.dfa.next_state(cache, lane.state, byte),
            None => lane.dfa.next_eoi_state(cache, lane.state),
        };
        if cache.clear_count() != clears {
            return Err(Cleared);
        }
        Ok(match last {
            Ok(last) if !last.is_quit() => Some(last.is_match()),
            _ => None,
        })
    }
}

/// The fast path: steps every lane over `bytes[from..to]` while each step reaches a state
/// already built that is neither a match nor dead, and tells where that stopped (the index,
/// and the lane whose step there was not one of those: lanes before it have read that byte,
/// it and the lanes after it have not); `None` when every lane has read them all. Every state
/// must be untagged.
#[inline(always)]
#[allow(clippy::needless_range_loop)] // `i` reads every lane's text at once.
fn fast_steps<const N: usize>(
    dfas: &[&DFA; N],
    caches: &[&Cache; N],
    bytes: &[&[u8]; N],
    states: &mut [LazyStateID; N],
    from: usize,
    to: usize,
) -> Option<(usize, usize)> {
    for i in from..to {
        for k in 0..N {
            let next = dfas[k].next_state_untagged(caches[k], states[k], bytes[k][i]);
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
    use super::{SpanCheck, SpanChecker};
    use crate::lazy_regex::LazyRegex;
    use regex_automata::Input;

    /// Patterns with look-arounds that read past a span's ends, counted repetitions, classes
    /// and alternations, as the window groups' are.
    const GROUPS: &[&[&str]] = &[
        &[
            r"(?-u:\b)[A-Za-z0-9_]{0,8}(?i:pass(?:word)?)[ \t]{0,2}[:=][ \t]{0,3}(?P<value>[\x21-\x7E]{3,20})",
            r"(?i:pwd)=(?P<value>[a-z0-9]{4,})(?:$|[ ;])",
        ],
        &[
            r"^token [0-9]{3}",
            r"(?-u:\b)key(?-u:\b)",
            r"[0-9]{2}-[0-9]{2}$",
        ],
        &[r"x+y", r"é+t"],
    ];

    fn texts() -> Vec<String> {
        let mut texts: Vec<String> = [
            "",
            "password: hunter22 ok",
            "my pwd=abc123; and key here",
            "token 123 and 45-67",
            "keys and monkey key",
            "xxxy été xy",
            "nothing at all to see",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for n in 1..6 {
            texts.push("a key, password=s3cret! pwd=x1y2 12-34 ".repeat(n * 3));
        }
        texts
    }

    /// Every span between character boundaries on a coarse grid, for each regex.
    fn checks<'a>(regexes: &'a [LazyRegex], texts: &'a [String]) -> Vec<SpanCheck<'a>> {
        let mut checks = Vec::new();
        for (slot, regex) in regexes.iter().enumerate() {
            for text in texts {
                let cuts: Vec<usize> = (0..=text.len())
                    .filter(|&i| text.is_char_boundary(i) && (i % 3 == 0 || i == text.len()))
                    .collect();
                for (k, &from) in cuts.iter().enumerate() {
                    for &to in &cuts[k..] {
                        checks.push(SpanCheck {
                            regex,
                            slot,
                            text,
                            span: from..to,
                        });
                    }
                }
            }
        }
        checks
    }

    fn expected(checks: &[SpanCheck]) -> Vec<bool> {
        checks
            .iter()
            .map(|c| {
                let regex = c.regex.get().unwrap();
                regex.is_match(Input::new(c.text).span(c.span.clone()))
            })
            .collect()
    }

    #[test]
    fn answers_as_the_regex_does() {
        let regexes: Vec<LazyRegex> = GROUPS.iter().map(|g| LazyRegex::new(g.to_vec())).collect();
        let texts = texts();
        let checks = checks(&regexes, &texts);
        assert!(checks.len() > 1000);
        let expected = expected(&checks);
        assert!(expected.iter().any(|&m| m) && expected.iter().any(|&m| !m));
        let checker = SpanChecker::default();
        assert_eq!(checker.any_match(&checks), expected);
        // The walk answered them (the regex is only the fallback).
        assert!(checker.walked(&checks).iter().all(Option::is_some));
        // In another order, lanes meet other neighbours and other lengths.
        let reversed: Vec<SpanCheck> = checks.iter().rev().map(SpanCheck::clone).collect();
        let mut expected_reversed = expected.clone();
        expected_reversed.reverse();
        assert_eq!(checker.any_match(&reversed), expected_reversed);
        // One question alone, and none.
        assert_eq!(checker.any_match(&checks[..1]), expected[..1]);
        assert!(checker.any_match(&[]).is_empty());
    }

    /// Every span of the grid over `texts`, for each regex, answered as the regex answers.
    fn answers_as_is_match(regexes: &[LazyRegex], texts: &[&str]) {
        let texts: Vec<String> = texts.iter().map(|s| s.to_string()).collect();
        let checks = checks(regexes, &texts);
        assert_eq!(SpanChecker::default().any_match(&checks), expected(&checks));
    }

    #[test]
    fn a_unicode_word_boundary_is_asked_of_the_regex() {
        answers_as_is_match(
            &[LazyRegex::new(vec![r"\bkey\b", "zz"])],
            &["é key", "ékey", "key é", "a key b", "keyé"],
        );
    }

    /// `is_match` passes over an empty match that falls inside a character; the bare DFA would
    /// report it, so such regexes are left to `is_match`.
    #[test]
    fn a_regex_that_can_match_nothing_is_asked_itself() {
        let regexes = vec![
            LazyRegex::new(vec![r"(?-u:\B)", "yy"]),
            LazyRegex::new(vec![r"x*", "yy"]),
        ];
        assert!(regexes.iter().all(|r| r.dfa().is_none()));
        answers_as_is_match(&regexes, &["aéa", "é", "xéx", ""]);
    }

    /// Every window group of the default rules, over the detectors' examples at many spans.
    #[test]
    fn the_catalogue_groups_answer_as_their_regexes_do() {
        let scanner = crate::Scanner::new(&crate::ScanPolicy::default_rules()).unwrap();
        let groups = &scanner.keywords.groups;
        let mut texts: Vec<String> = crate::registry::NATIVE_DETECTORS
            .iter()
            .flat_map(|d| crate::registry::example_texts(d))
            .map(str::to_string)
            .collect();
        texts.sort_unstable();
        texts.dedup();
        let mut checks = Vec::new();
        for (slot, group) in groups.iter().enumerate() {
            // (Every text for each group, on a coarse grid of spans: the test runs unoptimized
            // in CI.)
            for text in &texts {
                let cuts: Vec<usize> = (0..=text.len())
                    .filter(|&i| text.is_char_boundary(i) && (i % 23 == 0 || i == text.len()))
                    .collect();
                for (k, &from) in cuts.iter().enumerate() {
                    for &to in cuts[k..].iter().step_by(4) {
                        checks.push(SpanCheck {
                            regex: &group.regex,
                            slot,
                            text,
                            span: from..to,
                        });
                    }
                }
            }
        }
        let expected = expected(&checks);
        let matched = expected.iter().filter(|&&m| m).count();
        assert!(matched > 200, "{matched} of {} spans match", checks.len());
        let checker = SpanChecker::default();
        assert_eq!(checker.any_match(&checks), expected);
        let walked = checker.walked(&checks);
        assert!(walked.iter().filter(|a| a.is_some()).count() * 10 > walked.len() * 9);
    }

    #[test]
    fn a_cache_cleared_mid_walk_gives_the_same_answers() {
        // Caches too small to hold one text's states: walks clear them and the questions
        // left go to the regexes.
        let regexes: Vec<LazyRegex> = GROUPS
            .iter()
            .map(|g| LazyRegex::with_dfa_cache_capacity(g.to_vec(), 4 << 10))
            .collect();
        let texts = texts();
        let checks = checks(&regexes, &texts);
        let checker = SpanChecker::default();
        assert_eq!(checker.any_match(&checks), expected(&checks));
        // Walks answered some questions before a cache was cleared.
        let walked = SpanChecker::default().walked(&checks);
        assert!(walked.iter().any(Option::is_some) && walked.iter().any(Option::is_none));
        let cleared = checker
            .caches
            .get()
            .iter()
            .flatten()
            .any(|cache| cache.clear_count() > 0);
        assert!(cleared, "no cache was cleared");
    }
}
