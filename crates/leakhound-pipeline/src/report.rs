//! Writing the reports of a scan from the store: every current finding of the scanned
//! sources, streamed, so a report of a million findings does not sit in memory.

use crate::Result;
use leakhound_report::{CsvReport, JsonlReport, ReportRow, ReportWriter};
use leakhound_store::{FindingFilter, Store, StoredFinding};
use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};

/// The files a report run wrote.
#[derive(Debug, Clone)]
pub struct ReportFiles {
    /// `findings.csv`.
    pub csv: PathBuf,
    /// `findings.jsonl`.
    pub jsonl: PathBuf,
    /// Findings written.
    pub findings: u64,
}

/// Converts a stored finding into a report row. Raw values appear only if they were stored
/// (the user's opt-in) and `with_values` asks for them.
pub fn row(f: &StoredFinding, with_values: bool) -> ReportRow {
    let r = &f.record;
    let mut rules = Vec::new();
    let mut rule_uuids = Vec::new();
    for rule in &r.matched_rules {
        match &rule.uuid {
            Some(u) => rule_uuids.push(u.clone()),
            None => rules.push(rule.name.clone()),
        }
    }
    ReportRow {
        source: f.source.clone(),
        ticket_id: r.ticket_id.clone(),
        ticket_url: r.ticket_url.clone().unwrap_or_default(),
        part: r.part_key.clone(),
        detector: r.detector.clone(),
        detector_uuid: r.detector_uuid.clone(),
        confidence: r.confidence.as_str().to_string(),
        fragment: r.fragment.clone(),
        value: if with_values {
            r.raw_value.clone()
        } else {
            None
        },
        byte_range: r.byte_range.clone(),
        codepoint_range: r.codepoint_range.clone(),
        matched_rules: rules,
        matched_rule_uuids: rule_uuids,
    }
}

/// Writes `findings.csv` and `findings.jsonl` into `dir` with every finding `filter` selects.
pub fn write_reports(
    store: &dyn Store,
    filter: &FindingFilter,
    dir: &Path,
    with_values: bool,
) -> Result<ReportFiles> {
    std::fs::create_dir_all(dir)?;
    let csv_path = dir.join("findings.csv");
    let jsonl_path = dir.join("findings.jsonl");
    let mut csv = CsvReport::new(BufWriter::new(File::create(&csv_path)?), with_values)?;
    let mut jsonl = JsonlReport::new(BufWriter::new(File::create(&jsonl_path)?));
    let mut count = 0u64;
    store.for_each_finding(filter, &mut |f| {
        let row = row(&f, with_values);
        csv.write_row(&row)
            .map_err(leakhound_store::Error::consumer)?;
        jsonl
            .write_row(&row)
            .map_err(leakhound_store::Error::consumer)?;
        count += 1;
        Ok(())
    })?;
    csv.finish()?;
    jsonl.finish()?;
    Ok(ReportFiles {
        csv: csv_path,
        jsonl: jsonl_path,
        findings: count,
    })
}
