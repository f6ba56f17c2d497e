//! Text extraction for file scans: plain text, CSV (with rows and columns) and JSON (string
//! values, with their path). The file-format work adds more types behind [`extract`].
//!
//! Plain text and CSV are scanned as one text, so byte, code-point and line ranges are exact
//! positions in the file; CSV findings also get 1-based `rowRange`/`columnRange` (end
//! inclusive, like `lineRange`) from the raw span of every field. JSON files are scanned value
//! by value: `path` names the string value (`$.tickets[3].body`) and the ranges are positions
//! inside that value, as for members of archives.

use leakhound_api::finding::WireRange;
use leakhound_api::webhook::{FileDetector, FileFinding, FileLocation};
use leakhound_engine::{Finding, Scanner};

/// The kinds of files this server extracts text from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `text/plain` and other text types.
    Text,
    /// `text/csv` (comma) or tab-separated values.
    Csv(u8),
    /// `application/json`.
    Json,
}

/// The kind of a MIME type, if supported.
pub fn kind_of(mime: &str) -> Option<Kind> {
    let mime = mime
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    match mime.as_str() {
        "text/csv" => Some(Kind::Csv(b',')),
        "text/tab-separated-values" | "text/tsv" => Some(Kind::Csv(b'\t')),
        "application/json" | "text/json" => Some(Kind::Json),
        "application/x-ndjson"
        | "application/x-php"
        | "text/x-php"
        | "application/xml"
        | "application/javascript"
        | "application/octet-stream"
        | "" => Some(Kind::Text),
        m if m.starts_with("text/") => Some(Kind::Text),
        _ => None,
    }
}

/// Guesses the MIME type of an upload sent without one: JSON if it parses as an object or
/// array, CSV if its first lines have the same number (at least two) of comma-separated
/// fields, plain text if it is UTF-8, else `application/octet-stream`.
pub fn sniff(bytes: &[u8]) -> &'static str {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return "application/octet-stream";
    };
    let trimmed = text.trim_start();
    if (trimmed.starts_with('{') || trimmed.starts_with('['))
        && serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok()
    {
        return "application/json";
    }
    for (delimiter, mime) in [(b',', "text/csv"), (b'\t', "text/tab-separated-values")] {
        let rows = csv_fields(text, delimiter);
        let sample: Vec<usize> = rows.iter().take(20).map(Vec::len).collect();
        if sample.len() >= 2 && sample[0] >= 2 && sample.iter().all(|&n| n == sample[0]) {
            return mime;
        }
    }
    "text/plain"
}

/// The raw byte span of every field of every row (RFC 4180 quoting).
fn csv_fields(text: &str, delimiter: u8) -> Vec<Vec<std::ops::Range<usize>>> {
    let bytes = text.as_bytes();
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut start = 0;
    let mut i = 0;
    let mut in_quotes = false;
    while i < bytes.len() {
        let b = bytes[i];
        if in_quotes {
            if b == b'"' {
                if bytes.get(i + 1) == Some(&b'"') {
                    i += 1;
                } else {
                    in_quotes = false;
                }
            }
        } else if b == b'"' && i == start {
            in_quotes = true;
        } else if b == delimiter {
            row.push(start..i);
            start = i + 1;
        } else if b == b'\n' {
            let end = if i > start && bytes[i - 1] == b'\r' {
                i - 1
            } else {
                i
            };
            row.push(start..end);
            rows.push(std::mem::take(&mut row));
            start = i + 1;
        }
        i += 1;
    }
    if start < bytes.len() || !row.is_empty() {
        row.push(start..bytes.len());
        rows.push(row);
    }
    rows
}

/// Why a file could not be extracted.
#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    /// The type is not supported.
    #[error("file type {0:?} is not supported")]
    Unsupported(String),
    /// Not UTF-8.
    #[error("the file is not UTF-8 text")]
    NotUtf8,
    /// Declared JSON that does not parse.
    #[error("the file is not valid JSON: {0}")]
    BadJson(String),
}

/// Extracts and scans a file; returns its findings in file order.
pub fn scan_file(
    scanner: &Scanner,
    bytes: &[u8],
    mime: &str,
) -> Result<Vec<FileFinding>, ExtractError> {
    let kind = kind_of(mime).ok_or_else(|| ExtractError::Unsupported(mime.to_string()))?;
    let text = std::str::from_utf8(bytes).map_err(|_| ExtractError::NotUtf8)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match kind {
        Kind::Text => Ok(scan_text(scanner, text, "", None)),
        Kind::Csv(delimiter) => {
            let fields = csv_fields(text, delimiter);
            Ok(scan_text(scanner, text, "", Some(&fields)))
        }
        Kind::Json => {
            let value: serde_json::Value =
                serde_json::from_str(text).map_err(|e| ExtractError::BadJson(e.to_string()))?;
            let mut out = Vec::new();
            walk_json(scanner, &value, &mut String::from("$"), &mut out);
            Ok(out)
        }
    }
}

