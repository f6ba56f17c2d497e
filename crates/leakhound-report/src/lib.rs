//! Reports of helpdesk scans. A report is a sink of [`ReportRow`]s; every format implements
//! [`ReportWriter`], so adding SARIF or HTML means adding a writer, not touching the pipeline.
//!
//! Raw values appear only when the row carries one, which the caller does only on the user's
//! explicit opt-in; by default a row holds the redacted fragment (3 characters visible).

use leakhound_api::{WireDetector, WireFinding, WireLocation};
use serde::Serialize;
use std::io::{self, Write};
use std::ops::Range;

/// One finding in a helpdesk ticket, as reports see it.
#[derive(Clone)]
pub struct ReportRow {
    /// `hubspot` or `zendesk` (or a file path for file scans).
    pub source: String,
    /// The ticket's id in the helpdesk.
    pub ticket_id: String,
    /// A link to the ticket in the helpdesk's agent interface.
    pub ticket_url: String,
    /// Which part of the ticket: `subject`, `content`, `description`, `comment:<id>`, `note:<id>`.
    pub part: String,
    /// Detector name (display name or native name).
    pub detector: String,
    /// Detector UUID, when it has one.
    pub detector_uuid: Option<String>,
    /// `VERY_UNLIKELY` … `VERY_LIKELY`.
    pub confidence: String,
    /// The redacted fragment.
    pub fragment: String,
    /// The raw value, only with the user's opt-in.
    pub value: Option<String>,
    /// Byte offsets in the part.
    pub byte_range: Range<usize>,
    /// Code-point offsets in the part.
    pub codepoint_range: Range<usize>,
    /// Names of the inline rules matched.
    pub matched_rules: Vec<String>,
    /// UUIDs of the stored rules matched.
    pub matched_rule_uuids: Vec<String>,
}

impl std::fmt::Debug for ReportRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReportRow")
            .field("source", &self.source)
            .field("ticket_id", &self.ticket_id)
            .field("part", &self.part)
            .field("detector", &self.detector)
            .field("fragment", &self.fragment)
            .field("byte_range", &self.byte_range)
            .finish_non_exhaustive()
    }
}

/// A report format.
pub trait ReportWriter {
    /// Appends one finding.
    fn write_row(&mut self, row: &ReportRow) -> io::Result<()>;
    /// Flushes and closes the report.
    fn finish(&mut self) -> io::Result<()>;
}

/// The CSV report: the columns of the original scripts (ticket id, detector, confidence,
/// fragment with 3 characters visible, location) plus the source, the part and a link.
pub struct CsvReport<W: Write> {
    writer: csv::Writer<W>,
    with_values: bool,
}

/// The CSV header row.
pub const CSV_COLUMNS: [&str; 9] = [
    "source",
    "ticket_id",
    "part",
    "detector",
    "confidence",
    "fragment",
    "location",
    "codepoint_location",
    "ticket_url",
];

impl<W: Write> CsvReport<W> {
    /// A CSV report on `out`; `with_values` adds a `value` column (the user's opt-in).
    pub fn new(out: W, with_values: bool) -> io::Result<Self> {
        let mut writer = csv::Writer::from_writer(out);
        let mut header: Vec<&str> = CSV_COLUMNS.to_vec();
        if with_values {
            header.push("value");
        }
        writer.write_record(&header).map_err(io::Error::other)?;
        Ok(CsvReport {
            writer,
            with_values,
        })
    }
}

impl<W: Write> ReportWriter for CsvReport<W> {
    fn write_row(&mut self, row: &ReportRow) -> io::Result<()> {
        let location = format!("bytes {}-{}", row.byte_range.start, row.byte_range.end);
        let cp_location = format!(
            "chars {}-{}",
            row.codepoint_range.start, row.codepoint_range.end
        );
        let mut record = vec![
            row.source.as_str(),
            row.ticket_id.as_str(),
            row.part.as_str(),
            row.detector.as_str(),
            row.confidence.as_str(),
            row.fragment.as_str(),
            location.as_str(),
            cp_location.as_str(),
            row.ticket_url.as_str(),
        ];
        if self.with_values {
            record.push(row.value.as_deref().unwrap_or(""));
        }
        self.writer.write_record(&record).map_err(io::Error::other)
    }

