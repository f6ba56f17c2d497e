//! Scanning: one pass finds the candidates of every detector, then validators, context,
//! overlap resolution, detection rules and redaction run on the candidates only.

use crate::compile::{
    CandidateSet, CompiledCombination, CompiledExclusion, CompiledRedaction, CompiledRule,
    CompiledSpec, ContextMatcher, GatedKind, KeywordSlot, KeywordStage, PatternOwner, Slot,
    SpecIndex,
};
use crate::confidence::Confidence;
use crate::detector::{Check, NativeDetector};
use crate::finding::{
    ContextWord, ContextWords, DetectorRef, Explanation, Finding, MatchedRule, RedactedLocation,
    ScanOutcome,
};
use crate::match_starts::Start;
use crate::overlap;
use crate::required::StartBytes;
use crate::rules::{LogicalOp, ScanPolicy};
use crate::span_checks::SpanCheck;
use crate::table::{self, RowShapes};
use crate::text::{self, CodePointCounter};
use regex_automata::util::captures::Captures;
use regex_automata::{Anchored, Input, PatternID, PatternSet};
use std::ops::Range;

/// A compiled scan policy: immutable, cheap to share across threads (`Arc<Scanner>` or
/// `&Scanner`), and reusable for any number of texts.
pub struct Scanner {
    pub(crate) candidates: CandidateSet,
    pub(crate) keywords: KeywordStage,
    /// The combination detectors of the policy.
    pub(crate) combinations: Vec<CompiledCombination>,
    /// Per native: whether a rule names it; the others only feed combinations.
    pub(crate) requested: Vec<bool>,
    /// Context words of each native detector, aligned with `natives`.
    pub(crate) contexts: Vec<ContextMatcher>,
    pub(crate) natives: Vec<&'static NativeDetector>,
    pub(crate) rules: Vec<CompiledRule>,
    pub(crate) spec_index: SpecIndex,
    pub(crate) context_bytes: usize,
    pub(crate) default_redaction: Option<CompiledRedaction>,
}

impl std::fmt::Debug for Scanner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Scanner")
            .field(
                "natives",
                &self.natives.iter().map(|d| d.name).collect::<Vec<_>>(),
            )
            .field(
                "rules",
                &self
                    .rules
                    .iter()
                    .map(|r| r.name.as_str())
                    .collect::<Vec<_>>(),
            )
            .field("patterns", &self.candidates.owners.len())
            .field("gated_patterns", &self.keywords.gated.len())
            .finish()
    }
}

/// A candidate after validation and context, before rules.
#[derive(Clone, Debug)]
pub(crate) struct Candidate {
    pub slot: Slot,
    pub range: Range<usize>,
    pub confidence: Confidence,
    pub priority: u8,
    pub explanation: Explanation,
}

impl Scanner {
    /// Compiles a policy. Fails with a message naming the rule and detector when a detector
    /// is unknown, a regex is invalid or too large, a word list is empty, a redaction key does
    /// not parse, or an ALL rule has nothing to combine.
    pub fn new(policy: &ScanPolicy) -> Result<Scanner, crate::CompileError> {
        crate::compile::compile(policy)
    }

    /// The names of the native detectors this scanner runs.
    pub fn native_detectors(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.natives.iter().map(|d| d.name)
    }

    /// Heap memory held by the compiled regexes, in bytes.
    pub fn memory_usage(&self) -> usize {
        self.candidates.starts.memory_usage()
            + self.candidates.all.memory_usage()
            + self.candidates.exact.memory_usage()
            + self
                .keywords
                .automaton
                .as_ref()
                .map_or(0, |a| a.memory_usage())
            + self
                .keywords
                .gated
                .iter()
                .map(|g| match &g.kind {
                    GatedKind::Near { regex, .. } => regex.memory_usage(),
                    GatedKind::Words => 0,
                })
                .sum::<usize>()
    }

    /// The one multi-pattern pass alone (every candidate pattern and keyword, leftmost-first,
    /// without confirming, validating or scoring anything): the ceiling a scan is measured
    /// against in the benchmark. Returns how many matches it makes.
    #[doc(hidden)]
    #[inline(never)]
    pub fn candidate_pass(&self, text: &str) -> usize {
        self.candidates.starts.find_iter(text).count()
    }

    /// The walk of [`Scanner::scan_many`] alone (where matches of the pass start, in several
    /// texts at once): what the batch's pass costs before any match is looked at. Returns how
    /// many starts it lists.
    #[doc(hidden)]
    #[inline(never)]
    pub fn match_starts_walk(&self, texts: &[&str]) -> usize {
        texts
            .chunks(SCAN_MANY_BATCH)
            .flat_map(|batch| self.match_starts_of(batch))
            .map(|starts| starts.map_or(0, |s| s.len()))
            .sum()
    }

    /// Where the pass's matches start in each text of a batch, when the walk can tell (not
    /// for a batch of one: a single text is searched as `scan` searches it).
    fn match_starts_of(&self, batch: &[&str]) -> Vec<Option<Vec<Start>>> {
        match &self.candidates.match_starts {
            Some(finder) if batch.len() > 1 => finder.of(batch),
            _ => vec![None; batch.len()],
        }
    }

    /// Scans one text. Never fails and never panics, whatever the text.
    pub fn scan(&self, text: &str) -> ScanOutcome {
        let candidates = self.find_candidates(&[text], &[None]).pop();
        self.outcome(text, candidates.unwrap_or_default())
    }

    /// Scans several texts: the same outcomes as [`Scanner::scan`] on each, in order, faster
    /// (the pass walks eight texts at a time: see `match_starts.rs`; sparse ticket text about
    /// twice as fast, PII-dense text 1.3×, docs/benchmarks.md). Never fails and never panics,
    /// whatever the texts.
    pub fn scan_many(&self, texts: &[&str]) -> Vec<ScanOutcome> {
        let mut outcomes = Vec::with_capacity(texts.len());
        for batch in texts.chunks(SCAN_MANY_BATCH) {
            let starts = self.match_starts_of(batch);
            let candidates = self.find_candidates(batch, &starts);
            for (text, candidates) in batch.iter().zip(candidates) {
                outcomes.push(self.outcome(text, candidates));
            }
        }
        outcomes
    }

    /// The findings of a text's candidates, and its redacted copy.
    fn outcome(&self, text: &str, candidates: Vec<Candidate>) -> ScanOutcome {
        // Most tickets hold nothing: nothing to resolve, judge or redact.
        if candidates.is_empty() {
            return ScanOutcome::default();
        }
        let mut candidates = overlap::resolve(candidates);
        if !self.combinations.is_empty() {
            // Combinations are made of the candidates that won their overlaps (not of a
            // phone-shaped part of an NHS number), and then compete only with each other.
            self.combine(&mut candidates);
            candidates = overlap::resolve(candidates);
        }
        let mut findings = self.apply_rules(text, &candidates);
        let redacted_text = redact_text(text, &mut findings);
        ScanOutcome {
            findings,
            redacted_text,
        }
    }

