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
pub(crate) fn resolve(candidates: Vec<Candidate>) -> Vec<Candidate> {
    if candidates.len() < 2 {
        return candidates;
    }
    // Sorting indices, not the candidates themselves (which carry their explanations).
    let key = |c: &Candidate| {
        (
            Reverse(c.confidence),
            Reverse(c.range.len()),
            Reverse(c.priority),
            c.range.start,
            slot_key(c.slot),
        )
    };
    let mut order: Vec<usize> = (0..candidates.len()).collect();
    order.sort_by(|&a, &b| key(&candidates[a]).cmp(&key(&candidates[b])));
    let mut taken = Taken::for_count(candidates.len());
    let mut keep = vec![false; candidates.len()];
    for i in order {
        let c = &candidates[i];
        let group = match c.slot {
            Slot::Native(_) => Slot::Native(usize::MAX),
            // Custom detectors and combinations only compete with themselves.
            other => other,
        };
        keep[i] = taken.take(group, c.range.start, c.range.end);
    }
    let mut kept: Vec<Candidate> = candidates
        .into_iter()
        .zip(keep)
        .filter_map(|(c, keep)| keep.then_some(c))
        .collect();
    kept.sort_by_key(|c| (c.range.start, c.range.end, slot_key(c.slot)));
    kept
}

/// The spans kept so far, per group: a list walked in full for the few candidates of a
/// ticket, an interval map per group (O(log n) a look) for a long text's many.
enum Taken {
    Few(Vec<(Slot, usize, usize)>),
    Many(BTreeMap<Slot, BTreeMap<usize, usize>>),
}

/// Up to this many candidates, a list is quicker than a map.
const FEW: usize = 32;

impl Taken {
    fn for_count(count: usize) -> Taken {
        if count <= FEW {
            Taken::Few(Vec::with_capacity(count))
        } else {
            Taken::Many(BTreeMap::new())
        }
    }

    /// Takes [start, end) for `group` unless it overlaps a span the group already holds.
    fn take(&mut self, group: Slot, start: usize, end: usize) -> bool {
        match self {
            Taken::Few(spans) => {
                // The same test as the map's: a span starting at or before `start` that ends
                // after it, or one starting in [start, end).
                if spans.iter().any(|&(g, s, e)| {
                    g == group && ((s <= start && e > start) || (s >= start && s < end))
                }) {
                    return false;
                }
                spans.push((group, start, end));
                true
            }
            Taken::Many(groups) => {
                let intervals = groups.entry(group).or_default();
                if overlaps(intervals, start, end) {
                    return false;
                }
                intervals.insert(start, end);
                true
            }
        }
    }
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

#[cfg(test)]
mod tests {
    use super::{Slot, Taken};
    use proptest::prelude::*;

    proptest! {
        /// The list kept for a few candidates and the interval maps kept for many take and
        /// refuse exactly the same spans, empty ones included.
        #[test]
        fn the_list_and_the_maps_agree(
            spans in proptest::collection::vec((0usize..3, 0usize..60, 0usize..12), 0..40)
        ) {
            let mut few = Taken::Few(Vec::new());
            let mut many = Taken::Many(Default::default());
            for (group, start, len) in spans {
                let group = if group == 0 { Slot::Native(usize::MAX) } else { Slot::Custom(group) };
                prop_assert_eq!(
                    few.take(group, start, start + len),
                    many.take(group, start, start + len)
                );
            }
        }
    }
}
