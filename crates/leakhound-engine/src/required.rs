//! Bytes that every match of a pattern contains, found from its syntax tree at compile time.
//!
//! A keyword opens windows for the patterns it gates, and most windows hold no match:
//! "password" in "I forgot my password" opens the windows of six password patterns, one of
//! them 400 bytes wide (connection strings, `Password=…;`). Searching a window runs the
//! pattern's automaton over every byte of it; asking `memchr` whether the window holds a byte
//! that every match must contain (the `;` and `=` of a connection string, the quote of a quoted
//! setting) costs a few instructions per 32 bytes. A window without one cannot hold a match
//! and is not searched.
//!
//! Only sets of at most three bytes are kept (what `memchr3` looks for), and only those rare in
//! prose: a requirement of "an `e` or an `E`" would be met by almost every window.

use regex_syntax::hir::{Class, Hir, HirKind};

/// Requirements kept per pattern: each costs one `memchr` pass over a window.
const MAX_REQUIREMENTS: usize = 3;

/// The most a requirement may cost ([`prose_cost`]) and still be worth checking.
const MAX_COST: u32 = 24;

/// One to three bytes, one of which every match contains.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ByteSet(Vec<u8>);

/// The byte sets every match of one pattern contains (possibly none).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Required(Vec<ByteSet>);

impl Required {
    /// The cheapest-to-meet-by-chance requirements of `hir`: every match of it holds a byte
    /// of each.
    pub fn of(hir: &Hir) -> Required {
        let mut sets = requirements(hir);
        sets.retain(|s| prose_cost(s) <= MAX_COST);
        sets.sort_by(|a, b| (prose_cost(a), &a.0).cmp(&(prose_cost(b), &b.0)));
        sets.dedup();
        sets.truncate(MAX_REQUIREMENTS);
        Required(sets)
    }

    /// False when `haystack` lacks every byte of some requirement: no match lies in it.
    pub fn met_by(&self, haystack: &[u8]) -> bool {
        self.0.iter().all(|ByteSet(bytes)| match bytes[..] {
            [a] => memchr::memchr(a, haystack).is_some(),
            [a, b] => memchr::memchr2(a, b, haystack).is_some(),
            [a, b, c] => memchr::memchr3(a, b, c, haystack).is_some(),
            // Never made: sets hold one to three bytes.
            _ => true,
        })
    }

    /// True when there is nothing to check.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The bytes a match of a pattern can begin with (`None` inside: any byte may), every one
/// ([`StartBytes::all_of`]: the places a narrow window is searched at), or only when they
/// leave out the lower-case ASCII letters that prose is mostly made of
/// ([`StartBytes::unless_lower_case`]: a house number's digits, the capital of "Calle"): a
/// window none of whose possible start positions holds one holds no match. Of the windows of
/// street addresses in sparse ticket text, most were searched for nothing because a digit
/// stood somewhere among their 200 bytes, not where a match could begin.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct StartBytes(Option<[u64; 4]>);

impl StartBytes {
    /// The same set, unless it holds a lower-case letter (prose is mostly made of them: such a
    /// set tells little about a window).
    pub fn unless_lower_case(&self) -> StartBytes {
        StartBytes(
            self.0
                .filter(|set| !(b'a'..=b'z').any(|b| contains(set, b))),
        )
    }

    /// Every byte a match of `hir` can begin with, lower-case letters included; `None` inside
    /// when a match may be empty.
    pub fn all_of(hir: &Hir) -> StartBytes {
        let (set, may_be_empty) = start_bytes(hir);
        StartBytes((!may_be_empty).then_some(set))
    }

    /// Whether a match may begin with `byte` (always, when the set is not known).
    pub fn allows(&self, byte: u8) -> bool {
        self.0.as_ref().is_none_or(|set| contains(set, byte))
    }

    /// Whether the set is known (a match cannot be empty).
    pub fn is_known(&self) -> bool {
        self.0.is_some()
    }