    /// Adds the candidates of combination detectors and drops those of the natives that only
    /// feed them.
    fn combine(&self, candidates: &mut Vec<Candidate>) {
        let native = |c: &Candidate| match c.slot {
            Slot::Native(i) => Some(i),
            Slot::Custom(_) | Slot::Combination(_) => None,
        };
        let mut combined = Vec::new();
        for combination in &self.combinations {
            // The starts and ends of the confident candidates that may stand beside one.
            let mut near: Vec<(usize, usize, Confidence)> = candidates
                .iter()
                .filter(|c| c.confidence >= Confidence::Likely)
                .filter(|c| native(c).is_some_and(|i| combination.requires.contains(&i)))
                .map(|c| (c.range.start, c.range.end, c.confidence))
                .collect();
            near.sort_unstable_by_key(|n| n.0);
            for c in candidates.iter() {
                if c.confidence < Confidence::Likely
                    || !native(c).is_some_and(|i| combination.reports.contains(&i))
                {
                    continue;
                }
                let from = c.range.start.saturating_sub(combination.window);
                let to = c.range.end.saturating_add(combination.window);
                // Candidates start in order; any whose start lies before `to` may be near.
                let first = near.partition_point(|n| n.0 < from.saturating_sub(4096));
                let partner = near[first..]
                    .iter()
                    .take_while(|n| n.0 < to)
                    .filter(|n| n.1 > from && (n.0, n.1) != (c.range.start, c.range.end))
                    .map(|n| n.2)
                    .max();
                if let Some(partner) = partner {
                    combined.push(Candidate {
                        slot: Slot::Combination(combination.index),
                        range: c.range.clone(),
                        confidence: c.confidence.min(partner),
                        priority: self.natives[combination.index].priority,
                        explanation: c.explanation,
                    });
                }
            }
        }
        candidates.retain(|c| native(c).is_none_or(|i| self.requested[i]));
        candidates.extend(combined);
    }

    /// Finds and scores every candidate of each text of a batch (`starts`, per text, where the
    /// walk found the pass's matches to start, when it could tell): the keyword pass (gated
    /// patterns, word lists and context words of every detector), then the one multi-pattern
    /// regex pass, then the gated patterns around their keywords. The window groups'
    /// questions ([`Scanner::hull_checks`]) of the whole batch are asked together, between
    /// the two halves of each text's work.
    fn find_candidates(
        &self,
        batch: &[&str],
        starts: &[Option<Vec<Start>>],
    ) -> Vec<Vec<Candidate>> {
        let begun: Vec<Begun> = batch
            .iter()
            .zip(starts)
            .map(|(text, starts)| self.begin_candidates(text, starts.as_deref()))
            .collect();
        let checks: Vec<SpanCheck> = batch
            .iter()
            .zip(&begun)
            .flat_map(|(text, begun)| self.hull_checks(text, begun))
            .collect();
        let mut answers = self.keywords.span_checker.any_match(&checks).into_iter();
        batch
            .iter()
            .zip(begun)
            .map(|(text, begun)| {
                let answers: Vec<bool> = answers.by_ref().take(begun.pass.hulls.len()).collect();
                self.end_candidates(text, begun, &answers)
            })
            .collect()
    }

    /// The first half of a text's [`Scanner::find_candidates`]: the passes, up to the window
    /// groups' questions ([`Scanner::hull_checks`]).
    fn begin_candidates(&self, text: &str, starts: Option<&[Start]>) -> Begun {
        let mut pass = KeywordPass::default();
        self.keyword_pass(text, &mut pass);
        let mut tables = RowShapes::default();
        let mut out = Vec::new();
        self.find_anywhere_candidates(text, starts, &mut pass, &mut tables, &mut out);
        Begun { pass, tables, out }
    }

