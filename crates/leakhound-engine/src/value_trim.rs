//! Taking a pattern's `value` group without a capturing regex engine, where the pattern's
//! shape allows it.
//!
//! Most `value` groups exist only to emulate look-around, which the regex engines lack: the
//! pattern consumes the character before the value (`(?:^|[^0-9A-Za-z.])`) or after it
//! (`(?:$|[^0-9.]|\.$|\.[^0-9])`) and marks the value in between. Taking such a group from a
//! match costs a backtracking search per candidate (12% of a scan of PII-dense text was
//! spent there). But when no character the prefix can consume may begin the value, and no
//! character the suffix can consume may end it, the group is fixed by the match alone: the
//! value begins at the match's first character that may begin a value and ends after its
//! last character that may end one. [`ValueTrim::of`] proves that condition on the
//! pattern's syntax tree at compile time; patterns that fail it keep the capturing search.

use regex_syntax::hir::{Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind};
use std::ops::Range;

/// How to cut the `value` group out of a match of one pattern.
#[derive(Clone, Debug)]
pub(crate) struct ValueTrim {
    start: Cut,
    end: Cut,
}

/// How one end of the value is found in a match.
#[derive(Clone, Debug)]
enum Cut {
    /// At the first (start) or last (end) character of the match that may begin (end) a
    /// value: nothing the prefix (suffix) consumes may.
    Edge(CharSet),
    /// At the end of the run of value characters that reaches the value's other end: the
    /// character the prefix (suffix) consumes next to the value never belongs to one
    /// (`token: <value>` — the prefix holds letters, but its last character is ':' or ' ').
    Run(CharSet),
}

impl ValueTrim {
    /// The trim for `hir` (a whole pattern) when its `value` group can be cut from a match by
    /// characters alone; `None` when it cannot (the caller then runs a capturing search).
    pub fn of(hir: &Hir) -> Option<ValueTrim> {
        let HirKind::Concat(parts) = hir.kind() else {
            return None;
        };
        let is_value =
            |h: &Hir| matches!(h.kind(), HirKind::Capture(c) if c.name.as_deref() == Some("value"));
        let at = parts.iter().position(is_value)?;
        if parts[at + 1..].iter().any(is_value) {
            return None;
        }
        let HirKind::Capture(value) = parts[at].kind() else {
            return None;
        };
        let (first, first_nullable) = edge(&value.sub, Edge::First)?;
        let (last, last_nullable) = edge(&value.sub, Edge::Last)?;
        if first_nullable || last_nullable {
            return None;
        }
        let inner = consumed(&value.sub)?;
        let (prefix, suffix) = (&parts[..at], &parts[at + 1..]);
        let start = if !intersects(&consumed_all(prefix)?, &first) {
            Cut::Edge(CharSet::new(&first))
        } else if !intersects(&edge_of_sequence(prefix, Edge::Last)?.0, &inner) {
            Cut::Run(CharSet::new(&inner))
        } else {
            return None;
        };
        let end = if !intersects(&consumed_all(suffix)?, &last) {
            Cut::Edge(CharSet::new(&last))
        } else if !intersects(&edge_of_sequence(suffix, Edge::First)?.0, &inner) {
            Cut::Run(CharSet::new(&inner))
        } else {
            return None;
        };
        if matches!((&start, &end), (Cut::Run(_), Cut::Run(_))) {
            // Each run needs the other end to start from.
            return None;
        }
        Some(ValueTrim { start, end })
    }

