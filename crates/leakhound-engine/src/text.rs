//! Offsets in UTF-8 text: character boundaries, code-point positions and context windows.

/// The largest character boundary of `text` at or below `at`.
pub fn floor_char_boundary(text: &str, at: usize) -> usize {
    if at >= text.len() {
        return text.len();
    }
    let mut i = at;
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The smallest character boundary of `text` at or above `at`.
pub fn ceil_char_boundary(text: &str, at: usize) -> usize {
    if at >= text.len() {
        return text.len();
    }
    let mut i = at;
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// How many code points the bytes `bytes` hold (bytes that do not continue a UTF-8 sequence).
pub fn count_code_points(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count()
}

/// Converts ascending byte offsets into code-point offsets in one walk over the text.
///
/// Offsets are visited in order, so converting every finding of a text costs one pass over
/// it rather than one pass per finding.
pub struct CodePointCounter<'t> {
    bytes: &'t [u8],
    ascii: bool,
    byte_pos: usize,
    cp_pos: usize,
}

impl<'t> CodePointCounter<'t> {
    /// A counter over `text`.
    pub fn new(text: &'t str) -> Self {
        CodePointCounter {
            bytes: text.as_bytes(),
            ascii: text.is_ascii(),
            byte_pos: 0,
            cp_pos: 0,
        }
    }

    /// The code-point offset of byte offset `at` (a character boundary). Calls with
    /// decreasing offsets restart from the beginning, so they stay correct but cost more.
    pub fn code_point_at(&mut self, at: usize) -> usize {
        if self.ascii {
            return at;
        }
        if at < self.byte_pos {
            self.byte_pos = 0;
            self.cp_pos = 0;
        }
        self.cp_pos += count_code_points(&self.bytes[self.byte_pos..at]);
        self.byte_pos = at;
        self.cp_pos
    }
}

/// Up to `max_bytes` bytes of `text` before `start`, cut so that no character is split.
pub fn context_before(text: &str, start: usize, max_bytes: usize) -> &str {
    let from = ceil_char_boundary(text, start.saturating_sub(max_bytes));
    &text[from..start]
}

/// Up to `max_bytes` bytes of `text` after `end`, cut so that no character is split.
pub fn context_after(text: &str, end: usize, max_bytes: usize) -> &str {
    let to = floor_char_boundary(text, end.saturating_add(max_bytes));
    &text[end..to]
}

/// The window of up to `before` characters before `start` and `after` characters after `end`,
/// as byte offsets.
pub fn char_window(
    text: &str,
    start: usize,
    end: usize,
    before: usize,
    after: usize,
) -> (usize, usize) {
    let from = text[..start]
        .char_indices()
        .rev()
        .nth(before.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    let from = if before == 0 { start } else { from };
    let to = text[end..]
        .char_indices()
        .nth(after)
        .map_or(text.len(), |(i, _)| end + i);
    (from, to)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries_and_code_points() {
        let t = "añb€c";
        assert_eq!(floor_char_boundary(t, 2), 1);
        assert_eq!(ceil_char_boundary(t, 2), 3);
        let mut counter = CodePointCounter::new(t);
        assert_eq!(counter.code_point_at(3), 2);
        assert_eq!(counter.code_point_at(7), 4);
        assert_eq!(counter.code_point_at(1), 1);
    }

    #[test]
    fn context_never_splits_characters() {
        let t = "€€€X€€€";
        assert_eq!(context_before(t, 9, 4), "€");
        assert_eq!(context_after(t, 10, 4), "€");
        assert_eq!(context_before(t, 9, 0), "");
    }

    #[test]
    fn windows_count_characters() {
        let t = "ab€dXef€h";
        let x = t.find('X').unwrap();
        assert_eq!(char_window(t, x, x + 1, 2, 3), (2, x + 1 + 5));
        assert_eq!(char_window(t, x, x + 1, 0, 0), (x, x + 1));
        assert_eq!(char_window(t, x, x + 1, 99, 99), (0, t.len()));
    }
}