    /// The questions a text's window groups ask: does any of the group's patterns match in
    /// the hull of their windows?
    fn hull_checks<'a>(
        &'a self,
        text: &'a str,
        begun: &'a Begun,
    ) -> impl Iterator<Item = SpanCheck<'a>> + 'a {
        begun.pass.hulls.iter().map(move |hull| SpanCheck {
            regex: &self.keywords.groups[hull.group].regex,
            slot: hull.group,
            text,
            span: hull.span.clone(),
        })
    }

    /// The second half of a text's [`Scanner::find_candidates`], given the answers to its
    /// [`Scanner::hull_checks`] in order: the windows those open, the word lists' whole
    /// words, and the keyword-gated patterns searched in their windows.
    fn end_candidates(&self, text: &str, begun: Begun, answers: &[bool]) -> Vec<Candidate> {
        let Begun {
            mut pass,
            mut tables,
            mut out,
        } = begun;
        for (hull, &matched) in std::mem::take(&mut pass.hulls).iter().zip(answers) {
            if matched {
                self.open_possible_windows(
                    text,
                    hull.keyword,
                    hull.start,
                    hull.possible,
                    &mut pass,
                );
            }
        }
        for (target, range) in std::mem::take(&mut pass.words) {
            let owner = &self.keywords.gated[target].owner;
            if let Some(c) = self.score(text, owner, range, &mut tables) {
                push_candidate(&mut out, c, text);
            }
        }
        // A window's matches do not overlap, and neither do those of one pattern's windows: a
        // window starting inside the pattern's last match is searched from that match's end
        // (the second "eyJ" of a JWT opens a window inside the first one's match).
        let mut covered: Option<(usize, usize)> = None;
        for (target, from, to) in merge_windows(std::mem::take(&mut pass.windows)) {
            let from = match covered {
                Some((t, end)) if t == target => from.max(end),
                _ => from,
            };
            if from > to {
                continue;
            }
            if let Some(end) = self.search_window(text, (target, from, to), &mut tables, &mut out) {
                covered = Some((target, end));
            }
        }
        out
    }

    /// Runs the multi-pattern regex once over the text and turns every match into a scored
    /// candidate.
    ///
    /// The search is the exact patterns' leftmost-first, non-overlapping iteration — one lazy
    /// DFA pass, the fastest shape a multi-pattern search has — with two additions so that
    /// one detector does not hide another: at each match start, the match-all set names every
    /// other pattern that matches there too (each confirmed by its exact pattern), and when
    /// no candidate at a start survives its validator, the search resumes one character
    /// later rather than after the match, so that a candidate starting inside a rejected
    /// match is still found. Nor does a match hide a keyword: one starting where a detecting
    /// pattern won, or inside an accepted candidate, opens its windows all the same
    /// ([`KeywordStage::keyword_at`]).
    fn find_anywhere_candidates(
        &self,
        text: &str,
        starts: Option<&[Start]>,
        pass: &mut KeywordPass,
        tables: &mut RowShapes,
        out: &mut Vec<Candidate>,
    ) {
        let set = &self.candidates;
        // Capture slots per pattern with a `value` group, made when first needed: a text
        // meets few of them.
        let mut captures: Vec<(PatternID, Captures)> = Vec::new();
        // Made at the first match of a detecting pattern: most texts have none.
        let mut patset: Option<PatternSet> = None;
        // With the starts listed, the next match is the one an anchored search finds at the
        // first listed start from `at` on (see `match_starts.rs`).
        let mut listed = starts.unwrap_or_default().iter().copied().peekable();
        // The natives inside a user's match: their own match-all set's answer (made when
        // first needed), and where the last of their candidates ends — the pass, going on
        // after the user's match, passes over the natives starting before there.
        let mut native_found: Option<PatternSet> = None;
        let mut natives_from = 0;
        let mut at = 0;
        while at < text.len() {
            // Whether the walk said only one pattern matches at this start (then the pass's
            // own match is the only one there, and no keyword starts there unless it is it).
            let mut only_here = false;
            let first = match starts {
                None => set.starts.search(&Input::new(text).span(at..text.len())),
                Some(_) => {
                    while listed.next_if(|s| s.at < at).is_some() {}
                    let Some(Start { at: from, alone }) = listed.next() else {
                        break;
                    };
                    only_here = alone;
                    set.starts.search(
                        &Input::new(text)
                            .span(from..text.len())
                            .anchored(Anchored::Yes),
                    )
                }
            };
            let Some(first) = first else {
                match starts {
                    None => break,
                    // A listed start is a match start: this is only for safety's sake.
                    Some(_) => continue,
                }
            };
            let start = first.start();
            let patset = patset.get_or_insert_with(|| PatternSet::new(set.detecting));
            patset.clear();
            // Leftmost-first prefers lower pattern IDs among matches at one start, and the
            // detecting patterns come before the keywords: when a keyword won, no detecting
            // pattern matches here.
            if first.pattern().as_usize() < set.detecting && !only_here {
                set.all.which_overlapping_matches(
                    &Input::new(text)
                        .span(start..text.len())
                        .anchored(Anchored::Yes),
                    patset,
                );
                // A keyword starting here lost the pass to the detecting pattern, but still
                // opens its windows.
                if let Some(keyword) = self.keywords.keyword_at(text, start) {
                    self.open_windows(text, keyword, start, pass);
                }
            }
            let mut accepted: Option<usize> = None;
            let mut native_accepted = false;
            // Usually the match's own pattern is the only one there.
            let first_pid = first.pattern();
            let first_in_set = first_pid.as_usize() < set.detecting && patset.contains(first_pid);
            let only = [first_pid];
            let several: Vec<PatternID>;
            let pids: &[PatternID] = if patset.is_empty() || (patset.len() == 1 && first_in_set) {
                &only
            } else {
                several = patset
                    .iter()
                    .chain((!first_in_set).then_some(first_pid))
                    .collect();
                &several
            };
            for &pid in pids {
                let owner = &set.owners[pid.as_usize()];
                if let Some(keyword) = owner.keyword {
                    // A keyword is never in the match-all set: this is the pass's own match.
                    let keyword =
                        match keyword {
                            KeywordSlot::Near(index) => Some(index),
                            KeywordSlot::Trie => self.keywords.trie.as_ref().and_then(|trie| {
                                trie.keyword_of(&text.as_bytes()[start..first.end()])
                            }),
                        };
                    if let Some(keyword) = keyword {
                        self.open_windows(text, keyword, start, pass);
                    }
                    continue;
                }
                if start < natives_from && matches!(owner.slot, Slot::Native(_)) {
                    continue;
                }
                let pass_match = (pid == first.pattern()).then(|| first.range());
                if let Some((candidate, resume)) =
                    self.candidate_at(text, (pid, start), pass_match, tables, &mut captures)
                {
                    native_accepted |= matches!(candidate.slot, Slot::Native(_));
                    push_candidate(out, candidate, text);
                    accepted = Some(accepted.map_or(resume, |r: usize| r.min(resume)));
                }
            }
            // Resume after the match when a candidate was accepted, but no later than where
            // its value starts: a pattern that consumes a character or two of context before
            // its value (" 030 901820") must not hide a value starting there.
            at = match accepted {
                Some(resume) if resume > start => {
                    // The pass goes on after the accepted candidate. The keywords starting
                    // inside it open their windows all the same; and inside a user's match
                    // (no native accepted here), so do the native patterns starting there
                    // make their candidates: a user's rule must not hide a card number. At
                    // the starts listed there (every pattern's start is one), or else at
                    // every place.
                    let mut inside = |place: usize| {
                        if let Some(keyword) = self.keywords.keyword_at(text, place) {
                            self.open_windows(text, keyword, place, pass);
                        }
                        if !native_accepted && place >= natives_from {
                            if let Some(resume) = self.natives_at(
                                text,
                                place,
                                &mut native_found,
                                tables,
                                &mut captures,
                                out,
                            ) {
                                natives_from = resume;
                            }
                        }
                    };
                    match starts {
                        Some(_) => {
                            while let Some(place) = listed.next_if(|s| s.at < resume) {
                                inside(place.at);
                            }
                        }
                        None => (start + 1..resume)
                            .filter(|&place| text.is_char_boundary(place))
                            .for_each(inside),
                    }
                    resume
                }
                _ => text::ceil_char_boundary(text, start + 1),
            };
        }
    }

    /// The candidate of detecting pattern `pid` matching at `start`, when its exact pattern
    /// matches there, its value is cut from the match and its validator accepts it; and where
    /// the pass goes on after it. `pass_match` is the pass's own match there, when it is
    /// `pid`'s.
    fn candidate_at(
        &self,
        text: &str,
        (pid, start): (PatternID, usize),
        pass_match: Option<Range<usize>>,
        tables: &mut RowShapes,
        captures: &mut Vec<(PatternID, Captures)>,
    ) -> Option<(Candidate, usize)> {
        let set = &self.candidates;
        let owner = &set.owners[pid.as_usize()];
        // The pass's own match is exact when relaxing left its pattern as written.
        let whole = match pass_match.filter(|_| owner.unrelaxed) {
            Some(whole) => whole,
            None => set
                .exact
                .search(
                    &Input::new(text)
                        .span(start..text.len())
                        .anchored(Anchored::Pattern(pid)),
                )?
                .range(),
        };
        if whole.is_empty() {
            return None;
        }
        let whole_end = whole.end;
        let span = match (owner.value_group, &owner.value_trim) {
            (None, _) => whole,
            (Some(_), Some(trim)) => trim.apply(text, whole)?,
            // The parts around the group searched alone, or else the pattern alone taking its
            // `value` group within the match.
            (Some(group), None) => {
                let split = owner
                    .value_split
                    .as_ref()
                    .and_then(|split| split.apply(text, whole.clone()));
                split
                    .or_else(|| self.capture_value(pid, group, text, whole, captures))
                    .filter(|span| !span.is_empty())?
            }
        };
        let resume = if span.start > start {
            span.start
        } else {
            whole_end
        };
        let candidate = self.score(text, owner, span, tables)?;
        Some((candidate, resume))
    }

    /// The candidates of the native patterns matching at `place` inside a user's accepted
    /// match (their own match-all set names them); where the natives go on after them, when
    /// one was accepted.
    fn natives_at(
        &self,
        text: &str,
        place: usize,
        found: &mut Option<PatternSet>,
        tables: &mut RowShapes,
        captures: &mut Vec<(PatternID, Captures)>,
        out: &mut Vec<Candidate>,
    ) -> Option<usize> {
        let natives = self.candidates.natives.as_ref()?;
        let regex = natives.regex()?;
        let found = found.get_or_insert_with(|| PatternSet::new(natives.pids.len()));
        found.clear();
        regex.which_overlapping_matches(
            &Input::new(text)
                .span(place..text.len())
                .anchored(Anchored::Yes),
            found,
        );
        let mut accepted: Option<usize> = None;
        for pid in found.iter().map(|p| natives.pids[p.as_usize()]) {
            if let Some((candidate, resume)) =
                self.candidate_at(text, (pid, place), None, tables, captures)
            {
                push_candidate(out, candidate, text);
                accepted = Some(accepted.map_or(resume, |r: usize| r.min(resume)));
            }
        }
        accepted.filter(|&resume| resume > place)
    }

    /// The `value` group of a detecting pattern's match `whole`, by the pattern alone's
    /// capturing search (its capture slots made when first needed: a text meets few such
    /// patterns).
    fn capture_value(
        &self,
        pid: PatternID,
        group: usize,
        text: &str,
        whole: Range<usize>,
        captures: &mut Vec<(PatternID, Captures)>,
    ) -> Option<Range<usize>> {
        let alone = self.candidates.value_regexes[pid.as_usize()].as_ref()?;
        let slot = match captures.iter().position(|(p, _)| *p == pid) {
            Some(slot) => slot,
            None => {
                captures.push((pid, alone.create_captures()));
                captures.len() - 1
            }
        };
        let captures = &mut captures[slot].1;
        alone.search_captures(
            &Input::new(text).range(whole).anchored(Anchored::Yes),
            captures,
        );
        captures.get_group(group).map(|g| g.range())
    }

    /// Opens the windows of the patterns a keyword found at `start` gates; when it gates
    /// several, only those whose required bytes are in their window, and only if the group's
    /// regex finds a match in the hull of those windows when more than one is left (a question
    /// left in `pass.hulls`, asked with those of the other texts of a batch).
    fn open_windows(&self, text: &str, keyword: usize, start: usize, pass: &mut KeywordPass) {
        let stage = &self.keywords;
        let Some(group_index) = stage.near[keyword].group else {
            for &target in &stage.near[keyword].gated {
                if let Some((from, to, _)) = self.window(text, keyword, start, target) {
                    pass.windows.push((target, from, to));
                }
            }
            return;
        };
        let group = &stage.groups[group_index];
        // The members that may match in their own windows (a bit each: a group has at most
        // `MAX_GROUP_MEMBERS`), and the hull of those windows.
        let mut possible = 0u64;
        let (mut hull_from, mut hull_to) = (usize::MAX, 0);
        for (bit, &target) in group.targets.iter().enumerate() {
            let Some((from, to, probe_end)) = self.window(text, keyword, start, target) else {
                continue;
            };
            if self.may_match(target, text, (from, to, probe_end)) {
                possible |= 1 << bit;
                hull_from = hull_from.min(from);
                hull_to = hull_to.max(probe_end);
            }
        }
        if possible.count_ones() > 1 {
            pass.hulls.push(Hull {
                group: group_index,
                keyword,
                start,
                possible,
                span: hull_from..hull_to,
            });
        } else if possible != 0 {
            self.open_possible_windows(text, keyword, start, possible, pass);
        }
    }

    /// Opens the windows of the members of a keyword's group marked in `possible`.
    fn open_possible_windows(
        &self,
        text: &str,
        keyword: usize,
        start: usize,
        possible: u64,
        pass: &mut KeywordPass,
    ) {
        let Some(group) = self.keywords.near[keyword].group else {
            return;
        };
        for (bit, &target) in self.keywords.groups[group].targets.iter().enumerate() {
            if possible & (1 << bit) != 0 {
                if let Some((from, to, _)) = self.window(text, keyword, start, target) {
                    pass.windows.push((target, from, to));
                }
            }
        }
    }

    /// The window in which a keyword found at `start` has gated pattern `target` searched:
    /// (from, to, and where a match starting by `to` has a matching prefix); `None` for a
    /// word-list pattern.
    fn window(
        &self,
        text: &str,
        keyword: usize,
        start: usize,
        target: usize,
    ) -> Option<(usize, usize, usize)> {
        let stage = &self.keywords;
        // A match has the keyword's length in bytes: only ASCII letters match in either case.
        let end = text::ceil_char_boundary(text, start + stage.near[keyword].word.len());
        match &stage.gated[target].kind {
            GatedKind::Near {
                before,
                after,
                prefix_len,
                ..
            } => {
                let to = text::ceil_char_boundary(text, end.saturating_add(*after));
                Some((
                    text::floor_char_boundary(text, start.saturating_sub(*before)),
                    to,
                    text::ceil_char_boundary(text, to.saturating_add(*prefix_len)),
                ))
            }
            GatedKind::Words => None,
        }
    }

    /// Whether gated pattern `target` may have a match starting in `from..=to`, with its
    /// prefix within `..probe`: false when no byte a match begins with stands where one may
    /// begin, or a byte every match holds is missing (a window that cannot hold a match is
    /// neither searched nor counted in its group's hull).
    fn may_match(
        &self,
        target: usize,
        text: &str,
        (from, to, probe): (usize, usize, usize),
    ) -> bool {
        match &self.keywords.gated[target].kind {
            GatedKind::Near {
                required, starts, ..
            } => {
                let bytes = text.as_bytes();
                // Where a match may begin: `from..=to`.
                let begins = &bytes[from.min(bytes.len())..to.saturating_add(1).min(bytes.len())];
                starts.met_by(begins)
                    && (required.is_empty() || required.met_by(&bytes[from..probe]))
            }
            GatedKind::Words => true,
        }
    }

    /// One Aho-Corasick pass over the text: context words of every detector, word-list
    /// occurrences, and the windows in which keyword-gated patterns are to be searched.
    fn keyword_pass(&self, text: &str, pass: &mut KeywordPass) {
        let stage = &self.keywords;
        let Some(automaton) = &stage.automaton else {
            return;
        };
        for hit in automaton.find_overlapping_iter(text) {
            let uses = &stage.uses[hit.pattern().as_usize()];
            for &target in &uses.gated {
                match &stage.gated[target].kind {
                    GatedKind::Words => {
                        if is_whole_word(text, hit.start(), hit.end()) {
                            pass.words.push((target, hit.range()));
                        }
                    }
                    GatedKind::Near { before, after, .. } => pass.windows.push((
                        target,
                        text::floor_char_boundary(text, hit.start().saturating_sub(*before)),
                        text::ceil_char_boundary(text, hit.end().saturating_add(*after)),
                    )),
                }
            }
        }
    }

    /// Searches one window of a keyword-gated pattern for matches starting in `from..=to`;
    /// returns where its last match ends.
    fn search_window(
        &self,
        text: &str,
        (target, from, to): (usize, usize, usize),
        tables: &mut RowShapes,
        out: &mut Vec<Candidate>,
    ) -> Option<usize> {
        let gated = &self.keywords.gated[target];
        let GatedKind::Near {
            regex,
            max_len,
            prefix_len,
            first_bytes,
            ..
        } = &gated.kind
        else {
            return None;
        };
        // Most windows hold no match ("forgot my password"), and a search finding none would
        // read on to where the longest match could end; whether one starts in the window is
        // known within `prefix_len` of its end, and cannot if a byte every match holds is
        // missing there.
        let probe = text::ceil_char_boundary(text, to.saturating_add(*prefix_len));
        if !self.may_match(target, text, (from, to, probe)) {
            return None;
        }
        let regex = regex.get()?;
        let end = text::ceil_char_boundary(text, to.saturating_add(*max_len));
        let anchored = anchored_starts(text.as_bytes(), from..=to, first_bytes);
        if anchored.is_none()
            && prefix_len < max_len
            && !regex.is_match(Input::new(text).span(from..probe))
        {
            return None;
        }
        let matches = window_matches(regex, text, from..end, anchored);
        let mut last_end = None;
        let mut captures = None;
        for m in matches {
            if m.start() > to {
                break;
            }
            let span = match (gated.owner.value_group, &gated.owner.value_trim) {
                (None, _) => Some(m.range()),
                (Some(_), Some(trim)) => trim.apply(text, m.range()),
                // The parts around the group searched alone, or else the group taken within the
                // match only (the backtracker's work grows with its haystack).
                (Some(group), None) => gated
                    .owner
                    .value_split
                    .as_ref()
                    .and_then(|split| split.apply(text, m.range()))
                    .or_else(|| {
                        let captures = captures.get_or_insert_with(|| regex.create_captures());
                        regex.search_captures(
                            &Input::new(text).range(m.range()).anchored(Anchored::Yes),
                            captures,
                        );
                        captures.get_group(group).map(|g| g.range())
                    }),
            };
            if let Some(span) = span.filter(|s| !s.is_empty()) {
                if let Some(c) = self.score(text, &gated.owner, span, tables) {
                    push_candidate(out, c, text);
                }
            }
            last_end = Some(m.end());
            // The next match would start after this one: past the window, so not worth the
            // search (which, finding none, would run to the end of the text).
            if m.end() > to {
                break;
            }
        }
        last_end
    }

    fn score(
        &self,
        text: &str,
        owner: &PatternOwner,
        range: Range<usize>,
        tables: &mut RowShapes,
    ) -> Option<Candidate> {
        match owner.slot {
            Slot::Native(index) => {
                let detector = self.natives[index];
                let verdict = (detector.validate)(&text[range.clone()])?;
                let mut explanation = Explanation {
                    pattern: owner.name,
                    check: verdict.check,
                    base_confidence: verdict.confidence,
                    context_words: ContextWords::default(),
                    context_rule: None,
                };
                let confidence = apply_context(
                    detector,
                    &self.contexts[index],
                    text,
                    &range,
                    verdict.confidence,
                    &mut explanation,
                    tables,
                );
                Some(Candidate {
                    slot: owner.slot,
                    range,
                    confidence,
                    priority: detector.priority,
                    explanation,
                })
            }
            // Combinations have no patterns of their own.
            Slot::Combination(_) => None,
            // A custom pattern is exactly what the user asked for: likely, unless a context
            // rule of theirs says otherwise.
            Slot::Custom(_) => Some(Candidate {
                slot: owner.slot,
                range,
                confidence: Confidence::Likely,
                priority: 0,
                explanation: Explanation {
                    pattern: owner.name,
                    check: Check::FormatOnly,
                    base_confidence: Confidence::Likely,
                    context_words: ContextWords::default(),
                    context_rule: None,
                },
            }),
        }
    }

    fn apply_rules(&self, text: &str, candidates: &[Candidate]) -> Vec<Finding> {
        // Every (candidate, rule, spec) that satisfies its spec, with the confidence the spec's
        // context rules give it.
        let mut kept: Vec<Kept> = Vec::with_capacity(candidates.len());
        for (candidate, c) in candidates.iter().enumerate() {
            for &(rule, spec_index) in self.spec_index.of(c.slot) {
                let spec = &self.rules[rule].specs[spec_index];
                let confidence =
                    context_rule_confidence(spec, text, &c.range).unwrap_or(c.confidence);
                if confidence >= spec.min_confidence && !excluded(spec, &text[c.range.clone()]) {
                    kept.push(Kept {
                        candidate,
                        rule,
                        spec: spec_index,
                        identity: spec.identity,
                        confidence,
                        satisfied: false,
                    });
                }
            }
        }
        // A spec counts when it has at least minNumFindings candidates; an ALL rule when every
        // one of its specs counts.
        kept.sort_unstable_by_key(|k| (k.rule, k.spec, k.candidate));
        let mut specs_satisfied = vec![0usize; self.rules.len()];
        let mut at = 0;
        while at < kept.len() {
            let (rule, spec) = (kept[at].rule, kept[at].spec);
            let run = kept[at..]
                .iter()
                .take_while(|k| (k.rule, k.spec) == (rule, spec))
                .count();
            if run >= self.rules[rule].specs[spec].min_num_findings {
                specs_satisfied[rule] += 1;
                kept[at..at + run]
                    .iter_mut()
                    .for_each(|k| k.satisfied = true);
            }
            at += run;
        }
        kept.retain(|k| {
            let rule = &self.rules[k.rule];
            k.satisfied
                && (rule.logical_op != LogicalOp::All
                    || specs_satisfied[k.rule] == rule.specs.len())
        });
        // One finding per (range, detector name and UUID), with every rule it satisfied.
        kept.sort_unstable_by_key(|k| {
            let range = &candidates[k.candidate].range;
            (range.start, range.end, k.identity, k.rule, k.spec)
        });
        let mut findings: Vec<Finding> = Vec::with_capacity(kept.len());
        let mut last: Option<(usize, usize, usize)> = None;
        for k in &kept {
            let c = &candidates[k.candidate];
            let rule = &self.rules[k.rule];
            let spec = &rule.specs[k.spec];
            let key = (c.range.start, c.range.end, k.identity);
            if last == Some(key) {
                if let Some(f) = findings.last_mut() {
                    f.confidence = f.confidence.max(k.confidence);
                    if !f
                        .matched_rules
                        .iter()
                        .any(|m| m.name == rule.name && m.uuid == rule.uuid)
                    {
                        f.matched_rules.push(matched_rule(rule));
                    }
                }
                continue;
            }
            last = Some(key);
            findings.push(self.finding(text, spec, c, k.confidence, matched_rule(rule)));
        }
        // Same range, different detectors: order by name, as documented.
        findings.sort_by(|a, b| {
            (a.byte_range.start, a.byte_range.end, &a.detector.name).cmp(&(
                b.byte_range.start,
                b.byte_range.end,
                &b.detector.name,
            ))
        });
        let mut counter = CodePointCounter::new(text);
        for f in &mut findings {
            let start = counter.code_point_at(f.byte_range.start);
            let end = counter.code_point_at(f.byte_range.end);
            f.codepoint_range = start..end;
        }
        findings
    }

    fn finding(
        &self,
        text: &str,
        spec: &CompiledSpec,
        c: &Candidate,
        confidence: Confidence,
        rule: MatchedRule,
    ) -> Finding {
        let value = &text[c.range.clone()];
        let redaction = spec.redaction.as_ref().or(self.default_redaction.as_ref());
        let redacted =
            redaction.map(|r| r.redactor.apply(value, spec.native.unwrap_or(&spec.name)));
        let mut explanation = c.explanation;
        if confidence != c.confidence {
            explanation.context_rule = Some(confidence);
        }
        let (before, after) = if self.context_bytes > 0 {
            (
                text::context_before(text, c.range.start, self.context_bytes).to_string(),
                text::context_after(text, c.range.end, self.context_bytes).to_string(),
            )
        } else {
            (String::new(), String::new())
        };
        Finding {
            detector: DetectorRef {
                name: spec.name.clone(),
                uuid: spec.uuid.clone(),
                native: spec.native,
            },
            value: value.to_string(),
            redacted,
            remove_finding: redaction.is_some_and(|r| r.remove_finding),
            confidence,
            byte_range: c.range.clone(),
            codepoint_range: 0..0,
            redacted_location: None,
            before_context: before,
            after_context: after,
            matched_rules: vec![rule],
            explanation,
        }
    }
}