    /// The value's range within `whole`, a match of the pattern in `text`.
    pub fn apply(&self, text: &str, whole: Range<usize>) -> Option<Range<usize>> {
        let matched = text.get(whole.clone())?;
        let first_edge = |set: &CharSet| matched.char_indices().find(|&(_, c)| set.contains(c));
        let last_edge = |set: &CharSet| {
            matched
                .char_indices()
                .rev()
                .find(|&(_, c)| set.contains(c))
                .map(|(i, c)| i + c.len_utf8())
        };
        let (start, end) = match (&self.start, &self.end) {
            (Cut::Edge(first), Cut::Edge(last)) => (first_edge(first)?.0, last_edge(last)?),
            (Cut::Edge(first), Cut::Run(inner)) => {
                let start = first_edge(first)?.0;
                let run = matched[start..]
                    .char_indices()
                    .find(|&(_, c)| !inner.contains(c))
                    .map_or(matched.len(), |(i, _)| start + i);
                (start, run)
            }
            (Cut::Run(inner), Cut::Edge(last)) => {
                let end = last_edge(last)?;
                let run = matched[..end]
                    .char_indices()
                    .rev()
                    .find(|&(_, c)| !inner.contains(c))
                    .map_or(0, |(i, c)| i + c.len_utf8());
                (run, end)
            }
            (Cut::Run(_), Cut::Run(_)) => return None,
        };
        (start < end).then(|| whole.start + start..whole.start + end)
    }
}

/// A set of characters with a bitmap for ASCII.
#[derive(Clone, Debug)]
struct CharSet {
    ascii: u128,
    /// Non-ASCII ranges, sorted.
    other: Box<[(char, char)]>,
}

impl CharSet {
    fn new(class: &ClassUnicode) -> CharSet {
        let mut ascii = 0u128;
        let mut other = Vec::new();
        for r in class.ranges() {
            for c in r.start()..=r.end().min('\x7f') {
                ascii |= 1 << (c as u32);
            }
            if r.end() > '\x7f' {
                other.push((r.start().max('\u{80}'), r.end()));
            }
        }
        CharSet {
            ascii,
            other: other.into_boxed_slice(),
        }
    }

    fn contains(&self, c: char) -> bool {
        let code = c as u32;
        if code < 128 {
            return self.ascii & (1 << code) != 0;
        }
        let i = self.other.partition_point(|&(_, end)| end < c);
        self.other.get(i).is_some_and(|&(start, _)| start <= c)
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Edge {
    First,
    Last,
}

/// The characters a match of `hir` may begin (or end) with, and whether it may be empty.
/// `None` for what this analysis does not follow (byte classes beyond ASCII, non-UTF-8
/// literals).
fn edge(hir: &Hir, side: Edge) -> Option<(ClassUnicode, bool)> {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Some((ClassUnicode::empty(), true)),
        HirKind::Literal(lit) => {
            let s = std::str::from_utf8(&lit.0).ok()?;
            let c = match side {
                Edge::First => s.chars().next(),
                Edge::Last => s.chars().next_back(),
            }?;
            Some((ClassUnicode::new([ClassUnicodeRange::new(c, c)]), false))
        }
        HirKind::Class(class) => Some((unicode(class)?, false)),
        HirKind::Repetition(rep) => {
            let (set, nullable) = edge(&rep.sub, side)?;
            Some((set, nullable || rep.min == 0))
        }
        HirKind::Capture(cap) => edge(&cap.sub, side),
        HirKind::Concat(parts) => edge_of_sequence(parts, side),
        HirKind::Alternation(alts) => {
            let mut set = ClassUnicode::empty();
            let mut any_nullable = false;
            for alt in alts {
                let (s, nullable) = edge(alt, side)?;
                set.union(&s);
                any_nullable |= nullable;
            }
            Some((set, any_nullable))
        }
    }
}

/// The characters a match of the sequence `parts` may begin (or end) with, and whether it
/// may be empty (the empty set and true for an empty sequence).
fn edge_of_sequence(parts: &[Hir], side: Edge) -> Option<(ClassUnicode, bool)> {
    let mut set = ClassUnicode::empty();
    let ordered: Box<dyn Iterator<Item = &Hir>> = match side {
        Edge::First => Box::new(parts.iter()),
        Edge::Last => Box::new(parts.iter().rev()),
    };
    for part in ordered {
        let (s, nullable) = edge(part, side)?;
        set.union(&s);
        if !nullable {
            return Some((set, false));
        }
    }
    Some((set, true))
}

/// Every character a match of any of `parts` may contain.
fn consumed_all(parts: &[Hir]) -> Option<ClassUnicode> {
    let mut set = ClassUnicode::empty();
    for part in parts {
        set.union(&consumed(part)?);
    }
    Some(set)
}

/// Every character a match of `hir` may contain.
fn consumed(hir: &Hir) -> Option<ClassUnicode> {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Some(ClassUnicode::empty()),
        HirKind::Literal(lit) => {
            let s = std::str::from_utf8(&lit.0).ok()?;
            Some(ClassUnicode::new(
                s.chars().map(|c| ClassUnicodeRange::new(c, c)),
            ))
        }
        HirKind::Class(class) => unicode(class),
        HirKind::Repetition(rep) => consumed(&rep.sub),
        HirKind::Capture(cap) => consumed(&cap.sub),
        HirKind::Concat(parts) | HirKind::Alternation(parts) => {
            let mut set = ClassUnicode::empty();
            for part in parts {
                set.union(&consumed(part)?);
            }
            Some(set)
        }
    }
}

