//! What a native detector is: static data (patterns, context words, examples) plus a validator.
//!
//! Every native detector is one `pub static` [`NativeDetector`] in a file of its own under
//! `detectors/`, listed once in [`crate::registry::NATIVE_DETECTORS`]. The engine compiles the
//! patterns of every detector in a rule set into one multi-pattern regex, so a detector never
//! runs a pass over the text of its own.

use crate::confidence::Confidence;

/// A native detector: the data that finds, validates and scores one type of sensitive value.
pub struct NativeDetector {
    /// The scan API's name, such as `CREDIT_CARD_NUMBER`.
    pub name: &'static str,
    /// One line for `leakhound detectors list`.
    pub description: &'static str,
    /// The candidate patterns. Each is a regex in `regex-automata` syntax. If a pattern has a
    /// capture group named `value`, the finding is that group's span; otherwise the whole match.
    ///
    /// Patterns must stay on the lazy DFA's fast path: use ASCII classes (`[0-9]`,
    /// `[A-Za-z]`) and ASCII word boundaries (`(?-u:\b)`), never Unicode `\b`, `\w` or `\d`.
    pub patterns: &'static [Pattern],
    /// Judges a candidate value. Returns `None` to drop it outright (it cannot be this type),
    /// or a verdict with the confidence before context.
    pub validate: fn(&str) -> Option<Verdict>,
    /// How nearby words move the confidence.
    pub context: ContextPolicy,
    /// Where this detector stands when two candidates of different detectors overlap with the
    /// same confidence and length: the higher wins.
    pub priority: u8,
    /// Texts in which the detector must find exactly the given values (and nothing else),
    /// at the given confidence or above. Run by the tests and `leakhound detectors check`.
    pub examples: &'static [Example],
    /// Texts in which the detector must find nothing at `LIKELY` or above.
    pub negative_examples: &'static [&'static str],
}

impl std::fmt::Debug for NativeDetector {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NativeDetector")
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

/// One candidate pattern of a native detector.
#[derive(Debug)]
pub struct Pattern {
    /// A short name for explanations, such as `card-grouped` or `aws-access-key-id`.
    pub name: &'static str,
    /// How candidates are found.
    pub find: Find,
}

/// How a pattern finds its candidates.
///
/// Most detectors are not shapes that can appear anywhere: a provider key begins with its
/// prefix, a passport number needs the word "passport" nearby, a drug name is a word from a
/// list. Such patterns stay out of the one multi-pattern pass and are searched only where one
/// of their keywords occurs (one Aho-Corasick pass finds the keywords of every pattern), so
/// hundreds of them cost ordinary text almost nothing: the gitleaks and Nosey Parker way of
/// scaling a rule set.
#[derive(Debug, Clone, Copy)]
pub enum Find {
    /// The regex may match anywhere; it joins the one multi-pattern pass.
    Anywhere(&'static str),
    /// The regex is searched only near one of `keywords` (ASCII, matched case-insensitively,
    /// anywhere in the text): a match must start between `before` bytes before a keyword
    /// occurrence and `after` bytes after its end. A pattern that begins with its keyword
    /// (`ghp_…`) uses small windows; a value that merely needs a word nearby ("passport no.
    /// X1234567") uses wider ones.
    Near {
        /// The regex, with an optional `value` group.
        regex: &'static str,
        /// The keywords that gate it.
        keywords: &'static [&'static str],
        /// How far before a keyword's start a match may start, in bytes.
        before: u16,
        /// How far after a keyword's end a match may start, in bytes.
        after: u16,
    },
    /// Whole words and phrases from a list, one per line (blank lines and lines starting with
    /// `#` ignored), matched ASCII case-insensitively where a word begins and ends. The
    /// validator sees each occurrence as written and decides.
    Words(&'static str),
}

impl Pattern {
    /// A pattern that joins the one multi-pattern pass.
    pub const fn new(name: &'static str, regex: &'static str) -> Pattern {
        Pattern {
            name,
            find: Find::Anywhere(regex),
        }
    }

    /// A pattern searched only near its keywords (see [`Find::Near`]).
    pub const fn near(
        name: &'static str,
        regex: &'static str,
        keywords: &'static [&'static str],
        before: u16,
        after: u16,
    ) -> Pattern {
        Pattern {
            name,
            find: Find::Near {
                regex,
                keywords,
                before,
                after,
            },
        }
    }

