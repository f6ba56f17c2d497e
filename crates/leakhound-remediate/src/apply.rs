//! Applying a plan: every action is recorded in the store before it runs (planned → started)
//! and after (done, skipped — stored as done with a `skipped:` result — or failed), so a rerun
//! never repeats a finished action and finishes the rest of a killed run.
//!
//! An action found `started` (a run died after sending, or before, nobody knows) or `failed`
//! (maybe it reached the helpdesk and the answer was lost) is checked on the helpdesk before
//! it is tried again: a note or private comment is looked up by its marker; a redaction
//! re-reads the comment and redacts only values still there. Alerts cannot be checked (an
//! e-mail cannot be un-sent or looked up), so they are re-sent with the same idempotency key
//! as Message-ID / webhook header, which receivers use to drop the repeat.
//!
//! Raw values exist only inside [`Remediator::apply`], in memory, for the redaction request
//! that needs them: recovered by re-reading the part, taken at the finding's byte range and
//! verified against the stored keyed hash (or, if the text moved, found again by scanning the
//! part with the same policy). They never reach the store, the audit log, notes, alerts,
//! errors or logs.

use crate::alert::{Alert, AlertSender, Recipient};
use crate::audit::{AuditFile, AuditLine};
use crate::config::{render_template, ActionKind, RemediationConfig};
use crate::plan::{FindingRef, Plan, PlanItem, TicketPlan};
use crate::text::{block_out, contains_value, note_html, note_plain, summary_lines, tag_values};
use leakhound_connectors::{HubSpotWriter, ZendeskWriter};
use leakhound_engine::Scanner;
use leakhound_store::{
    ActionOutcome, ActionRecord, ActionStatus, AuditEntry, PlannedAction, Store,
};
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::sync::{Arc, Mutex};

/// What can stop applying a plan (a helpdesk failure only fails its action).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The store failed.
    #[error("store: {0}")]
    Store(#[from] leakhound_store::Error),
    /// The audit file could not be written.
    #[error("audit log: {0}")]
    Audit(#[from] std::io::Error),
    /// A blocking task failed.
    #[error("internal: {0}")]
    Internal(String),
}

/// How an action ended.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Outcome {
    Done(String),
    /// Nothing to do, for good (stored as done, result `skipped: …`).
    Skipped(String),
    /// An interrupted or failed attempt had in fact reached the helpdesk.
    Found(String),
    Failed(String),
}

impl Outcome {
    fn status(&self) -> &'static str {
        match self {
            Outcome::Done(_) => "done",
            Outcome::Skipped(_) => "skipped",
            Outcome::Found(_) => "found",
            Outcome::Failed(_) => "failed",
        }
    }

    fn stored(&self) -> (ActionOutcome, String) {
        match self {
            Outcome::Done(s) => (ActionOutcome::Done, s.clone()),
            Outcome::Skipped(s) => (ActionOutcome::Done, format!("skipped: {s}")),
            Outcome::Found(s) => (ActionOutcome::Done, format!("found on the helpdesk: {s}")),
            Outcome::Failed(s) => (ActionOutcome::Failed, s.clone()),
        }
    }
}

/// What an apply did, per action kind and outcome.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ApplyReport {
    /// (kind, `done`/`skipped`/`found`/`failed`/`already done`) → count.
    pub counts: BTreeMap<(ActionKind, &'static str), u64>,
    /// `source ticket kind: why`, for failed actions.
    pub failures: Vec<String>,
}

impl ApplyReport {
    /// Count of one kind and outcome.
    pub fn count(&self, kind: ActionKind, status: &str) -> u64 {
        self.counts
            .iter()
            .filter(|((k, s), _)| *k == kind && *s == status)
            .map(|(_, n)| *n)
            .sum()
    }

    /// Actions that failed.
    pub fn failed(&self) -> u64 {
        self.counts
            .iter()
            .filter(|((_, s), _)| *s == "failed")
            .map(|(_, n)| *n)
            .sum()
    }