fn walk_json(
    scanner: &Scanner,
    v: &serde_json::Value,
    path: &mut String,
    out: &mut Vec<FileFinding>,
) {
    match v {
        serde_json::Value::String(s) => out.extend(scan_text(scanner, s, path, None)),
        serde_json::Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let len = path.len();
                path.push_str(&format!("[{i}]"));
                walk_json(scanner, item, path, out);
                path.truncate(len);
            }
        }
        serde_json::Value::Object(map) => {
            for (k, item) in map {
                let len = path.len();
                if !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                    path.push('.');
                    path.push_str(k);
                } else {
                    path.push_str(&format!("[{}]", serde_json::Value::String(k.clone())));
                }
                walk_json(scanner, item, path, out);
                path.truncate(len);
            }
        }
        _ => {}
    }
}

/// 1-based line of a byte offset.
fn line_of(line_starts: &[usize], offset: usize) -> u64 {
    (line_starts.partition_point(|&s| s <= offset)) as u64
}

/// Row and column (0-based) of the field holding `offset`.
fn cell_of(fields: &[Vec<std::ops::Range<usize>>], offset: usize) -> Option<(u64, u64)> {
    let row = fields.partition_point(|r| r.first().is_some_and(|f| f.start <= offset));
    let row = row.checked_sub(1)?;
    let cols = &fields[row];
    let col = cols.partition_point(|f| f.start <= offset).checked_sub(1)?;
    Some((row as u64, col as u64))
}

fn scan_text(
    scanner: &Scanner,
    text: &str,
    path: &str,
    fields: Option<&Vec<Vec<std::ops::Range<usize>>>>,
) -> Vec<FileFinding> {
    let outcome = scanner.scan(text);
    if outcome.findings.is_empty() {
        return Vec::new();
    }
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    outcome
        .findings
        .iter()
        .map(|f| file_finding(f, path, &line_starts, fields))
        .collect()
}

fn file_finding(
    f: &Finding,
    path: &str,
    line_starts: &[usize],
    fields: Option<&Vec<Vec<std::ops::Range<usize>>>>,
) -> FileFinding {
    let last = f.byte_range.end.saturating_sub(1).max(f.byte_range.start);
    let (row_range, column_range) =
        match fields.map(|fields| (cell_of(fields, f.byte_range.start), cell_of(fields, last))) {
            Some((Some((r0, c0)), Some((r1, c1)))) => (
                Some(WireRange {
                    start: r0 + 1,
                    end: r1 + 1,
                }),
                Some(WireRange {
                    start: c0 + 1,
                    end: c1 + 1,
                }),
            ),
            _ => (None, None),
        };
    let wire = leakhound_api::WireFinding::from_finding(f, leakhound_api::finding::Disclosure::Api);
    FileFinding {
        path: path.to_string(),
        detector: FileDetector {
            id: wire.detector.uuid.clone().unwrap_or_default(),
            name: wire.detector.name.clone(),
        },
        finding: wire.finding.unwrap_or_default(),
        redacted_finding: wire.redacted_finding,
        confidence: wire.confidence,
        location: FileLocation {
            byte_range: wire.location.byte_range,
            codepoint_range: wire.location.codepoint_range,
            line_range: WireRange {
                start: line_of(line_starts, f.byte_range.start),
                end: line_of(line_starts, last),
            },
            row_range,
            column_range,
            commit_hash: String::new(),
            commit_author: String::new(),
        },
        before_context: wire.before_context,
        after_context: wire.after_context,
        matched_detection_rule_uuids: wire.matched_detection_rule_uuids,
        matched_detection_rules: wire.matched_detection_rules,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_spans_follow_quotes() {
        let text = "a,\"b,\"\"c\"\ntwo,x\r\nlast";
        let f = csv_fields(text, b',');
        assert_eq!(f.len(), 3);
        assert_eq!(&text[f[0][1].clone()], "\"b,\"\"c\"");
        assert_eq!(&text[f[1][1].clone()], "x");
        assert_eq!(cell_of(&f, text.find('x').unwrap()), Some((1, 1)));
        assert_eq!(cell_of(&f, text.find("last").unwrap()), Some((2, 0)));
    }

    #[test]
    fn sniffs_json_csv_and_text() {
        assert_eq!(sniff(br#"{"a": [1]}"#), "application/json");
        assert_eq!(sniff(b"id,card\n1,4111\n2,4242\n"), "text/csv");
        assert_eq!(sniff(b"hello, world\nno commas here\n"), "text/plain");
        assert_eq!(sniff(&[0xff, 0xfe, 0]), "application/octet-stream");
    }

    #[test]
    fn lines_are_one_based() {
        let starts = [0, 4, 9];
        assert_eq!(line_of(&starts, 0), 1);
        assert_eq!(line_of(&starts, 4), 2);
        assert_eq!(line_of(&starts, 12), 3);
    }
}