fn unicode(class: &Class) -> Option<ClassUnicode> {
    match class {
        Class::Unicode(u) => Some(u.clone()),
        // ASCII byte classes (`(?-u:...)`) are characters too; a byte class reaching past
        // ASCII matches parts of characters, which this analysis does not follow.
        Class::Bytes(b) => b.to_unicode_class(),
    }
}

fn intersects(a: &ClassUnicode, b: &ClassUnicode) -> bool {
    let mut both = a.clone();
    both.intersect(b);
    !both.ranges().is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex_automata::meta::Regex;
    use regex_automata::{Anchored, Input};

    fn trim(pattern: &str) -> Option<ValueTrim> {
        ValueTrim::of(&regex_syntax::parse(pattern).unwrap())
    }

    /// The trim and a capturing search agree on the group of every match in `text`.
    fn agrees(pattern: &str, text: &str) {
        let t = trim(pattern).unwrap_or_else(|| panic!("{pattern} should be trimmable"));
        let re = Regex::new(pattern).unwrap();
        let group = re
            .group_info()
            .to_index(regex_automata::PatternID::ZERO, "value")
            .unwrap();
        let mut caps = re.create_captures();
        let mut seen = 0;
        for m in re.find_iter(text) {
            re.search_captures(
                &Input::new(text).range(m.range()).anchored(Anchored::Yes),
                &mut caps,
            );
            let expected = caps.get_group(group).map(|g| g.range());
            assert_eq!(t.apply(text, m.range()), expected, "{pattern} on {text:?}");
            seen += 1;
        }
        assert!(seen > 0, "{pattern} matched nothing in {text:?}");
    }

    #[test]
    fn look_around_emulations_are_trimmed() {
        let ipv4 = r"(?:^|[^0-9A-Za-z.])(?P<value>(?:[0-9]{1,3}\.){3}[0-9]{1,3})(?:$|[^0-9.]|\.$|\.[^0-9])";
        agrees(ipv4, "10.0.0.1");
        agrees(ipv4, "host 192.168.1.20. Then 8.8.8.8, and (10.1.2.3)");
        agrees(ipv4, "ip=172.16.0.1\n");
        let email = r"(?:^|[^A-Za-z0-9_.%+\x{C0}-\x{24F}-])(?P<value>[A-Za-z0-9_\x{C0}-\x{24F}][A-Za-z0-9._%+'\x{C0}-\x{24F}-]{0,63}@(?:[A-Za-z0-9][A-Za-z0-9-]*\.){1,8}[A-Za-z]{2,24})(?-u:\b)";
        agrees(
            email,
            "mail müller@example.de, or «josé.o'neil@mail.example.com»",
        );
        let github = r"(?P<value>(?-u:\b)ghp_[A-Za-z0-9]{36})(?:$|[^A-Za-z0-9_+/=.-]|\.$|\.[^A-Za-z0-9_+/=-])";
        agrees(
            github,
            "token ghp_16C7e42F292c6912E7710c838347Ae178B4a. done",
        );
        // The prefix holds letters, but ends in a character no value holds.
        let keyed = r#"(?i:api[_-]?key|token)["']?[ \t]{0,3}[:=][ \t]{0,3}["']?(?P<value>[A-Za-z0-9_-]{8,})(?:$|[^A-Za-z0-9_-])"#;
        agrees(
            keyed,
            "api_key = \"Zx8KpQ2vNw7mRt4L\" and TOKEN:abcdefgh12, token:= a",
        );
        // The suffix holds value characters, but begins with one no value holds.
        let trailing = r"(?P<value>[A-Z]{2}[0-9]{6})/[A-Z0-9 ]{0,3}(?i:end)";
        agrees(trailing, "ref AB123456/X9 end; CD654321/end");
    }

    #[test]
    fn ambiguous_shapes_keep_the_capturing_search() {
        // The prefix may end in a letter, which may also begin the value.
        assert!(trim(r"(?i:password)[ :=]*(?P<value>[A-Za-z0-9]+)").is_none());
        // Neither end has a character that marks it.
        assert!(trim(r"(?i:key)[ :]?(?P<value>[a-z0-9]+)[a-z]?").is_none());
        // The suffix may consume ':' and the value may end with one.
        assert!(trim(r"(?P<value>[0-9a-f:]+:)(?:$|.)").is_none());
        // A value that may be empty, a value inside an alternation, no value at all.
        assert!(trim(r"x(?P<value>[0-9]*)y").is_none());
        assert!(trim(r"a(?P<value>[0-9]+)|b").is_none());
        assert!(trim(r"[0-9]+").is_none());
    }

    /// Every catalogue pattern the trim takes agrees with the capturing search on every
    /// example text of every detector (and on texts that put the examples side by side).
    #[test]
    fn catalogue_patterns_agree_with_captures() {
        let mut texts: Vec<String> = Vec::new();
        for d in crate::registry::NATIVE_DETECTORS {
            texts.extend(d.examples.iter().map(|e| e.text.to_string()));
            texts.extend(d.negative_examples.iter().map(|t| t.to_string()));
        }
        texts.push(texts.join(" "));
        texts.push(texts.join("\n"));
        let mut trimmed = 0;
        for d in crate::registry::NATIVE_DETECTORS {
            for p in d.patterns {
                let Some(pattern) = p.regex() else { continue };
                if ValueTrim::of(&regex_syntax::parse(pattern).unwrap()).is_none() {
                    continue;
                }
                trimmed += 1;
                let t = trim(pattern).unwrap();
                let re = Regex::new(pattern).unwrap();
                let group = re
                    .group_info()
                    .to_index(regex_automata::PatternID::ZERO, "value")
                    .unwrap();
                let mut caps = re.create_captures();
                for text in &texts {
                    for m in re.find_iter(text.as_str()) {
                        re.search_captures(
                            &Input::new(text.as_str())
                                .range(m.range())
                                .anchored(Anchored::Yes),
                            &mut caps,
                        );
                        let expected = caps.get_group(group).map(|g| g.range());
                        assert_eq!(t.apply(text, m.range()), expected, "{} on {text:?}", p.name);
                    }
                }
            }
        }
        // Most value groups only emulate look-around (e-mail, IP, provider-prefixed keys).
        assert!(trimmed >= 50, "only {trimmed} patterns are trimmed");
    }

    #[test]
    fn char_sets() {
        let set = CharSet::new(&ClassUnicode::new([
            ClassUnicodeRange::new('a', 'c'),
            ClassUnicodeRange::new('é', 'é'),
            ClassUnicodeRange::new('\u{400}', '\u{4ff}'),
        ]));
        assert!(set.contains('b') && set.contains('é') && set.contains('Ж'));
        assert!(!set.contains('d') && !set.contains('è') && !set.contains('\u{500}'));
    }
}
