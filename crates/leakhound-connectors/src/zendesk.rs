//! Zendesk tickets with their comments, read through the two incremental exports instead of
//! one comments call per ticket.
//!
//! ## How the two exports are joined
//!
//! The ticket export (`incremental/tickets/cursor.json`, 1,000 tickets a page, ordered by
//! `updated_at`) drives the scan. Comments come from the ticket-event export
//! (`incremental/ticket_events.json?include=comment_events`, 1,000 audits a page, ordered by
//! time). Every comment bumps its ticket's `updated_at`, so all comments of a ticket updated
//! at second `b` have times `<= b`: once the event export has been read past `b`, every ticket
//! of a ticket page ending at `b` is complete and is emitted as one [`TicketDoc`] — one thread
//! per ticket, each comment keyed `comment:<id>`. Comments of tickets not yet reached wait in
//! a buffer; if it outgrows [`ZendeskConfig::max_buffered_bytes`] the largest threads are
//! dropped from it and read per ticket (`tickets/{id}/comments.json`) when their ticket comes,
//! so memory stays bounded. A 403 on the event export (no export permission for comments)
//! switches to per-ticket comments for the rest of the run.
//!
//! ## Cursor
//!
//! `{"v":1,"tickets_cursor":…,"tickets_start":…,"events_pos":…,"events_skip":[…],
//! "events_from":…,"pending":[…]}`: the ticket export's `after_cursor`; the event export's
//! position (`start_time` of the next page, ids at that second already read); and, for
//! tickets whose comments were read but not yet emitted (`pending`), the time their comments
//! start (`events_from`). A resumed run re-reads events from `events_from`, keeping from the
//! re-read part only the comments of `pending` tickets, so nothing is lost or repeated.
//! Incremental runs resume the same way: only tickets updated since come back, with only
//! the comments added since.
//!
//! The first comment of a Zendesk ticket is its description, so the description is delivered
//! as `comment:<id>` (locatable and redactable by id); a `description` part is added only for
//! a ticket with no readable comments.

use std::collections::{BTreeSet, HashMap};
use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::doc::{DocPart, Page, SourceKind, TicketDoc};
use crate::error::{Error, Result};
use crate::http::{AuthHeader, CallStats, HttpClient, HttpOptions, LimitClass};
use crate::hubspot::env_nonempty;
use crate::ratelimit::RatePlan;
use crate::text::parse_iso8601_ms;

const EP_TICKETS_EXPORT: &str = "GET /api/v2/incremental/tickets/cursor.json";
const EP_EVENTS_EXPORT: &str = "GET /api/v2/incremental/ticket_events.json";
const EP_COMMENTS: &str = "GET /api/v2/tickets/{id}/comments.json";

/// Zendesk credentials. `Debug` hides the secrets.
#[derive(Clone)]
pub enum ZendeskAuth {
    /// API token: HTTP Basic `{email}/token:{token}`.
    ApiToken {
        /// Agent e-mail.
        email: String,
        /// API token.
        token: String,
    },
    /// OAuth access token: `Bearer`.
    OAuth(String),
}

impl fmt::Debug for ZendeskAuth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ZendeskAuth::ApiToken { email, .. } => f
                .debug_struct("ApiToken")
                .field("email", email)
                .field("token", &"<redacted>")
                .finish(),
            ZendeskAuth::OAuth(_) => f.write_str("OAuth(<redacted>)"),
        }
    }
}

/// How to reach Zendesk.
#[derive(Clone, Debug)]
pub struct ZendeskConfig {
    /// Account subdomain (`acme` for `acme.zendesk.com`); used for the default base URL and
    /// agent links.
    pub subdomain: String,
    /// Credentials.
    pub auth: ZendeskAuth,
    /// API base URL (default `https://{subdomain}.zendesk.com`).
    pub base_url: String,
    /// Base of agent-UI links (default `https://{subdomain}.zendesk.com`).
    pub agent_url: String,
    /// Page size of both exports (Zendesk's maximum and default: 1,000).
    pub per_page: u32,
    /// Cap on comment text held while waiting for its ticket (default 64 MiB); beyond it the
    /// largest threads are re-read per ticket instead.
    pub max_buffered_bytes: usize,
    /// Rate plan, retries, timeouts, wait observer.
    pub http: HttpOptions,
}