    /// One line per kind.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for kind in ActionKind::ALL {
            let parts: Vec<String> = self
                .counts
                .iter()
                .filter(|((k, _), _)| *k == kind)
                .map(|((_, s), n)| format!("{n} {s}"))
                .collect();
            if !parts.is_empty() {
                out.push_str(&format!("{kind:7} {}\n", parts.join(", ")));
            }
        }
        for f in &self.failures {
            out.push_str(&format!("failed: {f}\n"));
        }
        out
    }
}

/// Applies plans against the helpdesks.
pub struct Remediator {
    store: Arc<dyn Store>,
    hubspot: Option<HubSpotWriter>,
    zendesk: Option<ZendeskWriter>,
    scanner: Option<Arc<Scanner>>,
    alerts: Option<Arc<dyn AlertSender>>,
    audit: Option<Arc<AuditFile>>,
    config: RemediationConfig,
    actor: String,
    recipients: Mutex<HashMap<String, Option<Recipient>>>,
    report: Mutex<ApplyReport>,
}

impl std::fmt::Debug for Remediator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Remediator")
            .field("hubspot", &self.hubspot.is_some())
            .field("zendesk", &self.zendesk.is_some())
            .field("alerts", &self.alerts.is_some())
            .field("actor", &self.actor)
            .finish_non_exhaustive()
    }
}

impl Remediator {
    /// A remediator over `store` with `config`; add helpdesks, a scanner, alerts and an
    /// audit file with the `with_*` methods.
    pub fn new(store: Arc<dyn Store>, config: RemediationConfig) -> Remediator {
        Remediator {
            store,
            hubspot: None,
            zendesk: None,
            scanner: None,
            alerts: None,
            audit: None,
            config,
            actor: "leakhound".into(),
            recipients: Mutex::new(HashMap::new()),
            report: Mutex::new(ApplyReport::default()),
        }
    }

    /// HubSpot writes.
    pub fn with_hubspot(mut self, w: HubSpotWriter) -> Self {
        self.hubspot = Some(w);
        self
    }

    /// Zendesk writes.
    pub fn with_zendesk(mut self, w: ZendeskWriter) -> Self {
        self.zendesk = Some(w);
        self
    }

    /// The scanner of the policy the findings came from: finds a value again when the text
    /// moved since the scan.
    pub fn with_scanner(mut self, s: Arc<Scanner>) -> Self {
        self.scanner = Some(s);
        self
    }

    /// Alert delivery.
    pub fn with_alerts(mut self, a: Arc<dyn AlertSender>) -> Self {
        self.alerts = Some(a);
        self
    }

    /// The JSONL audit file.
    pub fn with_audit_file(mut self, f: Arc<AuditFile>) -> Self {
        self.audit = Some(f);
        self
    }

    /// Who is recorded as acting.
    pub fn with_actor(mut self, actor: impl Into<String>) -> Self {
        self.actor = actor.into();
        self
    }

    /// Applies every action of `plan` not done yet, ticket by ticket: notes, then
    /// redactions, then alerts.
    pub async fn apply(&self, plan: &Plan) -> Result<ApplyReport, Error> {
        for t in &plan.tickets {
            self.apply_ticket(t).await?;
        }
        let report = self
            .report
            .lock()
            .map(|mut r| std::mem::take(&mut *r))
            .unwrap_or_default();
        Ok(report)
    }

