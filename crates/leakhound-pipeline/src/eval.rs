//! Precision and recall of stored findings against known sensitive spans (the emulators'
//! ground truth, or any labelled corpus).
//!
//! A finding is a true positive when a gold span of the same type lies in the same part of
//! the same ticket and the two overlap; every other finding is a false positive, and every
//! gold span no finding overlaps is a false negative. Strict matches (identical ranges) are
//! counted too, to show boundary quality. [`evaluate_with`] with [`Matching::Exact`] scores
//! the same way but requires identical ranges (used by `leakhound eval`).

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

/// A known sensitive value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoldSpan {
    /// `hubspot`, `zendesk`, or a file name.
    pub source: String,
    /// The ticket.
    pub ticket_id: String,
    /// The part key, as the pipeline names parts (`subject`, `content`, `comment:<id>`).
    pub part: String,
    /// Byte range in the part.
    pub range: Range<usize>,
    /// The detector type (`CREDIT_CARD_NUMBER`).
    pub kind: String,
}

/// A reported finding, reduced to what evaluation needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Predicted {
    /// As in [`GoldSpan`].
    pub source: String,
    /// As in [`GoldSpan`].
    pub ticket_id: String,
    /// As in [`GoldSpan`].
    pub part: String,
    /// Byte range in the part.
    pub range: Range<usize>,
    /// The native detector name.
    pub kind: String,
}

/// Counts for one type.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Findings overlapping a gold span of their type.
    pub true_positives: u64,
    /// Of those, with exactly the gold span's range.
    pub strict_matches: u64,
    /// Findings overlapping no gold span of their type.
    pub false_positives: u64,
    /// Gold spans no finding of their type overlaps.
    pub false_negatives: u64,
    /// Gold spans at least one finding overlaps.
    pub gold_matched: u64,
}

impl Counts {
    /// TP / (TP + FP); 1 when nothing was predicted.
    pub fn precision(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_positives,
        )
    }
    /// Gold found / all gold; 1 when there was nothing to find.
    pub fn recall(&self) -> f64 {
        let gold = self.gold();
        ratio(gold - self.false_negatives, gold)
    }
    /// Gold spans of the type.
    pub fn gold(&self) -> u64 {
        self.gold_matched + self.false_negatives
    }
    /// The weighted harmonic mean of precision and recall: (1+β²)·P·R / (β²·P + R); 0 when
    /// both are 0. β = 1 is F1; β = 2 weighs recall four times as much as precision.
    pub fn f_beta(&self, beta: f64) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        let b2 = beta * beta;
        if p + r == 0.0 {
            0.0
        } else {
            (1.0 + b2) * p * r / (b2 * p + r)
        }
    }
    /// F1, the harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        self.f_beta(1.0)
    }
}

/// When a finding matches a gold span.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Matching {
    /// The ranges share at least one byte; a finding finds one gold span (one not yet found,
    /// where it overlaps several).
    #[default]
    Overlap,
    /// The ranges are identical.
    Exact,
    /// The ranges share at least one byte, and a finding finds every gold span it overlaps:
    /// "did anything sensitive slip through?", where one finding on a connection string
    /// covers the password in it too.
    Covering,
}

fn ratio(a: u64, b: u64) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// Evaluation per type and overall.
#[derive(Clone, Debug, Default)]
pub struct Evaluation {
    /// Per detector type.
    pub by_type: BTreeMap<String, Counts>,
}

impl Evaluation {
    /// Counts summed over every type.
    pub fn overall(&self) -> Counts {
        self.by_type.values().fold(Counts::default(), |mut acc, c| {
            acc.true_positives += c.true_positives;
            acc.strict_matches += c.strict_matches;
            acc.false_positives += c.false_positives;
            acc.false_negatives += c.false_negatives;
            acc.gold_matched += c.gold_matched;
            acc
        })
    }
}

/// Scores `predicted` against `gold`, a finding matching a gold span it overlaps.
pub fn evaluate(
    gold: impl IntoIterator<Item = GoldSpan>,
    predicted: impl IntoIterator<Item = Predicted>,
) -> Evaluation {
    evaluate_with(gold, predicted, Matching::Overlap)
}