impl ZendeskConfig {
    /// Defaults for `subdomain`: Zendesk's hosts, Enterprise limits (700/min, exports 10/min).
    pub fn new(subdomain: impl Into<String>, auth: ZendeskAuth) -> Self {
        let subdomain = subdomain.into();
        let host = format!("https://{subdomain}.zendesk.com");
        ZendeskConfig {
            subdomain,
            auth,
            base_url: host.clone(),
            agent_url: host,
            per_page: 1000,
            max_buffered_bytes: 64 << 20,
            http: HttpOptions::with_plan(RatePlan::ZENDESK_ENTERPRISE),
        }
    }

    /// Reads `ZENDESK_SUBDOMAIN`, then `ZENDESK_EMAIL` + `ZENDESK_API_TOKEN` or
    /// `ZENDESK_OAUTH_TOKEN`, and optionally `ZENDESK_BASE_URL`.
    pub fn from_env() -> Result<Self> {
        let sub = env_nonempty("ZENDESK_SUBDOMAIN")
            .ok_or_else(|| Error::Config("ZENDESK_SUBDOMAIN is not set".into()))?;
        let auth = match (
            env_nonempty("ZENDESK_EMAIL"),
            env_nonempty("ZENDESK_API_TOKEN"),
            env_nonempty("ZENDESK_OAUTH_TOKEN"),
        ) {
            (Some(email), Some(token), _) => ZendeskAuth::ApiToken { email, token },
            (_, _, Some(t)) => ZendeskAuth::OAuth(t),
            _ => {
                return Err(Error::Config(
                    "set ZENDESK_EMAIL and ZENDESK_API_TOKEN, or ZENDESK_OAUTH_TOKEN".into(),
                ))
            }
        };
        let mut cfg = ZendeskConfig::new(sub, auth);
        if let Some(url) = env_nonempty("ZENDESK_BASE_URL") {
            cfg.base_url = url;
        }
        Ok(cfg)
    }
}

/// The persisted state (the cursor's JSON).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct CursorV1 {
    v: u32,
    /// `after_cursor` of the ticket export (`None`: start from `tickets_start`).
    tickets_cursor: Option<String>,
    /// `start_time` of the first ticket-export call (unix seconds).
    tickets_start: i64,
    /// `start_time` of the next event-export page.
    events_pos: i64,
    /// Events at second `events_pos` already read (the time-based export repeats them).
    events_skip: BTreeSet<u64>,
    /// Where a resumed run re-reads events from: the oldest comment of a `pending` ticket.
    events_from: i64,
    /// Tickets whose comments were read from events but that were not emitted yet.
    pending: BTreeSet<i64>,
}

struct Comment {
    id: u64,
    time_s: i64,
    text: String,
}

/// Ids and sizes only: the text is a customer's words.
impl std::fmt::Debug for Comment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Comment")
            .field("id", &self.id)
            .field("time_s", &self.time_s)
            .field("text_len", &self.text.len())
            .finish()
    }
}

/// A Zendesk ticket source: call [`ZendeskSource::next_page`] until it returns `None`.
pub struct ZendeskSource {
    http: HttpClient,
    agent_url: String,
    per_page: u32,
    max_buffered_bytes: usize,
    state: CursorV1,
    /// Events with time before this, re-read on resume, are kept only for `resume_pending`.
    resume_until: i64,
    resume_skip: BTreeSet<u64>,
    resume_pending: BTreeSet<i64>,
    buffer: HashMap<i64, Vec<Comment>>,
    buffered_bytes: usize,
    /// Tickets whose buffered comments were dropped: min comment time seen.
    evicted: HashMap<i64, i64>,
    /// Tickets emitted in this run, with the `updated_at` (s) emitted.
    emitted: HashMap<i64, i64>,
    events_eos: bool,
    events_enabled: bool,
    finished: bool,
    warnings: Vec<String>,
}

impl fmt::Debug for ZendeskSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ZendeskSource")
            .field("http", &self.http)
            .field("buffered_tickets", &self.buffer.len())
            .field("buffered_bytes", &self.buffered_bytes)
            .field("finished", &self.finished)
            .finish_non_exhaustive()
    }
}