    async fn apply_ticket(&self, t: &TicketPlan) -> Result<(), Error> {
        let redactions = t
            .items
            .iter()
            .filter(|i| i.kind == ActionKind::Redact && !i.is_done())
            .count();
        for item in t.items.iter().filter(|i| i.kind == ActionKind::Note) {
            if let Some((rec, prior)) = self.begin(t, item).await? {
                let outcome = self.note(t, item, redactions, prior).await;
                self.finish(t, item, &rec, outcome).await?;
            }
        }
        let mut by_part: BTreeMap<&str, Vec<&PlanItem>> = BTreeMap::new();
        for item in t.items.iter().filter(|i| i.kind == ActionKind::Redact) {
            by_part
                .entry(item.part_key.as_deref().unwrap_or(""))
                .or_default()
                .push(item);
        }
        for (part, items) in by_part {
            let mut started = Vec::new();
            for item in items {
                if let Some((rec, prior)) = self.begin(t, item).await? {
                    started.push((item, rec, prior));
                }
            }
            if started.is_empty() {
                continue;
            }
            let outcomes = self.redact_part(t, part, &started).await;
            for ((item, rec, _), outcome) in started.iter().zip(outcomes) {
                self.finish(t, item, rec, outcome).await?;
            }
        }
        for item in t.items.iter().filter(|i| i.kind == ActionKind::Alert) {
            if let Some((rec, prior)) = self.begin(t, item).await? {
                let outcome = self.alert(t, item, prior).await;
                self.finish(t, item, &rec, outcome).await?;
            }
        }
        Ok(())
    }

