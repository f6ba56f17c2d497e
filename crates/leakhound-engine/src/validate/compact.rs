//! Normalising a candidate the way python-stdnum's `compact()` functions do: Unicode dashes
//! and spaces become their ASCII forms, the listed separators are dropped, letters are
//! optionally upper-cased. The result lives on the stack.

/// Up to 32 ASCII bytes: a national number with its separators removed.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Compact {
    buf: [u8; 32],
    len: usize,
}

impl std::fmt::Debug for Compact {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Compact(..)")
    }
}

impl Compact {
    /// The compacted bytes.
    pub fn bytes(&self) -> &[u8] {
        &self.buf[..self.len]
    }

    /// How many bytes are left.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when nothing is left.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// True when every byte is an ASCII digit (and there is at least one).
    pub fn all_digits(&self) -> bool {
        !self.is_empty() && self.bytes().iter().all(u8::is_ascii_digit)
    }
}

/// Drops the characters of `delete` (after mapping Unicode dashes to `-` and Unicode spaces
/// to ` `) and surrounding whitespace, upper-cases ASCII letters when `upper`, and returns
/// `None` when anything non-ASCII is left or more than 32 bytes remain.
pub fn compact(text: &str, delete: &str, upper: bool) -> Option<Compact> {
    let mut out = Compact {
        buf: [0; 32],
        len: 0,
    };
    for c in text.trim().chars() {
        let c = match c {
            '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{fe58}' | '\u{fe63}' | '\u{ff0d}' => '-',
            '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' => ' ',
            '\u{ff0f}' | '\u{2044}' | '\u{2215}' => '/',
            '\u{ff0e}' | '\u{b7}' => '.',
            c => c,
        };
        if delete.contains(c) {
            continue;
        }
        if !c.is_ascii() || out.len == out.buf.len() {
            return None;
        }
        let b = c as u8;
        out.buf[out.len] = if upper { b.to_ascii_uppercase() } else { b };
        out.len += 1;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compacts() {
        let c = |t, d, u| compact(t, d, u).map(|c| String::from_utf8_lossy(c.bytes()).into_owned());
        assert_eq!(
            c(" 943-476 5870 ", " -", false).as_deref(),
            Some("9434765870")
        );
        assert_eq!(
            c("12. ABC.345 /01DE\u{2013}35", " -./", true).as_deref(),
            Some("12ABC34501DE35")
        );
        assert_eq!(c("abnabe2a", "", true).as_deref(), Some("ABNABE2A"));
        assert_eq!(c("12\u{a0}34", " ", false).as_deref(), Some("1234"));
        assert_eq!(c("12é4", " ", false), None);
        assert_eq!(c(&"1".repeat(33), "", false), None);
        assert!(compact("123", "", false).is_some_and(|c| c.all_digits()));
        assert!(!compact("", "", false).is_some_and(|c| c.all_digits()));
    }
}