#[derive(Deserialize)]
struct TicketsExport {
    #[serde(default)]
    tickets: Vec<ZdTicket>,
    after_cursor: Option<String>,
    #[serde(default)]
    end_of_stream: bool,
}

#[derive(Deserialize)]
struct ZdTicket {
    id: i64,
    #[serde(default)]
    subject: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    assignee_id: Option<i64>,
    #[serde(default)]
    created_at: Option<String>,
    #[serde(default)]
    updated_at: Option<String>,
    #[serde(default)]
    generated_timestamp: Option<i64>,
}

impl ZdTicket {
    fn updated_s(&self) -> i64 {
        self.updated_at
            .as_deref()
            .and_then(parse_iso8601_ms)
            .map(|ms| ms.div_euclid(1000))
            .or(self.generated_timestamp)
            .unwrap_or(0)
    }

    fn created_s(&self) -> i64 {
        self.created_at
            .as_deref()
            .and_then(parse_iso8601_ms)
            .map(|ms| ms.div_euclid(1000))
            .unwrap_or(0)
    }
}

#[derive(Deserialize)]
struct EventsExport {
    #[serde(default)]
    ticket_events: Vec<AuditEvent>,
    end_time: Option<i64>,
    #[serde(default)]
    end_of_stream: bool,
}

#[derive(Deserialize)]
struct AuditEvent {
    id: u64,
    ticket_id: i64,
    timestamp: i64,
    #[serde(default)]
    child_events: Vec<ChildEvent>,
}

#[derive(Deserialize)]
struct ChildEvent {
    #[serde(default)]
    id: Option<u64>,
    #[serde(default)]
    event_type: Option<String>,
    #[serde(default)]
    plain_body: Option<String>,
    #[serde(default)]
    body: Option<String>,
}

#[derive(Deserialize)]
struct CommentsPage {
    #[serde(default)]
    comments: Vec<ApiComment>,
    #[serde(default)]
    meta: Option<CommentsMeta>,
}

#[derive(Deserialize)]
struct CommentsMeta {
    #[serde(default)]
    has_more: bool,
    #[serde(default)]
    after_cursor: Option<String>,
}

#[derive(Deserialize)]
struct ApiComment {
    id: u64,
    #[serde(default)]
    plain_body: Option<String>,
    #[serde(default)]
    body: Option<String>,
    #[serde(default)]
    created_at: Option<String>,
}

impl ZendeskSource {
    /// A full scan: every ticket and comment since the account began.
    pub fn full(config: ZendeskConfig) -> Result<Self> {
        Self::since(config, 0)
    }

    /// Tickets updated, and comments added, at or after `start_time` (unix seconds).
    pub fn since(config: ZendeskConfig, start_time: i64) -> Result<Self> {
        let state = CursorV1 {
            v: 1,
            tickets_cursor: None,
            tickets_start: start_time,
            events_pos: start_time,
            events_skip: BTreeSet::new(),
            events_from: start_time,
            pending: BTreeSet::new(),
        };
        Self::with_state(config, state)
    }

    /// Resumes from a stored cursor: the rest of an interrupted run, or what changed since.
    pub fn resume(config: ZendeskConfig, cursor: &str) -> Result<Self> {
        let bad = |detail: String| Error::Cursor {
            helpdesk: SourceKind::Zendesk,
            detail,
        };
        let raw: Value = serde_json::from_str(cursor).map_err(|e| bad(e.to_string()))?;
        match raw.get("v").and_then(Value::as_u64) {
            Some(1) => {}
            Some(v) => return Err(bad(format!("version {v} is not supported (expected 1)"))),
            None => return Err(bad("no version field \"v\"".into())),
        }
        let state: CursorV1 = serde_json::from_value(raw).map_err(|e| bad(e.to_string()))?;
        if state.events_from > state.events_pos {
            return Err(bad("events_from is after events_pos".into()));
        }
        Self::with_state(config, state)
    }

