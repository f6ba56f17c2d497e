//! The ASCII keywords of keyword-gated patterns as one pattern of the multi-pattern pass: a
//! trie written as a regex (`p(?:ass(?:word|phrase)?|wd)|t(?:oken)…`), each letter a
//! two-case class.
//!
//! As one pattern per keyword, the 739 keywords of the catalogue put 739 start states into
//! every state of the pass's lazy DFA, and each new DFA state cost a walk over all of them:
//! the first 4 MB of PII-dense text took a second to scan, against 24 ms once the states
//! were built. As a trie they put one: the same text's first scan takes 0.18 s, and the
//! warmed-up pass finds the same matches at the same speed or better (measured in
//! docs/benchmarks.md).
//!
//! Which keyword matched is told by the matched text. At one place the trie prefers the
//! longest keyword (its optional endings are greedy), as the keywords listed longest first
//! did; a keyword's windows include those of the keywords it contains.

use crate::words::AnchoredWords;
use aho_corasick::MatchKind;
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;

/// The ASCII keywords in one regex, and the keyword each match spells.
pub(crate) struct KeywordTrie {
    /// The trie as a pattern of the multi-pattern regex.
    pub pattern: String,
    /// The same keywords as a trie of their *ends* (`(?:(?:p|…)ass|…)word`): the same strings,
    /// written so that the pattern reversed branches on the keyword's last character first.
    /// The reversed pass (`match_starts.rs`) walks it: reversed, `pattern` starts every
    /// keyword's reversed path at every byte, and building that DFA's states took 2.8 s over
    /// 4 MB of dense text against 0.35 s with this one (scratch harness, same positions).
    pub ends_pattern: String,
    /// Lower-case keyword → its index in the keyword stage's `near` list. (Fx hashing: the
    /// keys are the catalogue's own, and SipHash cost more than the rest of the look-up.)
    index_of: FxHashMap<Box<[u8]>, usize>,
    /// The same keywords for a look-up at one place ([`KeywordTrie::longest_at`]).
    anchored: AnchoredWords,
}

#[derive(Default)]
struct Node {
    /// Children by lower-case character.
    children: BTreeMap<char, Node>,
    /// A keyword ends here.
    end: bool,
}

impl KeywordTrie {
    /// The trie of `keywords` (index in `near`, keyword), which must be ASCII; `None` when
    /// there are none, `Err` when their automaton does not build.
    pub fn new<'a>(
        keywords: impl IntoIterator<Item = (usize, &'a str)>,
    ) -> Result<Option<KeywordTrie>, String> {
        let mut root = Node::default();
        let mut ends = Node::default();
        let mut index_of = FxHashMap::default();
        for (index, keyword) in keywords {
            debug_assert!(keyword.is_ascii() && !keyword.is_empty());
            let lower = keyword.to_ascii_lowercase();
            let mut node = &mut root;
            for c in lower.chars() {
                node = node.children.entry(c).or_default();
            }
            node.end = true;
            let mut node = &mut ends;
            for c in lower.chars().rev() {
                node = node.children.entry(c).or_default();
            }
            node.end = true;
            index_of
                .entry(lower.into_bytes().into_boxed_slice())
                .or_insert(index);
        }
        if index_of.is_empty() {
            return Ok(None);
        }
        // Longest at one place, as the trie's greedy optional endings prefer.
        let anchored = AnchoredWords::new(
            index_of.iter().map(|(w, &i)| (&**w, i)),
            MatchKind::LeftmostLongest,
            true,
        )?;
        let mut pattern = String::new();
        write_alternatives(&root, &mut pattern);
        let mut ends_pattern = String::new();
        write_beginnings(&ends, &mut ends_pattern);
        Ok(Some(KeywordTrie {
            pattern,
            ends_pattern,
            index_of,
            anchored,
        }))
    }

