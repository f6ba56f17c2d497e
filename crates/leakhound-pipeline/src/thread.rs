//! A ticket's parts joined into one text, so a ticket is scanned as one thread (detection
//! rules such as ALL and `minNumFindings` see the whole conversation), and findings mapped
//! back to the part and range they came from.

use std::ops::Range;

/// Between parts: a blank line, so no pattern joins the end of one comment to the start of
/// the next.
const SEPARATOR: &str = "\n\n";

/// The joined text of some parts of one ticket.
pub struct Thread {
    /// The joined text.
    pub text: String,
    /// Per part: its key, its byte range in `text` and the code-point offset of its start.
    parts: Vec<(String, Range<usize>, usize)>,
}

/// A finding's place in one part.
#[derive(Debug, PartialEq, Eq)]
pub struct PartLocation {
    /// Index of the part in the order given to [`Thread::join`].
    pub part: usize,
    /// Byte range within the part.
    pub byte_range: Range<usize>,
    /// Code-point range within the part.
    pub codepoint_range: Range<usize>,
}

impl Thread {
    /// Joins `(key, text)` parts.
    pub fn join<'a>(parts: impl IntoIterator<Item = (&'a str, &'a str)>) -> Thread {
        let mut text = String::new();
        let mut located = Vec::new();
        let mut code_points = 0;
        for (key, part) in parts {
            if !located.is_empty() {
                text.push_str(SEPARATOR);
                code_points += SEPARATOR.len();
            }
            let start = text.len();
            text.push_str(part);
            located.push((key.to_string(), start..text.len(), code_points));
            code_points += part.chars().count();
        }
        Thread {
            text,
            parts: located,
        }
    }

    /// The key of part `index`.
    pub fn key(&self, index: usize) -> &str {
        &self.parts[index].0
    }

    /// Where a finding at `bytes`/`code_points` of the joined text lies, or `None` if it
    /// crosses a separator (it then belongs to no single part).
    pub fn locate(&self, bytes: &Range<usize>, code_points: &Range<usize>) -> Option<PartLocation> {
        let index = self
            .parts
            .partition_point(|(_, range, _)| range.end < bytes.start);
        let (_, range, cp_start) = self.parts.get(index)?;
        if bytes.start < range.start || bytes.end > range.end {
            return None;
        }
        Some(PartLocation {
            part: index,
            byte_range: bytes.start - range.start..bytes.end - range.start,
            codepoint_range: code_points.start - cp_start..code_points.end - cp_start,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn findings_map_back_to_their_part() {
        let t = Thread::join([
            ("subject", "Grüße"),
            ("comment:7", "card 4111"),
            ("comment:8", "x"),
        ]);
        assert_eq!(t.text, "Grüße\n\ncard 4111\n\nx");
        let start = t.text.find("4111").unwrap();
        let cp = t.text[..start].chars().count();
        let loc = t.locate(&(start..start + 4), &(cp..cp + 4)).unwrap();
        assert_eq!(
            loc,
            PartLocation {
                part: 1,
                byte_range: 5..9,
                codepoint_range: 5..9
            }
        );
        assert_eq!(t.key(1), "comment:7");
        let first = t.locate(&(0..3), &(0..2)).unwrap();
        assert_eq!(first.part, 0);
        assert_eq!(t.locate(&(5..12), &(5..11)), None, "crossing a separator");
        let last = t.text.len();
        assert_eq!(t.locate(&(last - 1..last), &(18..19)).unwrap().part, 2);
    }
}