    fn with_state(config: ZendeskConfig, mut state: CursorV1) -> Result<Self> {
        let auth = match &config.auth {
            ZendeskAuth::ApiToken { email, token } => {
                if email.trim().is_empty() || token.trim().is_empty() {
                    return Err(Error::Config("Zendesk e-mail or API token is empty".into()));
                }
                AuthHeader::basic(&format!("{}/token", email.trim()), token.trim())?
            }
            ZendeskAuth::OAuth(t) => {
                if t.trim().is_empty() {
                    return Err(Error::Config("Zendesk OAuth token is empty".into()));
                }
                AuthHeader::bearer(t.trim())?
            }
        };
        if !(1..=1000).contains(&config.per_page) {
            return Err(Error::Config(format!(
                "Zendesk export page size must be 1–1000, not {}",
                config.per_page
            )));
        }
        let http = HttpClient::new(SourceKind::Zendesk, &config.base_url, auth, &config.http)?;
        // Re-read from `events_from`; what lies before `events_pos` is kept only for pending
        // tickets (everything else there was delivered before the cursor was stored).
        let resume_until = state.events_pos;
        let resume_skip = std::mem::take(&mut state.events_skip);
        let resume_pending = std::mem::take(&mut state.pending);
        state.events_pos = state.events_from;
        Ok(ZendeskSource {
            http,
            agent_url: config.agent_url.trim_end_matches('/').to_string(),
            per_page: config.per_page,
            max_buffered_bytes: config.max_buffered_bytes,
            resume_until,
            resume_skip,
            resume_pending,
            state,
            buffer: HashMap::new(),
            buffered_bytes: 0,
            evicted: HashMap::new(),
            emitted: HashMap::new(),
            events_eos: false,
            events_enabled: true,
            finished: false,
            warnings: Vec::new(),
        })
    }

    /// Counters of this source's HTTP client.
    pub fn stats(&self) -> std::sync::Arc<CallStats> {
        self.http.stats()
    }

    /// Features switched off during the run and why.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// The next page of tickets, or `None` when this run has read everything.
    pub async fn next_page(&mut self) -> Result<Option<Page>> {
        if self.finished {
            return Ok(None);
        }
        let before = self.http.stats().total();
        let per_page = self.per_page.to_string();
        let url = match &self.state.tickets_cursor {
            Some(c) => self.http.url(
                "/api/v2/incremental/tickets/cursor.json",
                &[("cursor", c), ("per_page", &per_page)],
            ),
            None => self.http.url(
                "/api/v2/incremental/tickets/cursor.json",
                &[
                    ("start_time", &self.state.tickets_start.to_string()),
                    ("per_page", &per_page),
                ],
            ),
        };
        let (export, _): (TicketsExport, _) = self
            .http
            .get_json(url, EP_TICKETS_EXPORT, LimitClass::Special)
            .await?;
        let max_updated = export.tickets.iter().map(ZdTicket::updated_s).max();
        if let Some(b) = max_updated {
            self.read_events_through(b).await?;
        }
        let mut docs = Vec::with_capacity(export.tickets.len());
        for t in &export.tickets {
            if let Some(doc) = self.emit(t).await? {
                docs.push(doc);
            }
        }
        if let Some(c) = export.after_cursor {
            self.state.tickets_cursor = Some(c);
        }
        if export.end_of_stream {
            self.finished = true;
        }
        let cursor = self.checkpoint();
        Ok(Some(Page {
            docs,
            cursor: Some(cursor),
            api_calls: self.http.stats().total() - before,
        }))
    }

