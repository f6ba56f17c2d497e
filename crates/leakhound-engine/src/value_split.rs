//! Taking a pattern's `value` group by three anchored searches, where no cut by characters
//! applies ([`crate::value_trim`]).
//!
//! A capturing search runs a backtracker whose visited set grows with the pattern's automaton:
//! for the generic secret and password patterns (`api_key = …`, `password: …`), where the
//! separator may itself be a value character, it cost 4,000–8,500 instructions a candidate.
//! When the pattern is `prefix (?P<value>value) suffix` at its top level, the group follows
//! from leftmost-first searches of the three parts alone, each anchored where the last ended:
//! a backtracker takes the first path through the prefix that completes it, then the first
//! through the value, then the suffix, and reports that parse if the suffix completes it; a
//! leftmost-first search of a part alone finds exactly that first path's end. So when the
//! suffix ends where the whole match ends, the three ends are the capture's; otherwise
//! ([`ValueSplit::apply`] returns `None`) the caller falls back to the capturing search.

use regex_automata::meta::{self, Regex};
use regex_automata::{Anchored, Input};
use regex_syntax::hir::{Hir, HirKind};
use std::ops::Range;
use std::sync::OnceLock;

/// The parts of a pattern around its `value` group, each compiled alone when first needed
/// (compiling them for every pattern of the catalogue was a tenth of compiling the default
/// rules, and a run meets few of those patterns).
#[derive(Debug)]
pub(crate) struct ValueSplit {
    /// What comes before the group, if anything.
    prefix: Option<Hir>,
    /// The group's own pattern.
    value: Hir,
    /// What comes after the group, if anything.
    suffix: Option<Hir>,
    built: OnceLock<Option<Parts>>,
}

/// The three parts, compiled.
#[derive(Debug)]
struct Parts {
    prefix: Option<Regex>,
    value: Regex,
    suffix: Option<Regex>,
}

impl ValueSplit {
    /// The split of `hir` (a whole pattern), when its `value` group is a part of its top-level
    /// concatenation.
    pub fn of(hir: &Hir) -> Option<ValueSplit> {
        let HirKind::Concat(parts) = hir.kind() else {
            return None;
        };
        let at = parts.iter().position(
            |h| matches!(h.kind(), HirKind::Capture(c) if c.name.as_deref() == Some("value")),
        )?;
        let HirKind::Capture(value) = parts[at].kind() else {
            return None;
        };
        let part = |parts: &[Hir]| (!parts.is_empty()).then(|| Hir::concat(parts.to_vec()));
        Some(ValueSplit {
            prefix: part(&parts[..at]),
            value: (*value.sub).clone(),
            suffix: part(&parts[at + 1..]),
            built: OnceLock::new(),
        })
    }

    /// The compiled parts; `None` when one does not build (a size limit), and then every
    /// match falls back to the capturing search.
    fn parts(&self) -> Option<&Parts> {
        self.built
            .get_or_init(|| {
                let build = |hir: &Hir| {
                    meta::Builder::new()
                        .configure(
                            meta::Config::new()
                                .nfa_size_limit(Some(64 << 20))
                                // Searched over a match of a few dozen bytes, anchored.
                                .auto_prefilter(false),
                        )
                        .build_from_hir(hir)
                        .ok()
                };
                let optional = |hir: &Option<Hir>| match hir {
                    None => Some(None),
                    Some(hir) => build(hir).map(Some),
                };
                Some(Parts {
                    prefix: optional(&self.prefix)?,
                    value: build(&self.value)?,
                    suffix: optional(&self.suffix)?,
                })
            })
            .as_ref()
    }

    /// The value's range within `whole`, a leftmost-first match of the pattern in `text`;
    /// `None` when the parts alone do not parse the match (then a capturing search must).
    pub fn apply(&self, text: &str, whole: Range<usize>) -> Option<Range<usize>> {
        let parts = self.parts()?;
        let end_of = |part: &Regex, from: usize| {
            part.search(
                &Input::new(text)
                    .span(from..whole.end)
                    .anchored(Anchored::Yes),
            )
            .map(|m| m.end())
        };
        let start = match &parts.prefix {
            Some(prefix) => end_of(prefix, whole.start)?,
            None => whole.start,
        };
        let end = end_of(&parts.value, start)?;
        let last = match &parts.suffix {
            Some(suffix) => end_of(suffix, end)?,
            None => end,
        };
        (last == whole.end).then_some(start..end)
    }

    /// Whether the parts build (a test of the catalogue's patterns).
    #[cfg(test)]
    pub fn builds(&self) -> bool {
        self.parts().is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::ValueSplit;
    use regex_automata::meta::Regex;
    use regex_automata::{Anchored, Input};

    /// The split's value is the capture's wherever it answers, on every keyword-gated pattern
    /// with a `value` group in the catalogue, over its detector's examples and the secret
    /// rules' examples; and it answers for most of them.
    #[test]
    fn the_split_agrees_with_the_capturing_search() {
        let (mut agreed, mut fell_back) = (0, 0);
        for det in crate::registry::NATIVE_DETECTORS {
            for pattern in det.patterns {
                let regex = match pattern.find {
                    crate::detector::Find::Near { regex, .. } => regex,
                    crate::detector::Find::Anywhere(regex) => regex,
                    crate::detector::Find::Words(_) => continue,
                };
                let hir = regex_syntax::parse(regex).unwrap();
                let Some(split) = ValueSplit::of(&hir) else {
                    continue;
                };
                let re = Regex::new(regex).unwrap();
                let group = re.group_info().to_index(0.into(), "value").unwrap();
                let mut caps = re.create_captures();
                for text in crate::registry::example_texts(det) {
                    for m in re.find_iter(text) {
                        re.search_captures(
                            &Input::new(text).range(m.range()).anchored(Anchored::Yes),
                            &mut caps,
                        );
                        let captured = caps.get_group(group).map(|g| g.range());
                        match split.apply(text, m.range()) {
                            Some(value) => {
                                assert_eq!(
                                    Some(value),
                                    captured,
                                    "{}: {:?}",
                                    pattern.name,
                                    &text[m.range()]
                                );
                                agreed += 1;
                            }
                            None => fell_back += 1,
                        }
                    }
                }
            }
        }
        assert!(agreed > 100, "only {agreed} splits checked");
        assert!(
            fell_back * 10 < agreed,
            "{fell_back} fell back, {agreed} agreed"
        );
    }

    #[test]
    fn a_separator_that_may_begin_a_value_is_taken_by_the_prefix() {
        let pattern = r"key[:=]?(?P<value>[a-z=:]{3,})(?:$|[^a-z=:])";
        let split = ValueSplit::of(&regex_syntax::parse(pattern).unwrap()).unwrap();
        let text = "key=abc;";
        let m = Regex::new(pattern).unwrap().find(text).unwrap();
        assert_eq!(split.apply(text, m.range()), Some(4..7));
    }
}