    /// False when no byte of `starts` (the first bytes of the positions where a match may
    /// begin) can begin a match.
    pub fn met_by(&self, starts: &[u8]) -> bool {
        match &self.0 {
            None => true,
            Some(set) => starts.iter().any(|&b| contains(set, b)),
        }
    }
}

fn contains(set: &[u64; 4], byte: u8) -> bool {
    set[usize::from(byte >> 6)] >> (byte & 63) & 1 == 1
}

fn insert_range(set: &mut [u64; 4], from: u8, to: u8) {
    for b in from..=to {
        set[usize::from(b >> 6)] |= 1 << (b & 63);
    }
}

/// The bytes a match of `hir` can begin with, and whether it can be empty (then what follows
/// it can begin the match too).
fn start_bytes(hir: &Hir) -> ([u64; 4], bool) {
    let mut set = [0u64; 4];
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => return (set, true),
        HirKind::Literal(literal) => match literal.0.first() {
            Some(&b) => insert_range(&mut set, b, b),
            None => return (set, true),
        },
        HirKind::Class(class) => {
            each_lead_range(class, |from, to| {
                insert_range(&mut set, from, to);
                true
            });
        }
        HirKind::Repetition(rep) => {
            let (sub, empty) = start_bytes(&rep.sub);
            return (sub, empty || rep.min == 0);
        }
        HirKind::Capture(capture) => return start_bytes(&capture.sub),
        HirKind::Concat(parts) => {
            for part in parts {
                let (first, empty) = start_bytes(part);
                for (s, f) in set.iter_mut().zip(first) {
                    *s |= f;
                }
                if !empty {
                    return (set, false);
                }
            }
            return (set, true);
        }
        HirKind::Alternation(branches) => {
            let mut any_empty = false;
            for branch in branches {
                let (first, empty) = start_bytes(branch);
                for (s, f) in set.iter_mut().zip(first) {
                    *s |= f;
                }
                any_empty |= empty;
            }
            return (set, any_empty);
        }
    }
    (set, false)
}

/// Every byte set of at most three bytes that a match of `hir` must contain one of.
fn requirements(hir: &Hir) -> Vec<ByteSet> {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Vec::new(),
        HirKind::Literal(literal) => {
            let mut bytes = literal.0.to_vec();
            bytes.sort_unstable();
            bytes.dedup();
            bytes.into_iter().map(|b| ByteSet(vec![b])).collect()
        }
        HirKind::Class(class) => first_bytes(class).into_iter().collect(),
        HirKind::Repetition(rep) if rep.min >= 1 => requirements(&rep.sub),
        HirKind::Repetition(_) => Vec::new(),
        HirKind::Capture(capture) => requirements(&capture.sub),
        HirKind::Concat(parts) => parts.iter().flat_map(requirements).collect(),
        // A match takes one branch: what each branch requires, merged, if still small. Each
        // branch offers its cheapest requirement; a branch with none leaves none.
        HirKind::Alternation(branches) => {
            let mut merged: Vec<u8> = Vec::new();
            for branch in branches {
                let Some(ByteSet(bytes)) = requirements(branch).into_iter().min_by_key(prose_cost)
                else {
                    return Vec::new();
                };
                merged.extend(bytes);
                merged.sort_unstable();
                merged.dedup();
                if merged.len() > 3 {
                    return Vec::new();
                }
            }
            vec![ByteSet(merged)]
        }
    }
}

/// The bytes a match of `class` can begin with (the first byte of each character's UTF-8
/// encoding), when there are at most three: a match of the class contains one of them.
fn first_bytes(class: &Class) -> Option<ByteSet> {
    let mut bytes: Vec<u8> = Vec::new();
    let few = each_lead_range(class, |from, to| {
        for b in from..=to {
            if !bytes.contains(&b) {
                bytes.push(b);
            }
        }
        bytes.len() <= 3
    });
    if !few {
        return None;
    }
    bytes.sort_unstable();
    (!bytes.is_empty()).then_some(ByteSet(bytes))
}

/// Calls `each(from, to)` for every range of bytes a character of `class` can begin with (the
/// first byte of its UTF-8 encoding), until it returns false; true if it never did.
fn each_lead_range(class: &Class, mut each: impl FnMut(u8, u8) -> bool) -> bool {
    match class {
        Class::Bytes(c) => c.iter().all(|r| each(r.start(), r.end())),
        Class::Unicode(c) => c.iter().all(|r| {
            regex_syntax::utf8::Utf8Sequences::new(r.start(), r.end()).all(|sequence| {
                let lead = sequence.as_slice()[0];
                each(lead.start, lead.end)
            })
        }),
    }
}

