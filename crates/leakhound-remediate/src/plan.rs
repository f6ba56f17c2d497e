//! The plan: which actions the stored findings call for, and which of them are already done.
//! Building a plan reads the store only; it writes nothing and calls no helpdesk.
//!
//! ## Idempotency keys
//!
//! Derived from what an action does, never from a value (values are not even in memory here):
//!
//! - `note` and `alert`: one per ticket per run of new findings, i.e. per (source, ticket,
//!   run that first found the findings). A scan commits all findings of a ticket's changed
//!   parts in one page transaction, so "the findings of ticket T first seen in run R" is a
//!   fixed set of finding hashes; the key is `SHA-256(kind, source, ticket, R)` and the set of
//!   hashes is written to the audit log with the action. Keying on the run rather than the
//!   current set matters: once a value is redacted, a rescan removes its finding, and a key
//!   over the *current* set would then call for a second note.
//! - `redact`: one per finding: `SHA-256(kind, source, ticket, part, value hash, byte start)`.

use crate::config::{ActionKind, RemediationConfig};
use leakhound_engine::Confidence;
use leakhound_store::{ActionStatus, FindingFilter, FindingId, RunId, Store, StoredFinding};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::ops::Range;

/// A finding as remediation sees it: where, what, and its redacted fragment — no raw value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FindingRef {
    /// The stored finding.
    pub id: FindingId,
    /// `subject`, `content`, `description`, `comment:<id>`, `note:<id>`.
    pub part_key: String,
    /// The detector (scan-API name for native ones).
    pub detector: String,
    /// How sure the scanner was.
    pub confidence: Confidence,
    /// Byte range in the part's text.
    pub byte_range: Range<usize>,
    /// The redacted fragment (`411*************`).
    pub fragment: String,
    /// The keyed hash of the value.
    pub value_hash: String,
    /// The run that first found it.
    pub first_seen_run: RunId,
}

impl FindingRef {
    fn from_stored(f: &StoredFinding) -> FindingRef {
        FindingRef {
            id: f.id,
            part_key: f.record.part_key.clone(),
            detector: f
                .record
                .native_detector
                .clone()
                .unwrap_or_else(|| f.record.detector.clone()),
            confidence: f.record.confidence,
            byte_range: f.record.byte_range.clone(),
            fragment: f.record.fragment.clone(),
            value_hash: f.record.value_hash.clone(),
            first_seen_run: f.first_seen_run,
        }
    }
}

/// One action of the plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanItem {
    /// The idempotency key (see the module docs).
    pub key: String,
    /// What it does.
    pub kind: ActionKind,
    /// The part it acts on (`redact`), or `None` (the whole ticket).
    pub part_key: Option<String>,
    /// The findings it is about.
    pub findings: Vec<FindingRef>,
    /// Its stored state, if it was planned by an earlier `--apply`.
    pub status: Option<ActionStatus>,
    /// The stored result of an earlier attempt.
    pub result: Option<String>,
}

impl PlanItem {
    /// Whether an earlier run finished it (done or skipped): it will not run again.
    pub fn is_done(&self) -> bool {
        self.status == Some(ActionStatus::Done)
    }
}

/// The actions of one ticket, in the order they run: notes, redactions, alerts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TicketPlan {
    /// `hubspot` or `zendesk`.
    pub source: String,
    /// The ticket.
    pub ticket_id: String,
    /// A link to it.
    pub ticket_url: Option<String>,
    /// Its actions.
    pub items: Vec<PlanItem>,
}

/// Everything the stored findings call for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Plan {
    /// Per ticket, in (source, ticket id) order.
    pub tickets: Vec<TicketPlan>,
    /// Findings whose `redact` cannot be done, with why (counted per reason).
    pub not_redactable: BTreeMap<String, u64>,
}

impl Plan {
    /// Actions not done yet.
    pub fn pending(&self) -> usize {
        self.items().filter(|(_, i)| !i.is_done()).count()
    }

    /// Every (ticket, item).
    pub fn items(&self) -> impl Iterator<Item = (&TicketPlan, &PlanItem)> {
        self.tickets
            .iter()
            .flat_map(|t| t.items.iter().map(move |i| (t, i)))
    }