    /// The keyword a match of [`KeywordTrie::pattern`] starting at `at` spells, if one starts
    /// there: the longest keyword spelled there, in either case.
    pub fn longest_at(&self, text: &[u8], at: usize) -> Option<usize> {
        self.anchored.at(text, at)
    }

    /// The index of the keyword a match of [`KeywordTrie::pattern`] spells.
    pub fn keyword_of(&self, matched: &[u8]) -> Option<usize> {
        let mut lower = [0u8; 64];
        match lower.get_mut(..matched.len()) {
            Some(buffer) => {
                buffer.copy_from_slice(matched);
                buffer.make_ascii_lowercase();
                self.index_of.get(&*buffer).copied()
            }
            None => self
                .index_of
                .get(matched.to_ascii_lowercase().as_slice())
                .copied(),
        }
    }
}

/// Appends what may come before `node` of a trie of reversed keywords (the keywords whose
/// reversed path passes through it, without the part the path has read), and nothing at all
/// when a keyword begins there.
fn write_beginnings(node: &Node, out: &mut String) {
    out.push_str("(?:");
    for (i, (&c, child)) in node.children.iter().enumerate() {
        if i > 0 {
            out.push('|');
        }
        if !child.children.is_empty() {
            write_beginnings(child, out);
        }
        write_char(c, out);
    }
    out.push(')');
    if node.end {
        out.push('?');
    }
}

/// Appends `c` in either case if it is a letter, else as written.
fn write_char(c: char, out: &mut String) {
    if c.is_ascii_alphabetic() {
        out.push('[');
        out.push(c);
        out.push(c.to_ascii_uppercase());
        out.push(']');
    } else {
        out.push_str(&regex_syntax::escape(c.encode_utf8(&mut [0; 4])));
    }
}

