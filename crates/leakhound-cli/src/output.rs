//! Printing findings: a table for people, JSONL with the scan API's field names, CSV for
//! spreadsheets. Raw values appear only with `--show-values`.

use anyhow::Result;
use leakhound_api::finding::Disclosure;
use leakhound_api::WireFinding;
use leakhound_engine::{Confidence, Finding};
use owo_colors::OwoColorize;
use serde::Serialize;
use std::io::Write;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned columns for a terminal (colour only on a TTY).
    Table,
    /// One JSON object per finding.
    Jsonl,
    /// Comma-separated values with a header row.
    Csv,
}

/// A scanned input: its name (`-` for standard input) and text.
pub struct Source<'a> {
    pub name: &'a str,
    pub text: &'a str,
}

impl Source<'_> {
    fn display_name(&self) -> &str {
        if self.name == "-" {
            "<stdin>"
        } else {
            self.name
        }
    }

    fn locator(&self) -> Locator<'_> {
        Locator::new(self.text)
    }
}

/// 1-based line and column (in characters) of byte offsets in one text. Findings come in
/// order of their offsets, so each call walks only the text since the previous one: counting
/// from the start for every finding made a 4 MB file with 29,000 findings take 23 seconds.
struct Locator<'a> {
    text: &'a str,
    at: usize,
    line: usize,
    column: usize,
}

impl<'a> Locator<'a> {
    fn new(text: &'a str) -> Locator<'a> {
        Locator {
            text,
            at: 0,
            line: 1,
            column: 1,
        }
    }

    /// The line and column of byte offset `at` (a character boundary of the text).
    fn locate(&mut self, at: usize) -> (usize, usize) {
        if at < self.at {
            // Out of order: start again from the top.
            *self = Locator::new(self.text);
        }
        let between = &self.text[self.at..at];
        match between.rfind('\n') {
            Some(last) => {
                self.line += between.bytes().filter(|&b| b == b'\n').count();
                self.column = between[last + 1..].chars().count() + 1;
            }
            None => self.column += between.chars().count(),
        }
        self.at = at;
        (self.line, self.column)
    }
}

#[derive(Serialize)]
struct JsonlRecord<'a> {
    source: &'a str,
    #[serde(flatten)]
    finding: WireFinding,
    #[serde(skip_serializing_if = "Option::is_none")]
    explanation: Option<String>,
}

/// What a report shows of a finding: its raw value only with `--show-values`.
fn fragment(disclosure: Disclosure, f: &Finding) -> String {
    match disclosure {
        Disclosure::Raw => f.value().to_string(),
        _ => f.safe_fragment(),
    }
}

pub struct Printer {
    format: Format,
    disclosure: Disclosure,
    explain: bool,
    out: anstream::AutoStream<std::io::Stdout>,
    csv_header_done: bool,
}

impl Printer {
    pub fn new(format: Format, show_values: bool, explain: bool) -> Printer {
        Printer {
            format,
            disclosure: if show_values {
                Disclosure::Raw
            } else {
                Disclosure::Redacted
            },
            explain,
            // Only the table has colours, stripped when stdout is not a terminal; JSONL and CSV
            // are data, written as they are (stripping scanned every byte of the output for
            // escape sequences, which JSON never holds raw).
            out: match format {
                Format::Table => anstream::stdout(),
                Format::Jsonl | Format::Csv => anstream::AutoStream::always_ansi(std::io::stdout()),
            },
            csv_header_done: false,
        }
    }

    pub fn print(&mut self, source: &Source<'_>, findings: &[Finding]) -> Result<()> {
        match self.format {
            Format::Table => {
                let mut locator = source.locator();
                for f in findings {
                    let (line, col) = locator.locate(f.byte_range.start);
                    let location = format!("{}:{line}:{col}", source.display_name());
                    let confidence = f.confidence.as_str();
                    let confidence = match f.confidence {
                        Confidence::VeryLikely => confidence.red().bold().to_string(),
                        Confidence::Likely => confidence.yellow().to_string(),
                        _ => confidence.dimmed().to_string(),
                    };
                    writeln!(
                        self.out,
                        "{}  {}  {}  {}",
                        location.bold(),
                        f.detector.name.cyan(),
                        confidence,
                        fragment(self.disclosure, f)
                    )?;
                    if self.explain {
                        writeln!(self.out, "    {}", f.explanation.dimmed())?;
                    }
                }
            }
            Format::Jsonl => {
                for f in findings {
                    let record = JsonlRecord {
                        source: source.name,
                        finding: WireFinding::from_finding(f, self.disclosure),
                        explanation: self.explain.then(|| f.explanation.to_string()),
                    };
                    serde_json::to_writer(&mut self.out, &record)?;
                    self.out.write_all(b"\n")?;
                }
            }
            Format::Csv => {
                let disclosure = self.disclosure;
                let mut writer = csv::Writer::from_writer(&mut self.out);
                if !self.csv_header_done {
                    writer.write_record([
                        "source",
                        "location",
                        "byte_start",
                        "byte_end",
                        "detector",
                        "confidence",
                        "fragment",
                    ])?;
                    self.csv_header_done = true;
                }
                let mut locator = source.locator();
                for f in findings {
                    let (line, col) = locator.locate(f.byte_range.start);
                    let fragment = fragment(disclosure, f);
                    writer.write_record([
                        source.name,
                        &format!("{line}:{col}"),
                        &f.byte_range.start.to_string(),
                        &f.byte_range.end.to_string(),
                        &f.detector.name,
                        f.confidence.as_str(),
                        &fragment,
                    ])?;
                }
                writer.flush()?;
            }
        }
        Ok(())
    }

    /// Ends the output: a summary line on stderr for the table format.
    pub fn finish(&mut self, total: usize) -> Result<()> {
        if self.format == Format::Csv && !self.csv_header_done {
            self.print(&Source { name: "", text: "" }, &[])?;
        }
        self.out.flush()?;
        if self.format == Format::Table {
            let noun = if total == 1 { "finding" } else { "findings" };
            eprintln!("{total} {noun}");
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::Locator;

    /// Line and column counted from the start, as a person would.
    fn counted(text: &str, at: usize) -> (usize, usize) {
        let before = &text[..at];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        (
            before.matches('\n').count() + 1,
            before[line_start..].chars().count() + 1,
        )
    }

    #[test]
    fn the_locator_agrees_with_counting_from_the_start_in_any_order() {
        let text = "ticket 1\nCarte bancaire: 4111 1111 1111 1111\n\nnéé le 1/2/1990 — 電話 +81 3 1234 5678\nend";
        let offsets: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        let mut locator = Locator::new(text);
        for &at in &offsets {
            assert_eq!(locator.locate(at), counted(text, at), "offset {at}");
        }
        // Repeated, then backwards: each answer is still the counted one.
        let mut locator = Locator::new(text);
        for &at in offsets
            .iter()
            .rev()
            .chain(&offsets)
            .chain(offsets.iter().step_by(3))
        {
            assert_eq!(locator.locate(at), counted(text, at), "offset {at}");
            assert_eq!(locator.locate(at), counted(text, at), "offset {at} again");
        }
    }
}