    /// The plan for people: what would change, where, with redacted previews only.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let count = |k: ActionKind| {
            self.items()
                .filter(|(_, i)| i.kind == k && !i.is_done())
                .count()
        };
        for t in &self.tickets {
            if t.items.iter().all(PlanItem::is_done) {
                continue;
            }
            let _ = write!(out, "{} ticket {}", t.source, t.ticket_id);
            if let Some(url) = &t.ticket_url {
                let _ = write!(out, " ({url})");
            }
            out.push('\n');
            for i in t.items.iter().filter(|i| !i.is_done()) {
                let again = match i.status {
                    Some(ActionStatus::Started) => {
                        " [interrupted earlier: checked on the helpdesk first]"
                    }
                    Some(ActionStatus::Failed) => " [failed earlier: retried]",
                    _ => "",
                };
                match i.kind {
                    ActionKind::Note => {
                        let what = if t.source == "zendesk" {
                            "add a private comment"
                        } else {
                            "add a note"
                        };
                        let _ = writeln!(
                            out,
                            "  note    {what} listing {} finding(s): {}{again}",
                            i.findings.len(),
                            summary_inline(&i.findings)
                        );
                    }
                    ActionKind::Redact => {
                        let f = &i.findings[0];
                        let _ = writeln!(
                            out,
                            "  redact  {} {} {} (bytes {}..{}){again}",
                            i.part_key.as_deref().unwrap_or("?"),
                            f.detector,
                            f.fragment,
                            f.byte_range.start,
                            f.byte_range.end
                        );
                    }
                    ActionKind::Alert => {
                        let who = if t.source == "zendesk" {
                            "the assignee"
                        } else {
                            "the owner"
                        };
                        let _ = writeln!(
                            out,
                            "  alert   tell {who} about {} finding(s){again}",
                            i.findings.len()
                        );
                    }
                }
            }
        }
        let done = self.items().filter(|(_, i)| i.is_done()).count();
        let _ = writeln!(
            out,
            "plan: {} note(s), {} redaction(s), {} alert(s) to do; {} action(s) already done",
            count(ActionKind::Note),
            count(ActionKind::Redact),
            count(ActionKind::Alert),
            done
        );
        for (why, n) in &self.not_redactable {
            let _ = writeln!(out, "not redacted: {n} finding(s): {why}");
        }
        out
    }
}

