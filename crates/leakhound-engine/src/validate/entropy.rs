//! Shannon entropy and the shape tests that separate generated secrets from identifiers,
//! hashes and placeholders.

use crate::words::WordSet;

/// Shannon entropy of the bytes of `text`, in bits per byte. Zero for empty text.
///
/// A 20-character random base62 string scores about 4.0–4.3; English words, repeated
/// characters and short hex strings score well under 3.5.
pub fn shannon(text: &str) -> f64 {
    let bytes = text.as_bytes();
    if bytes.is_empty() {
        return 0.0;
    }
    // H = log2(n) - (1/n) * sum(c * log2(c)) over the byte counts c. Visiting each distinct
    // byte once through the text itself (zeroing its count after use) beats walking all 256
    // counters, and small counts take c*log2(c) from a table: this runs on every key and
    // token candidate.
    let mut counts = [0u32; 256];
    for &b in bytes {
        counts[usize::from(b)] += 1;
    }
    let mut sum = 0.0;
    for &b in bytes {
        let c = std::mem::take(&mut counts[usize::from(b)]);
        if c > 0 {
            sum += c_log2_c(c);
        }
    }
    let n = bytes.len() as f64;
    n.log2() - sum / n
}

/// c * log2(c), from a table for the counts short tokens have.
fn c_log2_c(c: u32) -> f64 {
    static TABLE: std::sync::OnceLock<[f64; 64]> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| std::array::from_fn(|c| c as f64 * (c as f64).log2()));
    match table.get(c as usize) {
        Some(&v) if c > 0 => v,
        _ => f64::from(c) * f64::from(c).log2(),
    }
}

/// Which character classes occur in a token.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Classes {
    /// `a`–`z`.
    pub lower: bool,
    /// `A`–`Z`.
    pub upper: bool,
    /// `0`–`9`.
    pub digit: bool,
    /// Anything else.
    pub other: bool,
}

impl Classes {
    /// The classes of the bytes of `text`.
    pub fn of(text: &str) -> Classes {
        let mut c = Classes::default();
        for b in text.bytes() {
            match b {
                b'a'..=b'z' => c.lower = true,
                b'A'..=b'Z' => c.upper = true,
                b'0'..=b'9' => c.digit = true,
                _ => c.other = true,
            }
        }
        c
    }

    /// How many of the four classes occur.
    pub fn count(self) -> u32 {
        u32::from(self.lower)
            + u32::from(self.upper)
            + u32::from(self.digit)
            + u32::from(self.other)
    }
}