/// The most places a window is searched at anchored, one by one, rather than by one
/// unanchored search: a provider key's window (its prefix, `ghp_`, `xoxb-`, `eyJ`) has one or
/// two.
const MAX_ANCHORED_STARTS: usize = 3;

/// The places in `places` (on character boundaries) holding a byte a match may begin with,
/// when there are at most [`MAX_ANCHORED_STARTS`] of them and the bytes are known.
fn anchored_starts(
    bytes: &[u8],
    places: std::ops::RangeInclusive<usize>,
    first_bytes: &StartBytes,
) -> Option<[Option<usize>; MAX_ANCHORED_STARTS]> {
    if !first_bytes.is_known() {
        return None;
    }
    let mut found = [None; MAX_ANCHORED_STARTS];
    let mut count = 0;
    for at in places {
        // (A continuation byte begins no character, nor so any match.)
        let Some(&byte) = bytes.get(at) else { break };
        if (0x80..0xC0).contains(&byte) || !first_bytes.allows(byte) {
            continue;
        }
        *found.get_mut(count)? = Some(at);
        count += 1;
    }
    Some(found)
}

/// The matches of `regex` in `span` of `text`, leftmost-first and not overlapping, as
/// `find_iter` gives them, up to the first that starts past the window; with `anchored`
/// places (every place in the window where a match may start, as [`anchored_starts`] lists
/// them), by an anchored search at each in turn. Those find the same matches (the leftmost
/// start's match, then the next from its end) without the reverse search an unanchored one
/// makes for where each starts; they find none starting past the window, where `find_iter`
/// goes on, so a caller stops at the first match starting past it.
fn window_matches<'r>(
    regex: &'r regex_automata::meta::Regex,
    text: &'r str,
    span: Range<usize>,
    anchored: Option<[Option<usize>; MAX_ANCHORED_STARTS]>,
) -> impl Iterator<Item = regex_automata::Match> + 'r {
    let end = span.end;
    let mut next = span.start;
    let anchored_matches = anchored.map(|places| {
        places.into_iter().flatten().filter_map(move |at| {
            if at < next {
                return None;
            }
            let m = regex.search(&Input::new(text).span(at..end).anchored(Anchored::Yes))?;
            next = m.end();
            Some(m)
        })
    });
    let unanchored_matches = match anchored_matches {
        Some(_) => None,
        None => Some(regex.find_iter(Input::new(text).span(span))),
    };
    anchored_matches
        .into_iter()
        .flatten()
        .chain(unanchored_matches.into_iter().flatten())
}