/// Scores `predicted` against `gold` with the given matching.
pub fn evaluate_with(
    gold: impl IntoIterator<Item = GoldSpan>,
    predicted: impl IntoIterator<Item = Predicted>,
    matching: Matching,
) -> Evaluation {
    type Key = (String, String, String, String);
    let mut gold_by_part: HashMap<Key, Vec<(Range<usize>, bool)>> = HashMap::new();
    let mut eval = Evaluation::default();
    for g in gold {
        eval.by_type.entry(g.kind.clone()).or_default();
        gold_by_part
            .entry((g.source, g.ticket_id, g.part, g.kind))
            .or_default()
            .push((g.range, false));
    }
    for p in predicted {
        let counts = eval.by_type.entry(p.kind.clone()).or_default();
        let spans = gold_by_part.get_mut(&(p.source, p.ticket_id, p.part, p.kind));
        let Some(spans) = spans else {
            counts.false_positives += 1;
            continue;
        };
        let hits = |r: &Range<usize>| match matching {
            Matching::Overlap | Matching::Covering => {
                r.start < p.range.end && p.range.start < r.end
            }
            Matching::Exact => *r == p.range,
        };
        // The gold spans this finding finds: with `Overlap`, the first it overlaps that no
        // finding found yet (else the first it overlaps: a second finding on a found span is
        // still a true positive, but finds nothing new).
        let found: Vec<usize> = match matching {
            Matching::Covering => (0..spans.len()).filter(|&i| hits(&spans[i].0)).collect(),
            Matching::Overlap | Matching::Exact => spans
                .iter()
                .position(|(r, matched)| !matched && hits(r))
                .or_else(|| spans.iter().position(|(r, _)| hits(r)))
                .into_iter()
                .collect(),
        };
        if found.is_empty() {
            counts.false_positives += 1;
            continue;
        }
        counts.true_positives += 1;
        if found.iter().any(|&i| spans[i].0 == p.range) {
            counts.strict_matches += 1;
        }
        for i in found {
            if !spans[i].1 {
                spans[i].1 = true;
                counts.gold_matched += 1;
            }
        }
    }
    for ((_, _, _, kind), spans) in gold_by_part {
        let counts = eval.by_type.entry(kind).or_default();
        counts.false_negatives += spans.iter().filter(|(_, matched)| !matched).count() as u64;
    }
    eval
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(part: &str, r: Range<usize>, kind: &str) -> GoldSpan {
        GoldSpan {
            source: "zendesk".into(),
            ticket_id: "1".into(),
            part: part.into(),
            range: r,
            kind: kind.into(),
        }
    }
    fn p(part: &str, r: Range<usize>, kind: &str) -> Predicted {
        Predicted {
            source: "zendesk".into(),
            ticket_id: "1".into(),
            part: part.into(),
            range: r,
            kind: kind.into(),
        }
    }

    #[test]
    fn counts_overlaps_types_and_misses() {
        let gold = vec![
            g("comment:1", 5..24, "CREDIT_CARD_NUMBER"),
            g("comment:1", 40..51, "US_SOCIAL_SECURITY_NUMBER"),
            g("subject", 0..5, "EMAIL_ADDRESS"),
        ];
        let predicted = vec![
            p("comment:1", 5..24, "CREDIT_CARD_NUMBER"),
            p("comment:1", 41..51, "US_SOCIAL_SECURITY_NUMBER"),
            p("comment:1", 60..70, "PHONE_NUMBER"),
            p("comment:2", 5..24, "CREDIT_CARD_NUMBER"),
        ];
        let e = evaluate(gold, predicted);
        let cc = e.by_type["CREDIT_CARD_NUMBER"];
        assert_eq!(
            (
                cc.true_positives,
                cc.strict_matches,
                cc.false_positives,
                cc.false_negatives
            ),
            (1, 1, 1, 0)
        );
        assert_eq!(cc.precision(), 0.5);
        assert_eq!(cc.recall(), 1.0);
        let ssn = e.by_type["US_SOCIAL_SECURITY_NUMBER"];
        assert_eq!((ssn.true_positives, ssn.strict_matches), (1, 0));
        assert_eq!(e.by_type["EMAIL_ADDRESS"].recall(), 0.0);
        assert_eq!(e.by_type["PHONE_NUMBER"].precision(), 0.0);
        let all = e.overall();
        assert_eq!(
            (all.true_positives, all.false_positives, all.false_negatives),
            (2, 2, 1)
        );
        assert!((all.recall() - 2.0 / 3.0).abs() < 1e-9);
    }

    /// Exact matching on the same case, and F-measures worked by hand.
    #[test]
    fn a_finding_finds_an_unfound_span_first_and_covering_finds_all() {
        // Two gold spans overlap (a connection string and the password in it); two findings
        // land on the first one's range.
        let gold = || vec![g("text", 0..40, "*"), g("text", 20..30, "*")];
        let found = || vec![p("text", 0..40, "*"), p("text", 0..40, "*")];
        let overlap = evaluate_with(gold(), found(), Matching::Overlap).by_type["*"];
        assert_eq!((overlap.gold_matched, overlap.false_negatives), (2, 0));
        // One finding over both: overlap finds one span, covering both.
        let one = || vec![p("text", 0..40, "*")];
        let overlap = evaluate_with(gold(), one(), Matching::Overlap).by_type["*"];
        assert_eq!((overlap.gold_matched, overlap.false_negatives), (1, 1));
        let covering = evaluate_with(gold(), one(), Matching::Covering).by_type["*"];
        assert_eq!(
            (
                covering.true_positives,
                covering.gold_matched,
                covering.false_negatives
            ),
            (1, 2, 0)
        );
    }

    #[test]
    fn exact_matching_and_f_measures() {
        let gold = vec![
            g("t", 0..10, "A"),
            g("t", 20..30, "A"),
            g("t", 40..50, "A"),
            g("t", 60..70, "B"),
        ];
        let predicted = vec![
            p("t", 0..10, "A"),  // exact
            p("t", 21..30, "A"), // overlap only
            p("t", 80..90, "A"), // nothing
            p("t", 60..70, "B"), // exact
        ];
        let overlap = evaluate_with(gold.clone(), predicted.clone(), Matching::Overlap);
        let a = overlap.by_type["A"];
        assert_eq!(
            (a.true_positives, a.false_positives, a.false_negatives),
            (2, 1, 1)
        );
        // P = 2/3, R = 2/3, F1 = 2/3; F2 = 5·(4/9) / (4·2/3 + 2/3) = 2/3.
        assert!((a.f1() - 2.0 / 3.0).abs() < 1e-12);
        assert!((a.f_beta(2.0) - 2.0 / 3.0).abs() < 1e-12);
        let exact = evaluate_with(gold, predicted, Matching::Exact);
        let a = exact.by_type["A"];
        assert_eq!(
            (a.true_positives, a.false_positives, a.false_negatives),
            (1, 2, 2)
        );
        // P = 1/3, R = 1/3.
        assert!((a.f1() - 1.0 / 3.0).abs() < 1e-12);
        // Micro over A and B: TP 2, FP 2, FN 2, so P = R = F2 = 1/2.
        let all = exact.overall();
        assert_eq!(
            (all.true_positives, all.false_positives, all.false_negatives),
            (2, 2, 2)
        );
        assert!((all.f_beta(2.0) - 0.5).abs() < 1e-12);
        let c = Counts {
            true_positives: 1,
            strict_matches: 1,
            false_positives: 1,
            false_negatives: 3,
            gold_matched: 1,
        };
        // P = 1/2, R = 1/4: F1 = 1/3, F2 = 5·(1/8) / (2 + 1/4) = 5/18.
        assert!((c.f1() - 1.0 / 3.0).abs() < 1e-12);
        assert!((c.f_beta(2.0) - 5.0 / 18.0).abs() < 1e-12);
        assert_eq!(Counts::default().f1(), 1.0);
    }
}
