//! Tables pasted into text (CSV, TSV, semicolon- or pipe-separated exports): a value in a
//! table row means what its column's header says. `415-555-2671` under `sku` is a product
//! code, under `phone` a phone number, however far the header is from the row.

use memchr::{memchr, memrchr};
use std::ops::Range;

/// The delimiters a row may use.
const DELIMITERS: [u8; 4] = [b',', b'\t', b';', b'|'];
/// How far above a row its header is looked for, in bytes: the walk up is bounded, so a
/// value deep in a long export falls back to the words around it.
const MAX_DISTANCE: usize = 8 * 1024;
/// The farthest a row's line is followed from a value, each way, in bytes.
const MAX_LINE: usize = 4 * 1024;
/// The longest header cell taken as a column name.
const MAX_HEADER_CELL: usize = 40;

/// The header cell of the column that `range` lies in, trimmed and unquoted, when the line
/// holding `range` is a row of a delimited table (three cells or more) and the first line of
/// the block of lines above it with the same number of cells is a header: every cell empty
/// or a name (begins with a letter; letters, digits, spaces and `_-./#()%` only), at least
/// two of them names.
pub(crate) fn column_header<'t>(
    text: &'t str,
    range: Range<usize>,
    shapes: &mut RowShapes,
) -> Option<&'t str> {
    let bytes = text.as_bytes();
    // Most candidates share a line with another one looked at before.
    let known = shapes
        .recent
        .iter()
        .find(|(line, _)| line.start <= range.start && range.end <= line.end);
    let (line_start, shape) = match known {
        Some((line, shape)) => (line.start, shape.clone()),
        None => {
            let line = line_of(bytes, range.clone())?;
            let start = line.start;
            (start, row_shape(bytes, line, shapes))
        }
    };
    let (_, delimiter, header) = shape?;
    let column = cells(&bytes[line_start..range.start], delimiter) - 1;
    if cells(&bytes[line_start..range.end], delimiter) - 1 != column {
        return None;
    }
    let header = &text[header];
    let mut names = 0;
    let mut cell = None;
    for (i, c) in split(header, delimiter).enumerate() {
        let c = unquote(c);
        if c.is_empty() {
            continue;
        }
        if !is_name(c) {
            return None;
        }
        names += 1;
        if i == column {
            cell = Some(c);
        }
    }
    cell.filter(|_| names >= 2)
}

/// The line holding `range`, when it holds all of it and is not too long to be a row.
fn line_of(bytes: &[u8], range: Range<usize>) -> Option<Range<usize>> {
    // Lines are looked at only so far each way: this runs for every candidate, and a
    // megabyte-long line (minified JSON, a log without breaks) is no table row anyway.
    let reach_back = range.start.saturating_sub(MAX_LINE);
    let line_start = match memrchr(b'\n', &bytes[reach_back..range.start]) {
        Some(i) => reach_back + i + 1,
        None if reach_back == 0 => 0,
        None => return None,
    };
    let reach_on = bytes.len().min(range.end.saturating_add(MAX_LINE));
    let line_end = match memchr(b'\n', &bytes[range.end..reach_on]) {
        Some(i) => range.end + i,
        None if reach_on == bytes.len() => bytes.len(),
        None => return None,
    };
    if memchr(b'\n', &bytes[range.clone()]).is_some() {
        return None;
    }
    Some(line_start..line_end)
}

/// A row's delimiter, cell count and header line, as [`measure_row`] finds them.
type Shape = Option<(usize, u8, Range<usize>)>;

/// The shapes of the lines of one text looked at so far: many candidates share
/// a line (a CSV row of five values, a chat line), and the keyword windows' candidates come
/// after the others, out of text order. Made per scan, so it never outlives its text.
#[derive(Default)]
pub(crate) struct RowShapes {
    /// (line, its shape), the latest last.
    recent: Vec<(Range<usize>, Shape)>,
}

/// Lines remembered.
const KEPT: usize = 16;

/// The delimiter and cell count of the table row at `line`, and the range of its header line.
fn row_shape(bytes: &[u8], line: Range<usize>, shapes: &mut RowShapes) -> Shape {
    let shape = measure_row(bytes, line.clone());
    if shapes.recent.len() == KEPT {
        shapes.recent.remove(0);
    }
    shapes.recent.push((line, shape.clone()));
    shape
}

/// Counts the line's cells with every delimiter and walks up the block above it.
fn measure_row(bytes: &[u8], line: Range<usize>) -> Shape {
    let line_start = line.start;
    // A header is a line above: none at the top of the text or under a blank line (whose one
    // cell never matches a row's three or more), so nothing to count there.
    if line_start < 2 || bytes[line_start - 2] == b'\n' {
        return None;
    }
    let (count, delimiter) = DELIMITERS
        .into_iter()
        .map(|d| (cells(&bytes[line.clone()], d), d))
        .max_by_key(|&(n, _)| n)
        .filter(|&(n, _)| n >= 3)?;
    // Walk up the block of lines with as many cells; its first line is the header.
    let limit = line_start.saturating_sub(MAX_DISTANCE);
    let mut header = None;
    let mut start = line_start;
    while start > limit {
        let end = start - 1;
        let above = match memrchr(b'\n', &bytes[limit..end]) {
            Some(i) => limit + i + 1,
            None if limit == 0 => 0,
            // The line above runs past the distance looked at.
            None => break,
        };
        if cells(&bytes[above..end], delimiter) != count {
            break;
        }
        header = Some(above..end);
        start = above;
    }
    Some((count, delimiter, header?))
}