/// Texts walked per batch by [`Scanner::scan_many`]: a few dozen, so that each is still in
/// cache when it is scanned after the walk, and the positions listed for a batch stay small.
const SCAN_MANY_BATCH: usize = 64;

/// Adds a candidate; the first one sizes the vector for PII-dense text (one candidate per 64
/// bytes or so), since growing it a doubling at a time copied the candidates over and over,
/// and most texts have none.
fn push_candidate(out: &mut Vec<Candidate>, candidate: Candidate, text: &str) {
    if out.capacity() == 0 {
        out.reserve(text.len() / 64 + 1);
    }
    out.push(candidate);
}

/// Moves a native candidate's confidence by the words around it.
fn apply_context(
    detector: &NativeDetector,
    matcher: &ContextMatcher,
    text: &str,
    range: &Range<usize>,
    base: Confidence,
    explanation: &mut Explanation,
    tables: &mut RowShapes,
) -> Confidence {
    let policy = &detector.context;
    if !matcher.has_words() || policy.window == 0 {
        return base.min(policy.cap_without_support);
    }
    let (support, against) = match table::column_header(text, range.clone(), tables)
        .and_then(|header| header_words(matcher, header))
    {
        // A value in a table row means what its column's header says.
        Some(words) => words,
        None => window_words(matcher, text, range, policy.window),
    };
    if let Some(word) = support {
        explanation.context_words.push(ContextWord {
            word,
            supporting: true,
        });
    }
    if let Some(word) = against {
        explanation.context_words.push(ContextWord {
            word,
            supporting: false,
        });
    }
    match (support, against) {
        (Some(_), None) if base >= Confidence::Possible => base.shifted(policy.boost),
        (Some(_), _) => base,
        (None, Some(_)) => base
            .shifted(-policy.penalty)
            .min(policy.cap_without_support),
        (None, None) => base.min(policy.cap_without_support),
    }
}