    async fn blocking<T: Send + 'static>(
        &self,
        f: impl FnOnce(&dyn Store) -> leakhound_store::Result<T> + Send + 'static,
    ) -> Result<T, Error> {
        let s = self.store.clone();
        Ok(tokio::task::spawn_blocking(move || f(&*s))
            .await
            .map_err(|e| Error::Internal(e.to_string()))??)
    }

    fn count(&self, kind: ActionKind, status: &'static str) {
        if let Ok(mut r) = self.report.lock() {
            *r.counts.entry((kind, status)).or_default() += 1;
        }
    }

    /// Records the action planned and started. `None` if an earlier run finished it;
    /// otherwise the record and whether an earlier attempt may have reached the helpdesk.
    async fn begin(
        &self,
        t: &TicketPlan,
        item: &PlanItem,
    ) -> Result<Option<(ActionRecord, bool)>, Error> {
        let first = item.findings.first();
        let planned = PlannedAction {
            idempotency_key: item.key.clone(),
            finding_id: if item.kind == ActionKind::Redact {
                first.map(|f| f.id)
            } else {
                None
            },
            value_hash: if item.kind == ActionKind::Redact {
                first.map(|f| f.value_hash.clone())
            } else {
                None
            },
            source: t.source.clone(),
            ticket_id: t.ticket_id.clone(),
            part_key: item.part_key.clone(),
            kind: item.kind.as_str().to_string(),
            run: None,
        };
        let rec = self
            .blocking(move |s| s.record_action_planned(&planned))
            .await?;
        let key = item.key.clone();
        match rec.status {
            ActionStatus::Done => {
                self.count(item.kind, "already done");
                Ok(None)
            }
            ActionStatus::Started => Ok(Some((rec, true))),
            ActionStatus::Planned | ActionStatus::Failed => {
                let prior = rec.status == ActionStatus::Failed;
                let rec = self
                    .blocking(move |s| s.record_action_started(&key))
                    .await?;
                Ok(Some((rec, prior)))
            }
        }
    }

    async fn finish(
        &self,
        t: &TicketPlan,
        item: &PlanItem,
        rec: &ActionRecord,
        outcome: Outcome,
    ) -> Result<(), Error> {
        let (stored, result) = outcome.stored();
        let status = outcome.status();
        let key = item.key.clone();
        let r = result.clone();
        let rec = self
            .blocking(move |s| s.record_action_finished(&key, stored, &r))
            .await
            .unwrap_or_else(|e| {
                tracing::warn!(error = %e, "could not record the end of an action");
                rec.clone()
            });
        let hashes: Vec<String> = item.findings.iter().map(|f| f.value_hash.clone()).collect();
        let entry = AuditEntry {
            actor: self.actor.clone(),
            event: format!("remediation.{}.{status}", item.kind),
            subject: format!("ticket:{}/{}", t.source, t.ticket_id),
            detail: serde_json::json!({
                "action_id": rec.id,
                "idempotency_key": item.key,
                "kind": item.kind.as_str(),
                "part_key": item.part_key,
                "finding_hashes": hashes,
                "result": result,
            }),
        };
        self.blocking(move |s| s.append_audit(&entry)).await?;
        if let Some(file) = &self.audit {
            file.write(&AuditLine {
                at_ms: rec.finished_at_ms.unwrap_or_else(now_ms),
                actor: self.actor.clone(),
                kind: item.kind.as_str().into(),
                status: status.into(),
                source: t.source.clone(),
                ticket_id: t.ticket_id.clone(),
                part_key: item.part_key.clone(),
                finding_hashes: hashes,
                idempotency_key: item.key.clone(),
                action_id: rec.id,
                result: result.clone(),
            })?;
        }
        self.count(item.kind, status);
        if let Outcome::Failed(why) = &outcome {
            if let Ok(mut r) = self.report.lock() {
                r.failures.push(format!(
                    "{} ticket {} {}: {why}",
                    t.source, t.ticket_id, item.kind
                ));
            }
        }
        Ok(())
    }

    // ------------------------------------------------------------------------------------
    // note

    async fn note(
        &self,
        t: &TicketPlan,
        item: &PlanItem,
        redactions: usize,
        prior: bool,
    ) -> Outcome {
        let marker = crate::text::marker(&item.key);
        match t.source.as_str() {
            "zendesk" => {
                let Some(w) = &self.zendesk else {
                    return Outcome::Failed("Zendesk is not configured".into());
                };
                let Ok(id) = t.ticket_id.parse::<u64>() else {
                    return Outcome::Skipped("not a Zendesk ticket id".into());
                };
                if prior {
                    match w.comments(id).await {
                        Ok(cs) => {
                            if let Some(c) = cs.iter().find(|c| {
                                c.scanned_text().contains(&marker)
                                    || c.html_body.as_deref().is_some_and(|h| h.contains(&marker))
                            }) {
                                return Outcome::Found(format!(
                                    "private comment {} was added by an earlier attempt",
                                    c.id
                                ));
                            }
                        }
                        Err(e) if e.status() == Some(404) => {
                            return Outcome::Skipped("ticket not found (deleted?)".into())
                        }
                        Err(e) => {
                            return Outcome::Failed(format!(
                                "could not check for an earlier comment: {e}"
                            ))
                        }
                    }
                }
                let body = note_plain(&item.findings, redactions, &item.key);
                match w.add_private_comment(id, &body).await {
                    Ok(Some(c)) => Outcome::Done(format!("private comment {c} added")),
                    Ok(None) => Outcome::Done("private comment added".into()),
                    Err(e) if e.status() == Some(404) => {
                        Outcome::Skipped("ticket not found (deleted?)".into())
                    }
                    Err(e) if e.status() == Some(422) => {
                        Outcome::Skipped(format!("the ticket refuses updates: {e}"))
                    }
                    Err(e) => Outcome::Failed(e.to_string()),
                }
            }
            "hubspot" => {
                let Some(w) = &self.hubspot else {
                    return Outcome::Failed("HubSpot is not configured".into());
                };
                if prior {
                    match w.notes_of_ticket(&t.ticket_id).await {
                        Ok(notes) => {
                            if let Some((id, _)) = notes.iter().find(|(_, b)| b.contains(&marker)) {
                                return Outcome::Found(format!(
                                    "note {id} was created by an earlier attempt"
                                ));
                            }
                        }
                        Err(e) if e.status() == Some(404) => {
                            return Outcome::Skipped("ticket not found (archived?)".into())
                        }
                        Err(e) => {
                            return Outcome::Failed(format!(
                                "could not check for an earlier note: {e}"
                            ))
                        }
                    }
                }
                let html = note_html(&item.findings, redactions, &item.key);
                match w.create_note(&t.ticket_id, &html, now_ms(), None).await {
                    Ok(id) => Outcome::Done(format!("note {id} created on the ticket")),
                    Err(e) if e.status() == Some(404) => {
                        Outcome::Skipped("ticket not found (archived?)".into())
                    }
                    Err(e) => Outcome::Failed(e.to_string()),
                }
            }
            other => Outcome::Skipped(format!("unknown source {other}")),
        }
    }

    // ------------------------------------------------------------------------------------
    // redact

    /// The value of `f` in `text`: at its byte range if the keyed hash matches there, else
    /// wherever the scanner finds a value with that hash. Lives only in memory.
    fn resolve(
        &self,
        text: &str,
        f: &FindingRef,
        rescan: &mut Option<Vec<(String, Range<usize>)>>,
    ) -> Option<(String, Range<usize>)> {
        if let Some(v) = text.get(f.byte_range.clone()) {
            if !v.is_empty() && self.store.value_hash(v) == f.value_hash {
                return Some((v.to_string(), f.byte_range.clone()));
            }
        }
        let scanner = self.scanner.as_ref()?;
        let found = rescan.get_or_insert_with(|| {
            scanner
                .scan(text)
                .findings
                .iter()
                .map(|x| (x.value().to_string(), x.byte_range.clone()))
                .collect()
        });
        found
            .iter()
            .find(|(v, _)| self.store.value_hash(v) == f.value_hash)
            .cloned()
    }

    /// Redacts the values of one part; one outcome per started item.
    async fn redact_part(
        &self,
        t: &TicketPlan,
        part: &str,
        items: &[(&PlanItem, ActionRecord, bool)],
    ) -> Vec<Outcome> {
        let all = |o: Outcome| vec![o; items.len()];
        match t.source.as_str() {
            "zendesk" => {
                let Some(w) = &self.zendesk else {
                    return all(Outcome::Failed("Zendesk is not configured".into()));
                };
                let Ok(ticket) = t.ticket_id.parse::<u64>() else {
                    return all(Outcome::Skipped("not a Zendesk ticket id".into()));
                };
                let comments = match w.comments(ticket).await {
                    Ok(c) => c,
                    Err(e) if e.status() == Some(404) => {
                        return all(Outcome::Skipped("ticket not found (deleted?)".into()))
                    }
                    Err(e) => return all(Outcome::Failed(e.to_string())),
                };
                let comment = match part.split_once(':') {
                    Some(("comment", id)) => {
                        let id: u64 = id.parse().unwrap_or(0);
                        comments.iter().find(|c| c.id == id)
                    }
                    _ if part == "description" => comments.iter().min_by_key(|c| c.id),
                    _ => None,
                };
                let Some(comment) = comment else {
                    return all(Outcome::Skipped("the comment no longer exists".into()));
                };
                let text = comment.scanned_text().to_string();
                let html = comment.html_body.clone().unwrap_or_default();
                let mut rescan = None;
                let resolved: Vec<Option<(String, Range<usize>)>> = items
                    .iter()
                    .map(|(item, _, _)| self.resolve(&text, &item.findings[0], &mut rescan))
                    .collect();
                let mut values: Vec<&str> =
                    resolved.iter().flatten().map(|(v, _)| v.as_str()).collect();
                values.sort_unstable();
                values.dedup();
                let mut result: Option<Result<(String, String, String), String>> = None;
                if !values.is_empty() {
                    let chars: usize = values.iter().map(|v| v.chars().count()).sum();
                    result = Some(match tag_values(&html, &values) {
                        Some(tagged) => w
                            .redact_comment_html(ticket, comment.id, &tagged)
                            .await
                            .map(|c| {
                                (
                                    format!(
                                        "redacted {chars} character(s) in comment {} with comment_redactions",
                                        comment.id
                                    ),
                                    c.scanned_text().to_string(),
                                    c.html_body.unwrap_or_default(),
                                )
                            })
                            .map_err(|e| e.to_string()),
                        None => {
                            let mut last = Err("nothing redacted".to_string());
                            for v in &values {
                                last = w
                                    .redact_comment_text(ticket, comment.id, v)
                                    .await
                                    .map(|c| {
                                        (
                                            format!(
                                                "redacted {chars} character(s) in comment {} with the older redact endpoint",
                                                comment.id
                                            ),
                                            c.scanned_text().to_string(),
                                            c.html_body.unwrap_or_default(),
                                        )
                                    })
                                    .map_err(|e| e.to_string());
                                if last.is_err() {
                                    break;
                                }
                            }
                            last
                        }
                    });
                }
                items
                    .iter()
                    .zip(&resolved)
                    .map(|((_, _, prior), r)| {
                        match (r, &result) {
                        (None, _) if *prior => Outcome::Found(
                            "the value is no longer in the comment (redacted by an earlier attempt)"
                                .into(),
                        ),
                        (None, _) => Outcome::Skipped(
                            "the value is no longer in the comment: its text changed since the scan"
                                .into(),
                        ),
                        (Some(_), None) => Outcome::Failed("nothing was sent".into()),
                        (Some(_), Some(Err(e))) => Outcome::Failed(e.clone()),
                        (Some((v, _)), Some(Ok((what, plain, html)))) => {
                            if contains_value(plain, html, v) {
                                Outcome::Failed(
                                    "the value is still in the comment after redaction".into(),
                                )
                            } else {
                                Outcome::Done(what.clone())
                            }
                        }
                    }
                    })
                    .collect()
            }
            "hubspot" => {
                let Some(w) = &self.hubspot else {
                    return all(Outcome::Failed("HubSpot is not configured".into()));
                };
                if !self.config.hubspot_redact_content {
                    return all(Outcome::Skipped("HubSpot redaction is not enabled".into()));
                }
                let info = match w.ticket(&t.ticket_id).await {
                    Ok(i) => i,
                    Err(e) if e.status() == Some(404) => {
                        return all(Outcome::Skipped("ticket not found (archived?)".into()))
                    }
                    Err(e) => return all(Outcome::Failed(e.to_string())),
                };
                let text = match part {
                    "content" => info.content.clone().unwrap_or_default(),
                    "subject" => info.subject.clone().unwrap_or_default(),
                    _ => {
                        return all(Outcome::Skipped(format!(
                            "HubSpot {part} cannot be redacted"
                        )))
                    }
                };
                let mut rescan = None;
                let resolved: Vec<Option<(String, Range<usize>)>> = items
                    .iter()
                    .map(|(item, _, _)| self.resolve(&text, &item.findings[0], &mut rescan))
                    .collect();
                let ranges: Vec<Range<usize>> =
                    resolved.iter().flatten().map(|(_, r)| r.clone()).collect();
                let result = if ranges.is_empty() {
                    None
                } else {
                    let redacted = block_out(&text, &ranges);
                    Some(
                        w.update_ticket_property(&t.ticket_id, part, &redacted)
                            .await
                            .map_err(|e| e.to_string()),
                    )
                };
                items
                    .iter()
                    .zip(&resolved)
                    .map(|((_, _, prior), r)| match (r, &result) {
                        (None, _) if *prior => Outcome::Found(
                            "the value is no longer in the ticket (redacted by an earlier attempt)"
                                .into(),
                        ),
                        (None, _) => Outcome::Skipped(
                            "the value is no longer in the ticket: its text changed since the scan"
                                .into(),
                        ),
                        (Some(_), Some(Ok(()))) => {
                            Outcome::Done(format!("ticket {part} replaced by its redacted copy"))
                        }
                        (Some(_), Some(Err(e))) => Outcome::Failed(e.clone()),
                        (Some(_), None) => Outcome::Failed("nothing was sent".into()),
                    })
                    .collect()
            }
            other => all(Outcome::Skipped(format!("unknown source {other}"))),
        }
    }

    // ------------------------------------------------------------------------------------
    // alert

    async fn recipient(&self, t: &TicketPlan) -> Result<Option<Recipient>, String> {
        let cached = |key: &str| {
            self.recipients
                .lock()
                .ok()
                .and_then(|m| m.get(key).cloned())
        };
        let store = |key: String, r: Option<Recipient>| {
            if let Ok(mut m) = self.recipients.lock() {
                m.insert(key, r);
            }
        };
        match t.source.as_str() {
            "zendesk" => {
                let w = self.zendesk.as_ref().ok_or("Zendesk is not configured")?;
                let id: u64 = t.ticket_id.parse().map_err(|_| "not a Zendesk ticket id")?;
                let ticket = w.ticket(id).await.map_err(|e| e.to_string())?;
                let Some(user) = ticket.assignee_id else {
                    return Ok(None);
                };
                let key = format!("zendesk:user:{user}");
                if let Some(r) = cached(&key) {
                    return Ok(r);
                }
                let r = match w.user(user).await {
                    Ok(u) => u.email.filter(|e| !e.is_empty()).map(|email| Recipient {
                        email,
                        name: u.name,
                    }),
                    Err(e) if e.status() == Some(404) => None,
                    Err(e) => return Err(e.to_string()),
                };
                store(key, r.clone());
                Ok(r)
            }
            "hubspot" => {
                let w = self.hubspot.as_ref().ok_or("HubSpot is not configured")?;
                let ticket = w.ticket(&t.ticket_id).await.map_err(|e| e.to_string())?;
                let Some(owner) = ticket.owner_id else {
                    return Ok(None);
                };
                let key = format!("hubspot:owner:{owner}");
                if let Some(r) = cached(&key) {
                    return Ok(r);
                }
                let r = match w.owner(&owner).await {
                    Ok(o) => o.email.filter(|e| !e.is_empty()).map(|email| {
                        let name = [o.first_name, o.last_name]
                            .into_iter()
                            .flatten()
                            .collect::<Vec<_>>()
                            .join(" ");
                        Recipient {
                            email,
                            name: (!name.trim().is_empty()).then_some(name),
                        }
                    }),
                    Err(e) if e.status() == Some(404) => None,
                    Err(e) => return Err(e.to_string()),
                };
                store(key, r.clone());
                Ok(r)
            }
            other => Err(format!("unknown source {other}")),
        }
    }

    async fn alert(&self, t: &TicketPlan, item: &PlanItem, prior: bool) -> Outcome {
        let Some(sender) = &self.alerts else {
            return Outcome::Failed(
                "no alert transport configured (SMTP or webhook); the alert stays pending".into(),
            );
        };
        let to = match self.recipient(t).await {
            Ok(Some(r)) => r,
            Ok(None) => {
                return Outcome::Skipped("the ticket has no owner with an e-mail address".into())
            }
            Err(e) => return Outcome::Failed(format!("owner lookup: {e}")),
        };
        let summary = summary_lines(&item.findings);
        let count = item.findings.len().to_string();
        let url = t.ticket_url.clone().unwrap_or_default();
        let owner_name = to.name.clone().unwrap_or_else(|| to.email.clone());
        let summary_text = summary
            .iter()
            .map(|l| format!("- {l}"))
            .collect::<Vec<_>>()
            .join("\n");
        let vars = [
            ("source", t.source.as_str()),
            ("ticket_id", t.ticket_id.as_str()),
            ("ticket_url", url.as_str()),
            ("count", count.as_str()),
            ("summary", summary_text.as_str()),
            ("owner_name", owner_name.as_str()),
        ];
        let alert = Alert {
            key: item.key.clone(),
            source: t.source.clone(),
            ticket_id: t.ticket_id.clone(),
            ticket_url: t.ticket_url.clone(),
            to,
            subject: render_template(&self.config.alert.subject, &vars),
            body: render_template(&self.config.alert.body, &vars),
            summary,
            count: item.findings.len(),
        };
        match sender.send(&alert).await {
            Ok(what) if prior => Outcome::Done(format!(
                "{what} (re-sent after an interrupted attempt, same idempotency key)"
            )),
            Ok(what) => Outcome::Done(what),
            Err(e) => Outcome::Failed(e),
        }
    }
}

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}