    /// A word-list pattern (see [`Find::Words`]); `list` is usually an `include_str!` of a
    /// data file.
    pub const fn words(name: &'static str, list: &'static str) -> Pattern {
        Pattern {
            name,
            find: Find::Words(list),
        }
    }

    /// The pattern's regex, unless it is a word list.
    pub fn regex(&self) -> Option<&'static str> {
        match self.find {
            Find::Anywhere(regex) | Find::Near { regex, .. } => Some(regex),
            Find::Words(_) => None,
        }
    }
}

/// The entries of a word list in [`Find::Words`] format.
pub fn list_entries(list: &'static str) -> impl Iterator<Item = &'static str> {
    list.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// What a validator says of a candidate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Verdict {
    /// The confidence before context words are considered.
    pub confidence: Confidence,
    /// What was checked and how it came out, for the finding's explanation.
    pub check: Check,
}

impl Verdict {
    /// A candidate whose checksum or structure checked out.
    pub const fn passed(confidence: Confidence, what: &'static str) -> Verdict {
        Verdict {
            confidence,
            check: Check::Passed(what),
        }
    }
    /// A candidate that failed a check but is kept at a low confidence.
    pub const fn failed(confidence: Confidence, what: &'static str) -> Verdict {
        Verdict {
            confidence,
            check: Check::Failed(what),
        }
    }
    /// A candidate with no check beyond its format.
    pub const fn format_only(confidence: Confidence) -> Verdict {
        Verdict {
            confidence,
            check: Check::FormatOnly,
        }
    }
}

/// The outcome of a validator, kept in a finding's explanation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Check {
    /// The named check passed (for example `luhn`, `mod-97`, `aba-checksum`).
    Passed(&'static str),
    /// The named check failed.
    Failed(&'static str),
    /// No check applies beyond the pattern.
    FormatOnly,
}

/// How words near a candidate move its confidence.
#[derive(Clone, Copy, Debug)]
pub struct ContextPolicy {
    /// Lowercase ASCII words or phrases that support the type when found near a candidate.
    /// A word matches where a word starts and may continue (`expir` matches `expiry`), so
    /// short words that begin longer unrelated ones need punctuation (`ref:` not `ref`).
    pub supporting: &'static [&'static str],
    /// Lowercase ASCII words or phrases that speak against it ("order", "invoice", "version").
    pub opposing: &'static [&'static str],
    /// How many bytes before and after the candidate are searched (cut to character
    /// boundaries).
    pub window: usize,
    /// Levels added when a supporting word is near (and no opposing one is).
    pub boost: i8,
    /// Levels removed when an opposing word is near (and no supporting one is).
    pub penalty: i8,
    /// The highest confidence a candidate reaches without a supporting word. Detectors whose
    /// format alone says little (bank routing numbers, dates) cap it below `LIKELY`.
    pub cap_without_support: Confidence,
}

impl ContextPolicy {
    /// No context words: confidence is the validator's.
    pub const NONE: ContextPolicy = ContextPolicy {
        supporting: &[],
        opposing: &[],
        window: 0,
        boost: 0,
        penalty: 0,
        cap_without_support: Confidence::VeryLikely,
    };
}

/// A positive example: a text, and the values the detector must find in it with at least the
/// given confidence.
#[derive(Debug)]
pub struct Example {
    /// The text scanned.
    pub text: &'static str,
    /// The exact values expected, in order of position.
    pub finds: &'static [&'static str],
    /// The lowest confidence each of them may have.
    pub min_confidence: Confidence,
}

/// The validator of word-list detectors whose lists hold only distinctive entries (diagnosis
/// phrases, drug names): an occurrence is LIKELY, unless it has fewer than four letters (a
/// degenerate match).
pub fn word_list_entry(text: &str) -> Option<Verdict> {
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 4 {
        return None;
    }
    Some(Verdict::passed(Confidence::Likely, "word-list"))
}

/// The validator of detectors whose values have no check digit (passport and government ID
/// numbers): POSSIBLE on format alone, so that only a supporting word makes them reportable,
/// and nothing for repeated or sequential filler digits.
pub fn format_only_unless_filler(text: &str) -> Option<Verdict> {
    if crate::validate::filler::is_filler(text) {
        return None;
    }
    Some(Verdict::format_only(Confidence::Possible))
}