/// The supporting and opposing words around a candidate.
fn window_words(
    matcher: &ContextMatcher,
    text: &str,
    range: &Range<usize>,
    window: usize,
) -> (Option<&'static str>, Option<&'static str>) {
    let before = text::context_before(text, range.start, window);
    let after = text::context_after(text, range.end, window);
    // What follows a value on the next line is another field or another message ("Sent from
    // my phone", "-- ops on-call", the next chat line).
    let after = &after[..memchr::memchr(b'\n', after.as_bytes()).unwrap_or(after.len())];
    let mut support = None;
    let mut against = None;
    let mut label = false;
    let mut support_before = false;
    // Supporting words count anywhere in the window; words against a type must stand right
    // next to the candidate ("order 4111…", "version 10.2.3.4"): a version string earlier in
    // the sentence says nothing about an address.
    let sides = [
        (
            before.as_bytes(),
            range.start - before.len(),
            before.len().saturating_sub(OPPOSING_REACH)..before.len(),
        ),
        (
            after.as_bytes(),
            range.end,
            0..OPPOSING_REACH.min(after.len()),
        ),
    ];
    matcher.each_word_in_two(sides[0].0, sides[1].0, |side, start, end, index| {
        let (bytes, from, near) = &sides[side];
        // A word starts where the text (not the window, which may cut a word: "…celled")
        // has no letter or digit before it.
        let at = from + start;
        let at_word_start = at == 0 || !text.as_bytes()[at - 1].is_ascii_alphanumeric();
        if !at_word_start {
            return;
        }
        let (word, supporting) = matcher.words[index];
        if supporting {
            support.get_or_insert(word);
            support_before |= *from < range.start;
        } else if start < near.end && end > near.start {
            against.get_or_insert(word);
            // The last word before the value (the rest of the word, then only spaces,
            // punctuation and the words of a label): "loyalty member no. 4284…",
            // "order #4155552671", "Your reference number is 5656…".
            if *from < range.start {
                let rest = &bytes[end..];
                let word_end = rest
                    .iter()
                    .position(|b| !b.is_ascii_alphanumeric())
                    .unwrap_or(rest.len());
                if only_label_words(&rest[word_end..]) {
                    label = true;
                    against = Some(word);
                }
            }
        }
    });
    // A word against the type that labels the value outweighs supporting words after it
    // ("loyalty member no. 4284… The charge on card …"); one before it competes
    // ("TENCENTCLOUD_SECRET_ID=…" stays a secret).
    if label && !support_before {
        support = None;
    }
    (support, against)
}