    /// Reads the event export until it is past second `b` (or at its end).
    async fn read_events_through(&mut self, b: i64) -> Result<()> {
        while self.events_enabled && !self.events_eos && self.state.events_pos <= b {
            let per_page = self.per_page.to_string();
            let url = self.http.url(
                "/api/v2/incremental/ticket_events.json",
                &[
                    ("start_time", &self.state.events_pos.to_string()),
                    ("include", "comment_events"),
                    ("per_page", &per_page),
                ],
            );
            let export: EventsExport = match self
                .http
                .get_json(url, EP_EVENTS_EXPORT, LimitClass::Special)
                .await
            {
                Ok((e, _)) => e,
                Err(e) if e.status() == Some(403) => {
                    let msg = format!(
                        "comment export not permitted, reading comments per ticket instead: {e}"
                    );
                    tracing::warn!(source = "zendesk", "{msg}");
                    self.warnings.push(msg);
                    self.events_enabled = false;
                    return Ok(());
                }
                Err(e) => return Err(e),
            };
            let start = self.state.events_pos;
            let end = export.end_time.unwrap_or(start).max(start);
            // Ids to skip when the next page starts at `end`: those read at that second.
            let mut next_skip = if end == start {
                self.state.events_skip.clone()
            } else {
                BTreeSet::new()
            };
            for ev in export.ticket_events {
                if ev.timestamp == start && self.state.events_skip.contains(&ev.id) {
                    continue;
                }
                let replayed = ev.timestamp < self.resume_until
                    || (ev.timestamp == self.resume_until && self.resume_skip.contains(&ev.id));
                if replayed && !self.resume_pending.contains(&ev.ticket_id) {
                    continue;
                }
                if ev.timestamp == end {
                    next_skip.insert(ev.id);
                }
                for child in ev.child_events {
                    if child.event_type.as_deref() != Some("Comment") {
                        continue;
                    }
                    let Some(id) = child.id else { continue };
                    let text = child.plain_body.or(child.body).unwrap_or_default();
                    self.buffer_comment(
                        ev.ticket_id,
                        Comment {
                            id,
                            time_s: ev.timestamp,
                            text,
                        },
                    );
                }
            }
            let advanced = end > start || next_skip.len() > self.state.events_skip.len();
            self.state.events_skip = next_skip;
            self.state.events_pos = end;
            if export.end_of_stream {
                self.events_eos = true;
            } else if !advanced {
                // No progress and nothing to skip: the server would answer the same page again.
                return Err(Error::Decode {
                    helpdesk: SourceKind::Zendesk,
                    endpoint: EP_EVENTS_EXPORT.into(),
                    detail: format!("event export did not advance past {start}"),
                });
            }
        }
        Ok(())
    }

    fn buffer_comment(&mut self, ticket_id: i64, c: Comment) {
        // Already delivered with its ticket in this run.
        if self.emitted.get(&ticket_id).is_some_and(|&u| c.time_s <= u) {
            return;
        }
        if let Some(min) = self.evicted.get_mut(&ticket_id) {
            *min = (*min).min(c.time_s);
            return;
        }
        self.buffered_bytes += c.text.len();
        self.buffer.entry(ticket_id).or_default().push(c);
        while self.buffered_bytes > self.max_buffered_bytes {
            let Some((&victim, _)) = self
                .buffer
                .iter()
                .max_by_key(|(_, v)| v.iter().map(|c| c.text.len()).sum::<usize>())
            else {
                break;
            };
            let comments = self.buffer.remove(&victim).unwrap_or_default();
            self.buffered_bytes -= comments.iter().map(|c| c.text.len()).sum::<usize>();
            let min = comments.iter().map(|c| c.time_s).min().unwrap_or(i64::MAX);
            tracing::debug!(
                ticket = victim,
                "comment buffer full: thread will be read per ticket"
            );
            self.evicted.insert(victim, min);
        }
    }

    async fn emit(&mut self, t: &ZdTicket) -> Result<Option<TicketDoc>> {
        let updated = t.updated_s();
        let mut comments = self.buffer.remove(&t.id).unwrap_or_default();
        self.buffered_bytes -= comments.iter().map(|c| c.text.len()).sum::<usize>();
        let evicted_from = self.evicted.remove(&t.id);
        self.emitted.insert(t.id, updated);
        if t.status.as_deref() == Some("deleted") {
            // Deleted tickets cannot be scanned or remediated; their earlier findings stay.
            return Ok(None);
        }
        let per_ticket_from = match evicted_from {
            Some(min) => Some(min),
            // Without the event export: only comments since the run's start are new.
            None if !self.events_enabled => Some(self.state.events_from),
            None => None,
        };
        if let Some(from) = per_ticket_from {
            comments = self.comments_of(t.id, from).await?;
        }
        comments.sort_by_key(|c| c.id);
        comments.dedup_by_key(|c| c.id);
        let mut parts = Vec::with_capacity(comments.len() + 1);
        if let Some(s) = t.subject.as_deref().filter(|s| !s.trim().is_empty()) {
            parts.push(DocPart::new("subject", s));
        }
        let has_comments = !comments.is_empty();
        for c in comments {
            if !c.text.trim().is_empty() {
                parts.push(DocPart::new(format!("comment:{}", c.id), c.text));
            }
        }
        if !has_comments && t.created_s() >= self.state.events_from {
            if let Some(d) = t.description.as_deref().filter(|s| !s.trim().is_empty()) {
                parts.push(DocPart::new("description", d));
            }
        }
        Ok(Some(TicketDoc {
            source: SourceKind::Zendesk,
            ticket_id: t.id.to_string(),
            url: format!("{}/agent/tickets/{}", self.agent_url, t.id),
            updated_at_ms: t
                .updated_at
                .as_deref()
                .and_then(parse_iso8601_ms)
                .unwrap_or(updated * 1000),
            owner_id: t.assignee_id.map(|a| a.to_string()),
            parts,
        }))
    }