/// How many cells `line` has with `delimiter` (delimiters inside double quotes do not count).
fn cells(line: &[u8], delimiter: u8) -> usize {
    if memchr(b'"', line).is_none() {
        return memchr::memchr_iter(delimiter, line).count() + 1;
    }
    let mut quoted = false;
    let mut n = 1;
    for at in memchr::memchr2_iter(b'"', delimiter, line) {
        if line[at] == b'"' {
            quoted = !quoted;
        } else if !quoted {
            n += 1;
        }
    }
    n
}

/// The cells of `line`, delimiters inside double quotes kept.
fn split(line: &str, delimiter: u8) -> impl Iterator<Item = &str> {
    let mut quoted = false;
    let mut rest = Some(line);
    std::iter::from_fn(move || {
        let s = rest?;
        for (i, b) in s.bytes().enumerate() {
            if b == b'"' {
                quoted = !quoted;
            } else if b == delimiter && !quoted {
                rest = Some(&s[i + 1..]);
                return Some(&s[..i]);
            }
        }
        rest = None;
        Some(s)
    })
}

fn unquote(cell: &str) -> &str {
    let c = cell.trim();
    c.strip_prefix('"')
        .and_then(|c| c.strip_suffix('"'))
        .unwrap_or(c)
        .trim()
}

/// A column name: `phone`, `Order ID`, `sku`, `mobile_no.`, `Téléphone`.
fn is_name(cell: &str) -> bool {
    cell.len() <= MAX_HEADER_CELL
        && cell.chars().next().is_some_and(char::is_alphabetic)
        && cell
            .chars()
            .all(|c| c.is_alphanumeric() || " _-./#()%".contains(c))
}

#[cfg(test)]
mod tests {
    use super::{column_header, RowShapes};

    fn header_of<'t>(text: &'t str, value: &str) -> Option<&'t str> {
        let start = text.find(value).expect("value in text");
        column_header(text, start..start + value.len(), &mut RowShapes::default())
    }

    #[test]
    fn finds_the_header_of_a_column() {
        let csv =
            "Hi,\n\norder_id,sku,qty,amount\n1043,415-555-2671,2,9.99\n1044,212-555-0147,1,5.00\n";
        assert_eq!(header_of(csv, "415-555-2671"), Some("sku"));
        assert_eq!(header_of(csv, "212-555-0147"), Some("sku"));
        assert_eq!(header_of(csv, "1044"), Some("order_id"));
        let contacts = "customer_id\tname\t\"Phone Number\"\nC1\tAda\t+44 20 7946 0958\n";
        assert_eq!(
            header_of(contacts, "+44 20 7946 0958"),
            Some("Phone Number")
        );
        // A quoted cell with the delimiter in it.
        let quoted = "id,note,phone\n1,\"late, again\",415-555-2671\n";
        assert_eq!(header_of(quoted, "415-555-2671"), Some("phone"));
        let markdown = "| name | phone |\n|---|---|\n| Ada | 415-555-2671 |\n";
        assert_eq!(header_of(markdown, "415-555-2671"), Some("phone"));
    }

    #[test]
    fn no_header_no_table() {
        // A headerless export: the first row is data.
        let rows = "1043,415-555-2671,2\n1044,212-555-0147,1\n";
        assert_eq!(header_of(rows, "212-555-0147"), None);
        // Prose with commas.
        let prose = "Hi, call me at 415-555-2671, thanks\n";
        assert_eq!(header_of(prose, "415-555-2671"), None);
        let two = "name,phone\nAda,415-555-2671\n";
        assert_eq!(header_of(two, "415-555-2671"), None);
        // A blank line between header and row ends the block, and so does a blank first line.
        let spaced = "id,sku,qty\n\n1,415-555-2671,2\n";
        assert_eq!(header_of(spaced, "415-555-2671"), None);
        let opened = "\n1,415-555-2671,2\n";
        assert_eq!(header_of(opened, "415-555-2671"), None);
        // A line of another shape between header and row ends the block.
        let broken = "id,sku,qty\nsee below:\n1,415-555-2671,2\n";
        assert_eq!(header_of(broken, "415-555-2671"), None);
        // A line longer than a row is looked at: not a row.
        let long = format!("id,sku,qty\n1,415-555-2671,{}\n", "x,".repeat(4096));
        assert_eq!(header_of(&long, "415-555-2671"), None);
        let long = format!("id,sku,qty\n{},415-555-2671,2\n", "x,".repeat(4096));
        assert_eq!(header_of(&long, "415-555-2671"), None);
    }
}