/// True when `between` (what stands between a label word and its value) holds only spaces,
/// punctuation and the words that finish a label ("number is", "no.", "ID:", "#").
fn only_label_words(between: &[u8]) -> bool {
    const LABEL_WORDS: &[&[u8]] = &[
        b"number", b"no", b"nr", b"num", b"is", b"was", b"id", b"code", b"nummer", b"numero",
        b"est", b"es",
    ];
    between
        .split(|b| !b.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .all(|w| LABEL_WORDS.iter().any(|l| l.eq_ignore_ascii_case(w)))
}

/// The supporting or opposing word in a column header (`phone`, `Mobile No.`, `order_id`,
/// `sku`), if it has one: `_`, `-` and `.` count as spaces, and the header ends with one
/// (so `tel` matches `tel `).
fn header_words(
    matcher: &ContextMatcher,
    header: &str,
) -> Option<(Option<&'static str>, Option<&'static str>)> {
    let mut name: Vec<u8> = header
        .bytes()
        .map(|b| {
            if matches!(b, b'_' | b'-' | b'.') {
                b' '
            } else {
                b
            }
        })
        .collect();
    name.push(b' ');
    let (mut support, mut against) = (None, None);
    matcher.each_word(&name, |start, _, index| {
        if start > 0 && name[start - 1].is_ascii_alphanumeric() {
            return;
        }
        match matcher.words[index] {
            (word, true) => support = support.or(Some(word)),
            (word, false) => against = against.or(Some(word)),
        }
    });
    match (support, against) {
        (None, None) => None,
        // A header with both ("order phone") says nothing clear: the window decides.
        (Some(_), Some(_)) => None,
        words => Some(words),
    }
}

/// True when `text[start..end]` is not glued to letters or digits on either side (a side whose
/// own edge character is not alphanumeric needs no check: "C++" or "(ICD)").
fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let word = &text[start..end];
    let left_ok = !alnum(word.chars().next()) || !alnum(text[..start].chars().next_back());
    let right_ok = !alnum(word.chars().next_back()) || !alnum(text[end..].chars().next());
    left_ok && right_ok
}

/// A candidate that satisfied one spec of one rule.
struct Kept {
    candidate: usize,
    rule: usize,
    spec: usize,
    identity: usize,
    confidence: Confidence,
    /// Whether its spec has as many candidates as it needs.
    satisfied: bool,
}

fn matched_rule(rule: &CompiledRule) -> MatchedRule {
    MatchedRule {
        name: rule.name.clone(),
        uuid: rule.uuid.clone(),
    }
}

/// What the keyword pass found in one text.
#[derive(Default)]
pub(crate) struct KeywordPass {
    /// Whole-word occurrences of word-list patterns: (gated pattern, range).
    words: Vec<(usize, Range<usize>)>,
    /// Windows to search keyword-gated patterns in: (gated pattern, from, to).
    windows: Vec<(usize, usize, usize)>,
    /// The window groups' questions, whose answers open more windows.
    hulls: Vec<Hull>,
}

/// A window group's question: does any of its patterns match in `span`, the hull of the
/// windows a keyword found at `start` opens for the members marked in `possible`?
struct Hull {
    group: usize,
    keyword: usize,
    start: usize,
    possible: u64,
    span: Range<usize>,
}

/// A text's candidates between the two halves of [`Scanner::find_candidates`].
struct Begun {
    pass: KeywordPass,
    tables: RowShapes,
    out: Vec<Candidate>,
}

/// Sorts windows and merges the overlapping ones of each pattern, so that each stretch of
/// text is searched once per pattern.
fn merge_windows(mut windows: Vec<(usize, usize, usize)>) -> Vec<(usize, usize, usize)> {
    windows.sort_unstable();
    let mut merged: Vec<(usize, usize, usize)> = Vec::with_capacity(windows.len());
    for w in windows {
        match merged.last_mut() {
            Some(last) if last.0 == w.0 && w.1 <= last.2 => last.2 = last.2.max(w.2),
            _ => merged.push(w),
        }
    }
    merged
}

/// How far (bytes, each side) opposing context words are looked for.
const OPPOSING_REACH: usize = 24;

fn context_rule_confidence(
    spec: &CompiledSpec,
    text: &str,
    range: &Range<usize>,
) -> Option<Confidence> {
    spec.context_rules.iter().find_map(|rule| {
        let (from, to) = text::char_window(
            text,
            range.start,
            range.end,
            rule.window_before,
            rule.window_after,
        );
        let hit = |span: Range<usize>| {
            !span.is_empty() && rule.regex.is_match(Input::new(text).span(span))
        };
        (hit(from..range.start) || hit(range.end..to)).then_some(rule.fixed_confidence)
    })
}