/// How likely ticket prose is to hold a byte of the set by chance, roughly: letters and spaces
/// are everywhere, digits and most punctuation are not.
fn prose_cost(set: &ByteSet) -> u32 {
    set.0
        .iter()
        .map(|&b| match b {
            b' ' | b'\n' => 100,
            b'a'..=b'z' => 40,
            b'.' | b',' => 15,
            b'A'..=b'Z' => 10,
            b'0'..=b'9' | b':' | b'-' | b'\'' | b'/' | b'(' | b')' => 6,
            _ => 2,
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::{ByteSet, Required};

    fn required(pattern: &str) -> Vec<Vec<u8>> {
        let hir = regex_syntax::parse(pattern).unwrap();
        Required::of(&hir)
            .0
            .into_iter()
            .map(|ByteSet(b)| b)
            .collect()
    }

    #[test]
    fn rare_bytes_every_match_holds() {
        // Literals and small classes in a concatenation; letters are not worth a look.
        assert_eq!(
            required(r"(?i)password[:=]\s*\S+;"),
            vec![b";".to_vec(), b":=".to_vec()]
        );
        // A branch without a requirement leaves the alternation without one.
        assert_eq!(required(r"(?:a;|b)"), Vec::<Vec<u8>>::new());
        // Branches merge while they stay small.
        assert_eq!(required(r#"(?:"x|'y)"#), vec![b"\"'".to_vec()]);
        // Optional parts require nothing; required repetitions do.
        assert_eq!(required(r"(?:;)?=+"), vec![b"=".to_vec()]);
        // A Unicode class: the first bytes of its characters' encodings.
        assert_eq!(required(r"[éè]"), vec![vec![0xC3]]);
        assert_eq!(required(r"[a-z]+"), Vec::<Vec<u8>>::new());
    }

    #[test]
    fn bytes_a_match_begins_with() {
        let starts = |p: &str| {
            super::StartBytes::all_of(&regex_syntax::parse(p).unwrap()).unless_lower_case()
        };
        // A house number: only a digit can begin a match.
        let number = starts(r"(?-u:\b)[0-9]{1,6}[A-Za-z]? (?:[A-Z][a-z]+ )+Street");
        assert!(number.met_by(b"at 12 Main"));
        assert!(!number.met_by(b"by the Main Street"));
        // Optional parts, alternations and look-arounds are looked through.
        let calle = starts(r"(?:\b(?:Calle|Via)|#)?(?:C/|Plaza) [0-9]");
        assert!(calle.met_by(b"xxV"));
        assert!(calle.met_by(b"#"));
        assert!(calle.met_by(b"P"));
        assert!(!calle.met_by(b"via plaza"));
        // Letters in lower case, or a pattern that may match nothing: no filter.
        assert!(starts(r"(?i)calle [0-9]").met_by(b"   "));
        assert!(starts(r"[0-9]*").met_by(b"   "));
        // Non-ASCII starts: the lead bytes of their encodings.
        let accented = starts(r"[À-Þ][a-z]+");
        assert!(accented.met_by("É".as_bytes()));
        assert!(!accented.met_by(b"E"));
    }

    /// On every keyword-gated pattern of the catalogue, a match starting anywhere in the
    /// detectors' examples (every detector's, each also in upper and in lower case) begins
    /// with a byte its `StartBytes` allows.
    #[test]
    fn every_example_match_begins_with_an_allowed_byte() {
        let mut texts: Vec<String> = crate::registry::NATIVE_DETECTORS
            .iter()
            .flat_map(|d| crate::registry::example_texts(d))
            .flat_map(|t| [t.to_string(), t.to_uppercase(), t.to_lowercase()])
            .collect();
        texts.sort_unstable();
        texts.dedup();
        let mut checked = 0;
        for det in crate::registry::NATIVE_DETECTORS {
            for pattern in det.patterns {
                let crate::detector::Find::Near { regex, .. } = pattern.find else {
                    continue;
                };
                let starts = super::StartBytes::all_of(&regex_syntax::parse(regex).unwrap())
                    .unless_lower_case();
                if starts.0.is_none() {
                    continue;
                }
                let re = regex_automata::meta::Regex::new(regex).unwrap();
                for text in &texts {
                    for at in (0..text.len()).filter(|&at| text.is_char_boundary(at)) {
                        let input = regex_automata::Input::new(text)
                            .span(at..text.len())
                            .anchored(regex_automata::Anchored::Yes);
                        if re.is_match(input) {
                            assert!(
                                starts.met_by(&text.as_bytes()[at..=at]),
                                "{}: {:?}",
                                pattern.name,
                                &text[at..]
                            );
                            checked += 1;
                        }
                    }
                }
            }
        }
        assert!(checked > 50, "{checked} matches");
    }

    #[test]
    fn a_window_without_a_required_byte_holds_no_match() {
        let hir = regex_syntax::parse(r"Password=[^;]+;").unwrap();
        let required = Required::of(&hir);
        assert!(!required.is_empty());
        assert!(!required.met_by(b"I forgot my password again"));
        assert!(required.met_by(b"Server=db;Password=hunter2;"));
    }

    /// On every keyword-gated pattern of the catalogue, each match in its detector's examples
    /// (and the secret rules' examples) holds every byte set the pattern is said to require.
    #[test]
    fn every_example_match_holds_its_required_bytes() {
        let mut checked = 0;
        for det in crate::registry::NATIVE_DETECTORS {
            for pattern in det.patterns {
                let crate::detector::Find::Near { regex, .. } = pattern.find else {
                    continue;
                };
                let required = Required::of(&regex_syntax::parse(regex).unwrap());
                if required.is_empty() {
                    continue;
                }
                let re = regex_automata::meta::Regex::new(regex).unwrap();
                for text in crate::registry::example_texts(det) {
                    for m in re.find_iter(text) {
                        assert!(
                            required.met_by(&text.as_bytes()[m.range()]),
                            "{}: {:?} lacks a byte of {:?}",
                            pattern.name,
                            &text[m.range()],
                            required
                        );
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 200, "only {checked} matches checked");
    }
}