/// Appends what may follow `node`: its children as alternatives, and nothing at all when a
/// keyword ends there (last, so that a longer keyword is preferred).
fn write_alternatives(node: &Node, out: &mut String) {
    let grouped = node.children.len() > 1 || (node.end && !node.children.is_empty());
    if grouped {
        out.push_str("(?:");
    }
    for (i, (&c, child)) in node.children.iter().enumerate() {
        if i > 0 {
            out.push('|');
        }
        write_char(c, out);
        write_alternatives(child, out);
    }
    if grouped {
        out.push(')');
        if node.end {
            out.push('?');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::KeywordTrie;
    use regex_automata::meta::Regex;

    /// The keywords as separate patterns, longest first (as the pass listed them before the
    /// trie): where they start at one place, the first listed wins.
    fn separate(keywords: &[&str]) -> (Regex, Vec<usize>) {
        let mut order: Vec<usize> = (0..keywords.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(keywords[i].len()));
        let patterns: Vec<String> = order
            .iter()
            .map(|&i| format!("(?i-u:{})", regex_syntax::escape(keywords[i])))
            .collect();
        (Regex::new_many(&patterns).unwrap(), order)
    }

    fn agree(keywords: &[&str], texts: &[&str]) -> usize {
        let trie = KeywordTrie::new(keywords.iter().copied().enumerate())
            .unwrap()
            .unwrap();
        let one = Regex::new(&trie.pattern).unwrap();
        let (many, order) = separate(keywords);
        let mut matches = 0;
        for text in texts {
            let expected: Vec<(usize, usize, usize)> = many
                .find_iter(*text)
                .map(|m| (m.start(), m.end(), order[m.pattern().as_usize()]))
                .collect();
            let found: Vec<(usize, usize, usize)> = one
                .find_iter(*text)
                .map(|m| {
                    let keyword = trie.keyword_of(&text.as_bytes()[m.range()]).unwrap();
                    (m.start(), m.end(), keyword)
                })
                .collect();
            assert_eq!(found, expected, "{text:?}\n{}", trie.pattern);
            matches += found.len();
        }
        matches
    }

    #[test]
    fn the_trie_finds_what_the_keywords_listed_longest_first_find() {
        let keywords = [
            "pass",
            "password",
            "passphrase",
            "pwd",
            "sk-",
            "sk-ant-",
            "sk_live_",
            "token",
            "to",
            " blvd ",
            " blvd.",
            "1//0",
            "amzn.mws.",
            "a3t",
            "ssn",
        ];
        let texts = [
            "my PASSWORD is hunter2, the passphrase too; pwd=x PassWord",
            "sk-ant-api03-abc sk-proj sk_live_123 SK-ANT-",
            "the token to use: Tokens; tot; toke",
            "12 Main blvd. and 3 Oak Blvd and 4 elm BLVD , 1//0abc",
            "amzn.mws.1234 A3TXYZ ssn: SSN# passw",
            "passwor pas p",
        ];
        assert!(agree(&keywords, &texts) > 20);
    }

    /// The ASCII keywords of the default rules, as the catalogue writes them.
    fn catalogue_keywords() -> Vec<String> {
        let scanner =
            crate::Scanner::new(&crate::ScanPolicy::default_rules()).expect("default rules");
        let words: Vec<String> = scanner
            .keywords
            .near
            .iter()
            .map(|k| k.word.clone())
            .filter(|w| w.is_ascii())
            .collect();
        assert!(words.len() > 500, "{} ASCII keywords", words.len());
        words
    }

    #[test]
    fn the_catalogue_keywords_agree_on_the_detectors_examples() {
        let words = catalogue_keywords();
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        let mut texts: Vec<&str> = crate::registry::NATIVE_DETECTORS
            .iter()
            .flat_map(|d| crate::registry::example_texts(d))
            .collect();
        // Each detector's texts include the secret rules' examples.
        texts.sort_unstable();
        texts.dedup();
        assert!(agree(&words, &texts) > 500);
    }

    /// The trie of ends spells exactly the keywords: every catalogue keyword in three cases,
    /// and none of their proper prefixes, extensions or neighbours that is not a keyword.
    #[test]
    fn the_trie_of_ends_matches_the_same_strings() {
        let words: Vec<String> = catalogue_keywords()
            .iter()
            .map(|w| w.to_ascii_lowercase())
            .collect();
        let trie = KeywordTrie::new(words.iter().map(String::as_str).enumerate())
            .unwrap()
            .unwrap();
        let whole = |p: &str| Regex::new(&format!("^(?:{p})$")).unwrap();
        let (forward, ends) = (whole(&trie.pattern), whole(&trie.ends_pattern));
        let mut checked = 0;
        for w in &words {
            let mut candidates = vec![
                w.clone(),
                w.to_ascii_uppercase(),
                format!("x{w}"),
                format!("{w}x"),
                w[1..].to_string(),
                w[..w.len() - 1].to_string(),
            ];
            candidates.push(w.chars().rev().collect());
            for text in candidates {
                assert_eq!(
                    forward.is_match(text.as_str()),
                    ends.is_match(text.as_str()),
                    "{text:?}"
                );
                checked += 1;
            }
            assert!(ends.is_match(w.as_str()), "{w:?}");
        }
        assert!(checked > 4000);
    }

    #[test]
    fn letters_match_in_either_case_and_other_characters_as_written() {
        let trie = KeywordTrie::new([(0, "a.b"), (1, "a+"), (2, "a")])
            .unwrap()
            .unwrap();
        let one = Regex::new(&trie.pattern).unwrap();
        let spans: Vec<_> = one.find_iter("A.B axb A+ a").map(|m| m.range()).collect();
        assert_eq!(spans, vec![0..3, 4..5, 8..10, 11..12]);
        assert_eq!(trie.keyword_of(b"A.b"), Some(0));
        assert_eq!(trie.keyword_of(b"A+"), Some(1));
        assert_eq!(trie.keyword_of(b"b"), None);
        assert_eq!(trie.keyword_of(&[b'a'; 100]), None);
    }
}