    fn finish(&mut self) -> io::Result<()> {
        self.writer.flush()
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonlRecord<'a> {
    source: &'a str,
    ticket_id: &'a str,
    ticket_url: &'a str,
    part: &'a str,
    #[serde(flatten)]
    finding: WireFinding,
}

/// The JSONL report: one object per finding with the scan API's field names (`finding` only
/// with the opt-in, `redactedFinding`, `detector`, `confidence`, `location`, matched rules)
/// plus `source`, `ticketId`, `ticketUrl` and `part`.
pub struct JsonlReport<W: Write> {
    out: W,
}

impl<W: Write> JsonlReport<W> {
    /// A JSONL report on `out`.
    pub fn new(out: W) -> Self {
        JsonlReport { out }
    }
}

impl<W: Write> ReportWriter for JsonlReport<W> {
    fn write_row(&mut self, row: &ReportRow) -> io::Result<()> {
        let record = JsonlRecord {
            source: &row.source,
            ticket_id: &row.ticket_id,
            ticket_url: &row.ticket_url,
            part: &row.part,
            finding: WireFinding {
                finding: row.value.clone(),
                redacted_finding: Some(row.fragment.clone()),
                before_context: String::new(),
                after_context: String::new(),
                detector: WireDetector {
                    name: row.detector.clone(),
                    uuid: row.detector_uuid.clone(),
                },
                confidence: row.confidence.clone(),
                location: WireLocation::new(&row.byte_range, &row.codepoint_range),
                redacted_location: None,
                matched_detection_rule_uuids: row.matched_rule_uuids.clone(),
                matched_detection_rules: row.matched_rules.clone(),
            },
        };
        serde_json::to_writer(&mut self.out, &record)?;
        self.out.write_all(b"\n")
    }

    fn finish(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(value: Option<&str>) -> ReportRow {
        ReportRow {
            source: "zendesk".into(),
            ticket_id: "1042".into(),
            ticket_url: "http://127.0.0.1:9/agent/tickets/1042".into(),
            part: "comment:900017".into(),
            detector: "CREDIT_CARD_NUMBER".into(),
            detector_uuid: None,
            confidence: "VERY_LIKELY".into(),
            fragment: "411****************".into(),
            value: value.map(str::to_string),
            byte_range: 5..24,
            codepoint_range: 5..24,
            matched_rules: vec!["Default".into()],
            matched_rule_uuids: vec![],
        }
    }

    #[test]
    fn csv_has_the_original_columns_and_no_value_by_default() {
        let mut out = Vec::new();
        let mut report = CsvReport::new(&mut out, false).unwrap();
        report.write_row(&row(Some("4111 1111 1111 1111"))).unwrap();
        report.finish().unwrap();
        drop(report);
        let text = String::from_utf8(out).unwrap();
        insta::assert_snapshot!(text, @r"
        source,ticket_id,part,detector,confidence,fragment,location,codepoint_location,ticket_url
        zendesk,1042,comment:900017,CREDIT_CARD_NUMBER,VERY_LIKELY,411****************,bytes 5-24,chars 5-24,http://127.0.0.1:9/agent/tickets/1042
        ");
        assert!(!text.contains("4111 1111"));
    }

    #[test]
    fn jsonl_uses_the_scan_api_names() {
        let mut out = Vec::new();
        let mut report = JsonlReport::new(&mut out);
        report.write_row(&row(None)).unwrap();
        report.finish().unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v["ticketId"], "1042");
        assert_eq!(v["redactedFinding"], "411****************");
        assert_eq!(v["location"]["byteRange"]["start"], 5);
        assert!(v["location"]["rowRange"].is_null());
        assert!(v.get("finding").is_none());
        assert_eq!(v["matchedDetectionRules"][0], "Default");
    }
}