    /// A ticket's comments created at or after `from_s`, per ticket (cursor pages of 100).
    async fn comments_of(&mut self, ticket_id: i64, from_s: i64) -> Result<Vec<Comment>> {
        let mut out = Vec::new();
        let mut after: Option<String> = None;
        let path = format!("/api/v2/tickets/{ticket_id}/comments.json");
        loop {
            let mut q = vec![("page[size]", "100".to_string())];
            if let Some(a) = &after {
                q.push(("page[after]", a.clone()));
            }
            let q: Vec<(&str, &str)> = q.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let url = self.http.url(&path, &q);
            let page: CommentsPage = match self
                .http
                .get_json(url, EP_COMMENTS, LimitClass::General)
                .await
            {
                Ok((p, _)) => p,
                // Deleted between the export and now: nothing to scan.
                Err(e) if e.status() == Some(404) => return Ok(out),
                Err(e) => return Err(e),
            };
            for c in page.comments {
                let time_s = c
                    .created_at
                    .as_deref()
                    .and_then(parse_iso8601_ms)
                    .map(|ms| ms.div_euclid(1000))
                    .unwrap_or(i64::MAX);
                if time_s >= from_s {
                    out.push(Comment {
                        id: c.id,
                        time_s,
                        text: c.plain_body.or(c.body).unwrap_or_default(),
                    });
                }
            }
            match page.meta {
                Some(CommentsMeta {
                    has_more: true,
                    after_cursor: Some(a),
                }) => after = Some(a),
                _ => break,
            }
        }
        Ok(out)
    }

    /// The cursor after the page just built: see the module docs.
    fn checkpoint(&mut self) -> String {
        let mut pending: BTreeSet<i64> = self.buffer.keys().copied().collect();
        pending.extend(self.evicted.keys().copied());
        let oldest = self
            .buffer
            .values()
            .flatten()
            .map(|c| c.time_s)
            .chain(self.evicted.values().copied())
            .min();
        // Events at or before where a resumed run replays must stay covered too: a pending
        // ticket of the previous cursor not reached yet is still pending.
        let mut from = oldest
            .unwrap_or(self.state.events_pos)
            .min(self.state.events_pos);
        if !self.resume_pending.is_empty() {
            let unresolved: Vec<i64> = self
                .resume_pending
                .iter()
                .filter(|id| !self.emitted.contains_key(id))
                .copied()
                .collect();
            if !unresolved.is_empty() && self.state.events_pos < self.resume_until {
                // Still replaying: keep the previous replay window.
                from = from.min(self.state.events_from);
            }
            pending.extend(unresolved);
        }
        let (pos, skip) = if self.state.events_pos < self.resume_until {
            // The replay has not reached the previous position yet: store that position, so
            // the next resume replays (pending only) up to it as well.
            (self.resume_until, self.resume_skip.clone())
        } else {
            (self.state.events_pos, self.state.events_skip.clone())
        };
        let c = CursorV1 {
            v: 1,
            tickets_cursor: self.state.tickets_cursor.clone(),
            tickets_start: self.state.tickets_start,
            events_pos: pos,
            events_skip: skip,
            events_from: from.min(pos),
            pending,
        };
        serde_json::to_string(&c).expect("cursor serializes")
    }
}