fn excluded(spec: &CompiledSpec, value: &str) -> bool {
    spec.exclusions.iter().any(|ex| match ex {
        CompiledExclusion::Regex { regex, .. } => regex.is_match(value),
        CompiledExclusion::WordsFull {
            words,
            case_sensitive,
        } => {
            if *case_sensitive {
                words.iter().any(|w| w == value)
            } else {
                words.contains(&value.to_lowercase())
            }
        }
        CompiledExclusion::WordsPartial { automaton } => automaton.is_match(value),
    })
}

/// Builds the redacted copy of the text from the findings that have a redacted form, and
/// records where each redacted value landed. Overlapping redactions: the earlier (then
/// longer) one wins; the later keeps its redacted form but no location.
fn redact_text(text: &str, findings: &mut [Finding]) -> Option<String> {
    let mut order: Vec<usize> = (0..findings.len())
        .filter(|&i| findings[i].redacted.is_some())
        .collect();
    if order.is_empty() {
        return None;
    }
    order.sort_by_key(|&i| {
        (
            findings[i].byte_range.start,
            std::cmp::Reverse(findings[i].byte_range.end),
        )
    });
    let mut out = String::with_capacity(text.len());
    let mut copied_to = 0;
    let mut out_code_points = 0;
    for i in order {
        let range = findings[i].byte_range.clone();
        if range.start < copied_to {
            continue;
        }
        let between = &text[copied_to..range.start];
        out.push_str(between);
        out_code_points += text::count_code_points(between.as_bytes());
        let replacement = findings[i].redacted.as_deref().unwrap_or_default();
        let start = out.len();
        let cp_start = out_code_points;
        out.push_str(replacement);
        out_code_points += replacement.chars().count();
        findings[i].redacted_location = Some(RedactedLocation {
            byte_range: start..out.len(),
            codepoint_range: cp_start..out_code_points,
        });
        copied_to = range.end;
    }
    out.push_str(&text[copied_to..]);
    Some(out)
}

/// Compiles `policy` and scans `text`: a shortcut for one-off scans and tests.
pub fn scan_once(policy: &ScanPolicy, text: &str) -> Result<ScanOutcome, crate::CompileError> {
    Ok(Scanner::new(policy)?.scan(text))
}

#[cfg(test)]
mod tests {
    use super::{anchored_starts, only_label_words, window_matches};
    use crate::compile::GatedKind;
    use crate::rules::{DetectorKind, DetectorSpec, RegexSpec, ScanPolicy};
    use crate::Scanner;

    /// A window searched anchored at its few possible starts gives the matches its unanchored
    /// search gives, up to the first starting after the window or ending past it (where the
    /// scanner stops): every keyword-gated pattern of the catalogue, over its
    /// detector's examples, in windows of every place and of widths up to eight bytes.
    #[test]
    fn anchored_window_searches_find_what_unanchored_ones_find() {
        // Places inside a match: the search goes on from its end, as `find_iter` does.
        for (pattern, text, expected) in [
            ("a[a-z]", "aaa", vec![(0, 2)]),
            ("a[a-z]", "aaaa", vec![(0, 2), (2, 4)]),
            ("ab+|b", "abbb", vec![(0, 4)]),
        ] {
            let regex = regex_automata::meta::Regex::new(pattern).unwrap();
            let first_bytes =
                crate::required::StartBytes::all_of(&regex_syntax::parse(pattern).unwrap());
            let places = anchored_starts(text.as_bytes(), 0..=2, &first_bytes);
            assert!(places.is_some(), "{pattern}");
            for places in [places, None] {
                let found: Vec<_> = window_matches(&regex, text, 0..text.len(), places)
                    .map(|m| (m.start(), m.end()))
                    .collect();
                assert_eq!(found, expected, "{pattern} in {text:?}");
            }
        }
        let scanner = Scanner::new(&ScanPolicy::default_rules()).unwrap();
        let (mut anchored_windows, mut matches) = (0, 0);
        for gated in &scanner.keywords.gated {
            let crate::compile::Slot::Native(native) = gated.owner.slot else {
                continue;
            };
            let texts = crate::registry::example_texts(scanner.natives[native]);
            let GatedKind::Near {
                regex,
                first_bytes,
                max_len,
                ..
            } = &gated.kind
            else {
                continue;
            };
            let Some(regex) = regex.get() else { continue };
            // The texts it matches in, every place of them.
            for text in texts.filter(|text| regex.is_match(*text)) {
                for from in (0..text.len()).filter(|&at| text.is_char_boundary(at)) {
                    for width in [0, 2, 5, 8] {
                        let to = crate::text::ceil_char_boundary(text, from + width);
                        let end =
                            crate::text::ceil_char_boundary(text, to.saturating_add(*max_len));
                        let Some(places) = anchored_starts(text.as_bytes(), from..=to, first_bytes)
                        else {
                            continue;
                        };
                        let upto = |found: &mut dyn Iterator<Item = regex_automata::Match>| {
                            let mut kept = Vec::new();
                            for m in found {
                                if m.start() > to {
                                    break;
                                }
                                kept.push(m);
                                if m.end() > to {
                                    break;
                                }
                            }
                            kept
                        };
                        let by_places =
                            upto(&mut window_matches(regex, text, from..end, Some(places)));
                        let unanchored = upto(&mut window_matches(regex, text, from..end, None));
                        assert_eq!(
                            by_places, unanchored,
                            "{} in {text:?} {from}..={to}",
                            gated.owner.name
                        );
                        anchored_windows += 1;
                        matches += by_places.len();
                    }
                }
            }
        }
        assert!(
            anchored_windows > 10_000 && matches > 200,
            "{anchored_windows} windows, {matches} matches"
        );
    }

    /// A custom rule's Unicode `\b` keeps neither the walk nor the pass from their lazy DFAs
    /// on non-ASCII text (they gave up there, and scanning such tickets fell from 390 MB/s
    /// to 0.4): every text of a batch gets its match starts.
    #[test]
    fn a_custom_unicode_word_boundary_keeps_the_walk_going() {
        let mut policy = ScanPolicy::default_rules();
        policy.rules[0]
            .detectors
            .push(DetectorSpec::new(DetectorKind::Regex(RegexSpec {
                pattern: r"\bREF-\d+\b".into(),
                case_sensitive: true,
            })));
        let scanner = Scanner::new(&policy).unwrap();
        let texts = [
            "Grüße, REF-12 é",
            "plain REF-3",
            "日本語のテキスト REF-4",
            "ÉREF-5é",
        ];
        let starts = scanner.match_starts_of(&texts);
        assert!(starts.iter().all(Option::is_some), "{starts:?}");
    }

    #[test]
    fn label_words_between_a_label_and_its_value() {
        for between in [" ", " #", " no. ", " number is ", ": ", " ID: ", " Nummer "] {
            assert!(only_label_words(between.as_bytes()), "{between:?}");
        }
        for between in [" for the ", " and card ", " paid with "] {
            assert!(!only_label_words(between.as_bytes()), "{between:?}");
        }
    }
}