/// True for the canonical 8-4-4-4-12 hex UUID form. UUIDs are identifiers (ticket, order and
/// user ids), not secrets, and are everywhere in support tickets.
pub fn is_uuid(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, &c)| match i {
            8 | 13 | 18 | 23 => c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

/// True for a hex string of the length of an MD5, SHA-1, SHA-256 or SHA-512 digest. Hashes
/// are checksums and commit ids, shared on purpose.
pub fn is_hex_digest(text: &str) -> bool {
    matches!(text.len(), 32 | 40 | 64 | 128) && text.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The longest run of one repeated byte.
pub fn longest_run(text: &str) -> usize {
    let mut best = 0;
    let mut run = 0;
    let mut prev = None;
    for b in text.bytes() {
        run = if Some(b) == prev { run + 1 } else { 1 };
        prev = Some(b);
        best = best.max(run);
    }
    best
}

/// True when at least 30% of adjacent pairs step up or down by one (`abc123def456`,
/// `qwertz` excepted): typed sequences, not generated ones. A random base62 string has about
/// 3% such pairs.
pub fn is_sequential(text: &str) -> bool {
    let b = text.as_bytes();
    if b.len() < 8 {
        return false;
    }
    let steps = b
        .windows(2)
        .filter(|w| {
            w[0].is_ascii_alphanumeric()
                && (w[1] == w[0].wrapping_add(1) || w[0] == w[1].wrapping_add(1))
        })
        .count();
    steps * 10 >= (b.len() - 1) * 3
}

/// True for values that stand in for a secret rather than being one: masks (`****`,
/// `xxxx`), template variables (`${TOKEN}`, `{{ key }}`, `<your-key>`, `%s`) and the usual
/// filler words (`your_api_key_here`, `changeme`, `example`, `placeholder`, …).
pub fn is_placeholder(text: &str) -> bool {
    let b = text.as_bytes();
    if b.is_empty() {
        return true;
    }
    if matches!(b[0], b'<' | b'[' | b'{' | b'$' | b'%' | b'(') {
        return true;
    }
    // Masks: made only of mask characters, or mostly a long run of one.
    if b.iter().all(|c| {
        matches!(
            c,
            b'*' | b'x' | b'X' | b'.' | b'#' | b'-' | b'_' | b'0' | b'?' | b'~'
        )
    }) {
        return true;
    }
    if longest_run(text) >= 6 {
        return true;
    }
    fillers().occurs_in(b)
}

/// Words that mark an example or a template rather than a real secret, in one automaton
/// (searched once per candidate instead of once per word).
fn fillers() -> &'static WordSet {
    static FILLERS: std::sync::OnceLock<WordSet> = std::sync::OnceLock::new();
    FILLERS.get_or_init(|| {
        // Walked byte by byte: the search runs on every key candidate.
        WordSet::new([
            "your",
            "example",
            "placeholder",
            "changeme",
            "change_me",
            "dummy",
            "redacted",
            "insert",
            "replace",
            "sample",
            "foobar",
            "xxxx",
            "****",
            "here",
        ])
        .expect("a fixed word list compiles")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entropy_values() {
        assert_eq!(shannon(""), 0.0);
        assert_eq!(shannon("aaaaaaaa"), 0.0);
        assert!((shannon("abab") - 1.0).abs() < 1e-9);
        assert!((shannon("0123456789abcdef") - 4.0).abs() < 1e-9);
        assert!(shannon("Zx8KpQ2vNw7mRt4LsY9bHc3FdJ6gUe1A") > 4.5);
        assert!(shannon("passwordpassword") < 3.5);
    }

    #[test]
    fn classes() {
        assert_eq!(Classes::of("abc").count(), 1);
        assert_eq!(Classes::of("aB3").count(), 3);
        assert_eq!(Classes::of("aB3!").count(), 4);
        assert!(Classes::of("x_y").other);
    }

    #[test]
    fn uuids_and_hashes() {
        assert!(is_uuid("550e8400-e29b-41d4-a716-446655440000"));
        assert!(!is_uuid("550e8400-e29b-41d4-a716-44665544000g"));
        assert!(!is_uuid("550e8400e29b41d4a716446655440000"));
        assert!(is_hex_digest("d41d8cd98f00b204e9800998ecf8427e"));
        assert!(is_hex_digest("da39a3ee5e6b4b0d3255bfef95601890afd80709"));
        assert!(is_hex_digest(
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        ));
        assert!(!is_hex_digest("d41d8cd98f00b204e9800998ecf8427"));
        assert!(!is_hex_digest("z41d8cd98f00b204e9800998ecf8427e"));
    }

    #[test]
    fn placeholders() {
        for p in [
            "****************",
            "xxxxxxxxxxxxxxxx",
            "<your-api-key>",
            "${API_TOKEN}",
            "{{ token }}",
            "YOUR_API_KEY_HERE",
            "changeme",
            "aaaaaaab",
            "[redacted]",
            "%s",
        ] {
            assert!(is_placeholder(p), "{p}");
        }
        for s in ["Zx8KpQ2vNw7mRt4LsY9bHc3FdJ6gUe1A", "hunter2", "S3cr3t!"] {
            assert!(!is_placeholder(s), "{s}");
        }
        assert_eq!(longest_run("abbbcc"), 3);
        assert!(is_sequential("abc123def456ghi789jkl012mno345pqr678"));
        assert!(is_sequential("0123456789abcdefghij"));
        assert!(is_sequential("zyxwvutsrq"));
        assert!(!is_sequential("Zx8KpQ2vNw7mRt4LsY9bHc3FdJ6gUe1A"));
        assert!(!is_sequential("abc"));
        assert_eq!(longest_run(""), 0);
    }
}