/// `CREDIT_CARD_NUMBER ×2 in comment:1 (411***, 555***); EMAIL_ADDRESS ×1 in subject (ada***)`.
pub fn summary_inline(findings: &[FindingRef]) -> String {
    summary_groups(findings)
        .into_iter()
        .map(|((detector, part), frags)| {
            format!(
                "{detector} ×{} in {} ({})",
                frags.len(),
                part_label(&part),
                frags.join(", ")
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Findings grouped by (detector, part), with their fragments.
pub fn summary_groups(findings: &[FindingRef]) -> BTreeMap<(String, String), Vec<String>> {
    let mut groups: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    for f in findings {
        groups
            .entry((f.detector.clone(), f.part_key.clone()))
            .or_default()
            .push(f.fragment.clone());
    }
    groups
}

/// `comment 123`, `the subject`, …
pub fn part_label(part: &str) -> String {
    match part.split_once(':') {
        Some(("comment", id)) => format!("comment {id}"),
        Some(("note", id)) => format!("note {id}"),
        _ => format!("the {part}"),
    }
}

/// SHA-256 of the fields, hex, prefixed with the kind.
pub(crate) fn key_of(kind: ActionKind, fields: &[&str]) -> String {
    let mut h = Sha256::new();
    h.update(b"leakhound remediation key v1\n");
    h.update(kind.as_str().as_bytes());
    for f in fields {
        h.update(b"\n");
        h.update(f.as_bytes());
    }
    let digest = h.finalize();
    let mut hex = String::with_capacity(64);
    for b in &digest[..20] {
        let _ = write!(hex, "{b:02x}");
    }
    format!("{}:{hex}", kind.as_str())
}

/// Which findings to plan for.
#[derive(Clone, Debug, Default)]
pub struct PlanOptions {
    /// Sources to remediate (`hubspot`, `zendesk`); empty: all.
    pub sources: Vec<String>,
    /// Ignore findings below this confidence.
    pub min_confidence: Option<Confidence>,
}

/// Whether `redact` can act on this part, or why not.
pub fn redactable(source: &str, part: &str, config: &RemediationConfig) -> Result<(), String> {
    match (source, part.split_once(':').map_or(part, |(k, _)| k)) {
        ("zendesk", "comment" | "description") => Ok(()),
        ("zendesk", _) => Err(format!(
            "Zendesk's redaction API redacts comments, not the {part}"
        )),
        ("hubspot", "content" | "subject") if config.hubspot_redact_content => Ok(()),
        ("hubspot", "content" | "subject") => Err(
            "HubSpot ticket text is redacted only with hubspotRedactContent (it rewrites the customer's words)"
                .into(),
        ),
        ("hubspot", _) => Err(format!("HubSpot {part} cannot be redacted")),
        _ => Err(format!("unknown source {source}")),
    }
}

/// Builds the plan from the stored findings (reads only).
pub fn build_plan(
    store: &dyn Store,
    config: &RemediationConfig,
    options: &PlanOptions,
) -> leakhound_store::Result<Plan> {
    // (source, ticket) → (url, findings with their actions)
    type Entry = (Option<String>, Vec<(FindingRef, Vec<ActionKind>)>);
    let mut tickets: BTreeMap<(String, String), Entry> = BTreeMap::new();
    let filter = FindingFilter {
        min_confidence: options.min_confidence,
        ..FindingFilter::default()
    };
    store.for_each_finding(&filter, &mut |f| {
        if !options.sources.is_empty() && !options.sources.contains(&f.source) {
            return Ok(());
        }
        let actions: Vec<ActionKind> = config
            .actions_for(&f.record.matched_rules)
            .into_iter()
            .collect();
        if actions.is_empty() {
            return Ok(());
        }
        let entry = tickets
            .entry((f.source.clone(), f.record.ticket_id.clone()))
            .or_insert_with(|| (f.record.ticket_url.clone(), Vec::new()));
        entry.1.push((FindingRef::from_stored(&f), actions));
        Ok(())
    })?;

    let mut plan = Plan::default();
    for ((source, ticket_id), (url, findings)) in tickets {
        let mut items = Vec::new();
        for kind in [ActionKind::Note, ActionKind::Alert] {
            let mut by_run: BTreeMap<RunId, Vec<FindingRef>> = BTreeMap::new();
            for (f, actions) in &findings {
                if actions.contains(&kind) {
                    by_run.entry(f.first_seen_run).or_default().push(f.clone());
                }
            }
            for (run, fs) in by_run {
                let run_s = run.0.to_string();
                items.push(PlanItem {
                    key: key_of(kind, &[&source, &ticket_id, &run_s]),
                    kind,
                    part_key: None,
                    findings: fs,
                    status: None,
                    result: None,
                });
            }
        }
        for (f, actions) in &findings {
            if !actions.contains(&ActionKind::Redact) {
                continue;
            }
            if let Err(why) = redactable(&source, &f.part_key, config) {
                *plan.not_redactable.entry(why).or_default() += 1;
                continue;
            }
            let start = f.byte_range.start.to_string();
            items.push(PlanItem {
                key: key_of(
                    ActionKind::Redact,
                    &[&source, &ticket_id, &f.part_key, &f.value_hash, &start],
                ),
                kind: ActionKind::Redact,
                part_key: Some(f.part_key.clone()),
                findings: vec![f.clone()],
                status: None,
                result: None,
            });
        }
        // Notes first (they describe the findings), then redactions, then alerts.
        items.sort_by_key(|i| (i.kind, i.part_key.clone()));
        for item in &mut items {
            if let Some(rec) = store.action_for(&item.key)? {
                item.status = Some(rec.status);
                item.result = rec.result;
            }
        }
        if !items.is_empty() {
            plan.tickets.push(TicketPlan {
                source,
                ticket_id,
                ticket_url: url,
                items,
            });
        }
    }
    Ok(plan)
}
