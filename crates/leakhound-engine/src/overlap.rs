//! Overlap resolution between candidates of native detectors, in O(n log n).
//!
//! Two native detectors rarely mean the same characters: a card number is not also a phone
//! number. When native candidates overlap, the best one keeps the span: higher confidence,
//! then longer, then higher detector priority, then earlier. Candidates of custom detectors
//! (user regexes and word lists) are only de-duplicated against themselves: the user asked for
//! them explicitly, so a native finding never hides them.

use crate::compile::Slot;
use crate::scan::Candidate;
use std::cmp::Reverse;
use std::collections::BTreeMap;

/// Keeps the best of every group of overlapping candidates, deterministically, and returns
/// them sorted by position.
pub(crate) fn resolve(mut candidates: Vec<Candidate>) -> Vec<Candidate> {
    candidates.sort_by(|a, b| {
        let key = |c: &Candidate| {
            (
                Reverse(c.confidence),
                Reverse(c.range.len()),
                Reverse(c.priority),
                c.range.start,
                slot_key(c.slot),
            )
        };
        key(a).cmp(&key(b))
    });
    // One interval map for all native detectors, one per custom detector.
    let mut taken: BTreeMap<Slot, BTreeMap<usize, usize>> = BTreeMap::new();
    let mut kept = Vec::with_capacity(candidates.len());
    for c in candidates {
        let group = match c.slot {
            Slot::Native(_) => Slot::Native(usize::MAX),
            // Custom detectors and combinations only compete with themselves.
            other => other,
        };
        let intervals = taken.entry(group).or_default();
        if overlaps(intervals, c.range.start, c.range.end) {
            continue;
        }
        intervals.insert(c.range.start, c.range.end);
        kept.push(c);
    }
    kept.sort_by_key(|c| (c.range.start, c.range.end, slot_key(c.slot)));
    kept
}

fn slot_key(slot: Slot) -> (u8, usize) {
    match slot {
        Slot::Native(i) => (0, i),
        Slot::Custom(i) => (1, i),
        Slot::Combination(i) => (2, i),
    }
}

/// True when [start, end) overlaps an interval of the map (whose intervals never overlap each
/// other, so only the neighbours on each side need a look).
fn overlaps(intervals: &BTreeMap<usize, usize>, start: usize, end: usize) -> bool {
    if let Some((_, &prev_end)) = intervals.range(..=start).next_back() {
        if prev_end > start {
            return true;
        }
    }
    if let Some((&next_start, _)) = intervals.range(start..).next() {
        if next_start < end {
            return true;
        }
    }
    false
}

impl PartialOrd for Slot {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Slot {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        slot_key(*self).cmp(&slot_key(*other))
    }
}
