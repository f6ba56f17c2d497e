//! HubSpot tickets: a full scan lists every ticket (100 a page, the largest page the list
//! endpoint serves); later runs search for tickets modified since the stored high-water mark.
//!
//! ## Cursor
//!
//! `{"v":1,"phase":"list","after":"…","started_ms":…,"seen":{…}}` while the full list runs,
//! then `{"v":1,"phase":"search","from_ms":…,"offset":0,"seen":{…}}`. `seen` maps ticket id to
//! the `hs_lastmodifieddate` delivered, for tickets modified within `overlap` of the
//! high-water mark only (so it stays small): it is what lets a run re-read an overlap window —
//! HubSpot's search index lags writes by seconds — and de-duplicate the boundary without
//! delivering anything twice.
//!
//! ## Why the search restarts on every page
//!
//! Search pages by numeric offset and refuses offsets past 10,000. The usual workaround
//! restarts the search from the last seen `hs_lastmodifieddate` when the offset nears 10,000.
//! leakhound restarts it on *every* page (filter `GTE` the last timestamp seen, offset 0,
//! ids already delivered at that instant dropped): that costs the same one call per page and
//! also closes a hole of offset paging — a ticket modified during the scan moves to the end
//! of the ascending order, shifting every later ticket one offset down, so the next page
//! would silently skip one. Offsets are used only inside a single millisecond holding more
//! than a page of tickets (bulk imports), and a millisecond holding more than 10,000 tickets
//! is reported as [`Error::Limit`].

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::doc::{DocPart, Page, SourceKind, TicketDoc};
use crate::error::{Error, Result};
use crate::http::{AuthHeader, CallStats, HttpClient, HttpOptions, LimitClass};
use crate::ratelimit::RatePlan;
use crate::text::html_to_text;

/// HubSpot's default API host.
pub const DEFAULT_BASE_URL: &str = "https://api.hubapi.com";
/// Largest offset a search can page to.
pub const SEARCH_RESULT_CAP: u32 = 10_000;
const LIST_PROPERTIES: &str = "subject,content,hs_lastmodifieddate,hubspot_owner_id";
const EP_LIST: &str = "GET /crm/v3/objects/tickets";
const EP_SEARCH: &str = "POST /crm/v3/objects/tickets/search";
const EP_ASSOC_BATCH: &str = "POST /crm/v4/associations/tickets/notes/batch/read";
const EP_ASSOC_ONE: &str = "GET /crm/v4/objects/tickets/{id}/associations/notes";
const EP_NOTES_BATCH: &str = "POST /crm/v3/objects/notes/batch/read";

/// How to reach HubSpot and what to read.
#[derive(Clone)]
pub struct HubSpotConfig {
    /// Private-app access token (`HUBSPOT_ACCESS_TOKEN`). Never printed.
    pub access_token: String,
    /// API base URL (default [`DEFAULT_BASE_URL`]; the emulator or a proxy otherwise).
    pub base_url: String,
    /// Portal (account) id, for links into the HubSpot UI (`HUBSPOT_PORTAL_ID`). Without it,
    /// ticket links point at the API object instead.
    pub portal_id: Option<String>,
    /// Also scan the notes associated with each ticket (opt-in: needs the notes scope and one
    /// or two more calls per 100 tickets).
    pub include_notes: bool,
    /// Search page size, 1–200 (HubSpot's maximum is 200; default 100).
    pub search_page_size: u32,
    /// How far back an incremental run re-reads before its high-water mark, because search
    /// results lag writes. Re-read tickets that did not change are not delivered again.
    pub search_overlap: Duration,
    /// Rate plan, retries, timeouts, wait observer.
    pub http: HttpOptions,
}

impl fmt::Debug for HubSpotConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HubSpotConfig")
            .field("access_token", &"<redacted>")
            .field("base_url", &self.base_url)
            .field("portal_id", &self.portal_id)
            .field("include_notes", &self.include_notes)
            .field("search_page_size", &self.search_page_size)
            .field("search_overlap", &self.search_overlap)
            .field("http", &self.http)
            .finish()
    }
}

impl HubSpotConfig {
    /// A configuration with defaults: HubSpot's host, the Professional plan's limits
    /// (190/10 s, search 4/s), no notes, search pages of 100, a 5-minute overlap.
    pub fn new(access_token: impl Into<String>) -> Self {
        HubSpotConfig {
            access_token: access_token.into(),
            base_url: DEFAULT_BASE_URL.to_string(),
            portal_id: None,
            include_notes: false,
            search_page_size: 100,
            search_overlap: Duration::from_secs(300),
            http: HttpOptions::with_plan(RatePlan::HUBSPOT_PROFESSIONAL),
        }
    }

    /// Reads `HUBSPOT_ACCESS_TOKEN` (required), `HUBSPOT_BASE_URL` and `HUBSPOT_PORTAL_ID`.
    pub fn from_env() -> Result<Self> {
        let token = env_nonempty("HUBSPOT_ACCESS_TOKEN").ok_or_else(|| {
            Error::Config("HUBSPOT_ACCESS_TOKEN is not set (a private-app access token)".into())
        })?;
        let mut cfg = HubSpotConfig::new(token);
        if let Some(url) = env_nonempty("HUBSPOT_BASE_URL") {
            cfg.base_url = url;
        }
        cfg.portal_id = env_nonempty("HUBSPOT_PORTAL_ID");
        Ok(cfg)
    }
}

pub(crate) fn env_nonempty(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// The persisted state. Field names are the cursor's JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct CursorV1 {
    v: u32,
    #[serde(flatten)]
    phase: Phase,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "phase", rename_all = "lowercase")]
enum Phase {
    /// Full scan by listing. `after`: the list cursor of the next page (`None`: first page).
    List {
        after: Option<String>,
        /// Server time when the list started; the search phase starts there.
        started_ms: Option<i64>,
        seen: BTreeMap<String, i64>,
    },
    /// Incremental search.
    Search(SearchWindow),
}

/// The keyset position of the incremental search and the ids delivered near it (pure logic,
/// unit-tested with fake pages).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct SearchWindow {
    /// Lower bound of the next search (`hs_lastmodifieddate GTE from_ms`).
    from_ms: i64,
    /// Offset within results at exactly `from_ms` (non-zero only when more than a page of
    /// tickets share one millisecond).
    offset: u32,
    /// Ticket id → `hs_lastmodifieddate` delivered, kept for `lastmod >= from_ms - overlap`.
    seen: BTreeMap<String, i64>,
}

/// What [`SearchWindow::apply`] made of a page.
#[derive(Debug, PartialEq)]
pub(crate) struct Applied {
    /// Indices (into the page) of the results to deliver.
    deliver: Vec<usize>,
    /// No more pages in this run.
    done: bool,
}

impl SearchWindow {
    pub(crate) fn new(from_ms: i64) -> Self {
        SearchWindow {
            from_ms,
            offset: 0,
            seen: BTreeMap::new(),
        }
    }

    /// The start of a run re-reads `overlap` before the stored mark (search lags writes).
    pub(crate) fn rewind(&mut self, overlap_ms: i64) {
        if self.offset == 0 {
            self.from_ms = self.from_ms.saturating_sub(overlap_ms);
        }
    }

    /// Takes one page of `(id, lastmod_ms)` in the order returned. `limit` is the page size
    /// asked for; `has_next`: the response had `paging.next`.
    pub(crate) fn apply(
        &mut self,
        results: &[(String, i64)],
        has_next: bool,
        limit: u32,
        overlap_ms: i64,
    ) -> Result<Applied> {
        let mut deliver = Vec::new();
        let mut max_ms = self.from_ms;
        for (i, (id, ms)) in results.iter().enumerate() {
            max_ms = max_ms.max(*ms);
            if self.seen.get(id).is_some_and(|seen| *seen >= *ms) {
                continue;
            }
            // The same id twice in one page (a write between index updates): keep the first.
            if deliver.iter().any(|&j: &usize| results[j].0 == *id) {
                continue;
            }
            deliver.push(i);
        }
        for &i in &deliver {
            let (id, ms) = &results[i];
            self.seen.insert(id.clone(), *ms);
        }
        let done = results.is_empty() || !has_next || (results.len() as u32) < limit;
        if max_ms > self.from_ms {
            self.from_ms = max_ms;
            self.offset = 0;
        } else if !done {
            self.offset += results.len() as u32;
            if self.offset + limit > SEARCH_RESULT_CAP {
                return Err(Error::Limit {
                    helpdesk: SourceKind::HubSpot,
                    detail: format!(
                        "more than {SEARCH_RESULT_CAP} tickets share hs_lastmodifieddate {}; search cannot page past them",
                        self.from_ms
                    ),
                });
            }
        }
        if done {
            // The next run restarts at the mark with its overlap; offsets do not survive.
            self.offset = 0;
        }
        let keep_from = self.from_ms.saturating_sub(overlap_ms);
        self.seen.retain(|_, ms| *ms >= keep_from);
        Ok(Applied { deliver, done })
    }
}

/// A HubSpot ticket source: call [`HubSpotSource::next_page`] until it returns `None`.
#[derive(Debug)]
pub struct HubSpotSource {
    http: HttpClient,
    cfg: HubSpotConfigView,
    state: CursorV1,
    finished: bool,
    notes_enabled: bool,
    batch_assoc_supported: bool,
    warnings: Vec<String>,
}

#[derive(Debug)]
struct HubSpotConfigView {
    portal_id: Option<String>,
    base_url: String,
    search_page_size: u32,
    overlap_ms: i64,
}

#[derive(Deserialize)]
struct ListResponse {
    #[serde(default)]
    results: Vec<HsObject>,
    #[serde(default)]
    paging: Option<Paging>,
}

#[derive(Deserialize)]
struct Paging {
    next: Option<PagingNext>,
}

#[derive(Deserialize)]
struct PagingNext {
    after: String,
}

#[derive(Deserialize)]
struct HsObject {
    id: String,
    #[serde(default)]
    properties: HashMap<String, Option<String>>,
    #[serde(default, rename = "updatedAt")]
    updated_at: Option<String>,
    #[serde(default)]
    associations: Option<HashMap<String, AssocList>>,
}

#[derive(Deserialize)]
struct AssocList {
    #[serde(default)]
    results: Vec<AssocRef>,
}

#[derive(Deserialize)]
struct AssocRef {
    id: Value,
}

impl HsObject {
    fn prop(&self, name: &str) -> Option<&str> {
        self.properties.get(name).and_then(|v| v.as_deref())
    }

    fn modified_ms(&self) -> i64 {
        self.prop("hs_lastmodifieddate")
            .or(self.updated_at.as_deref())
            .and_then(parse_hubspot_time)
            .unwrap_or(0)
    }
}

/// `hs_lastmodifieddate` is ISO-8601 (`2026-01-15T10:30:00.000Z`) or epoch milliseconds.
pub(crate) fn parse_hubspot_time(s: &str) -> Option<i64> {
    let s = s.trim();
    if let Ok(ms) = s.parse::<i64>() {
        return Some(ms);
    }
    crate::text::parse_iso8601_ms(s)
}

impl HubSpotSource {
    /// A full scan: lists every ticket, then hands over to incremental search.
    pub fn full(config: HubSpotConfig) -> Result<Self> {
        Self::with_state(
            config,
            CursorV1 {
                v: 1,
                phase: Phase::List {
                    after: None,
                    started_ms: None,
                    seen: BTreeMap::new(),
                },
            },
        )
    }

    /// Tickets modified at or after `since_ms` (epoch milliseconds), by search.
    pub fn since(config: HubSpotConfig, since_ms: i64) -> Result<Self> {
        Self::with_state(
            config,
            CursorV1 {
                v: 1,
                phase: Phase::Search(SearchWindow::new(since_ms)),
            },
        )
    }

    /// Resumes from a cursor string stored from a [`Page`]: the rest of an interrupted full
    /// scan, or the tickets modified since the last run.
    pub fn resume(config: HubSpotConfig, cursor: &str) -> Result<Self> {
        let bad = |detail: String| Error::Cursor {
            helpdesk: SourceKind::HubSpot,
            detail,
        };
        let raw: Value = serde_json::from_str(cursor).map_err(|e| bad(e.to_string()))?;
        match raw.get("v").and_then(Value::as_u64) {
            Some(1) => {}
            Some(v) => return Err(bad(format!("version {v} is not supported (expected 1)"))),
            None => return Err(bad("no version field \"v\"".into())),
        }
        let mut state: CursorV1 = serde_json::from_value(raw).map_err(|e| bad(e.to_string()))?;
        let overlap_ms = config.search_overlap.as_millis() as i64;
        if let Phase::Search(w) = &mut state.phase {
            w.rewind(overlap_ms);
        }
        Self::with_state(config, state)
    }

    fn with_state(config: HubSpotConfig, state: CursorV1) -> Result<Self> {
        if config.access_token.trim().is_empty() {
            return Err(Error::Config("HubSpot access token is empty".into()));
        }
        if !(1..=200).contains(&config.search_page_size) {
            return Err(Error::Config(format!(
                "HubSpot search page size must be 1–200, not {}",
                config.search_page_size
            )));
        }
        let http = HttpClient::new(
            SourceKind::HubSpot,
            &config.base_url,
            AuthHeader::bearer(config.access_token.trim())?,
            &config.http,
        )?;
        Ok(HubSpotSource {
            http,
            cfg: HubSpotConfigView {
                portal_id: config.portal_id.clone(),
                base_url: config.base_url.trim_end_matches('/').to_string(),
                search_page_size: config.search_page_size,
                overlap_ms: config.search_overlap.as_millis() as i64,
            },
            state,
            finished: false,
            notes_enabled: config.include_notes,
            batch_assoc_supported: true,
            warnings: Vec::new(),
        })
    }

    /// Counters of this source's HTTP client (calls per endpoint, waits).
    pub fn stats(&self) -> std::sync::Arc<CallStats> {
        self.http.stats()
    }

    /// Features switched off during the run and why (e.g. notes without the scope).
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// The checkpoint of everything delivered so far.
    pub fn cursor(&self) -> String {
        serde_json::to_string(&self.state).expect("cursor serializes")
    }

    /// The next page of tickets, or `None` when this run has read everything.
    pub async fn next_page(&mut self) -> Result<Option<Page>> {
        if self.finished {
            return Ok(None);
        }
        let before = self.http.stats().total();
        let docs = match self.state.phase.clone() {
            Phase::List { .. } => self.list_page().await?,
            Phase::Search(_) => self.search_page().await?,
        };
        let Some(docs) = docs else {
            return Ok(None);
        };
        Ok(Some(Page {
            docs,
            cursor: Some(self.cursor()),
            api_calls: self.http.stats().total() - before,
        }))
    }

    async fn list_page(&mut self) -> Result<Option<Vec<TicketDoc>>> {
        let Phase::List {
            after,
            started_ms,
            mut seen,
        } = self.state.phase.clone()
        else {
            unreachable!("list_page in list phase")
        };
        let limit = "100";
        let mut query = vec![("limit", limit), ("properties", LIST_PROPERTIES)];
        if self.notes_enabled {
            query.push(("associations", "notes"));
        }
        if let Some(a) = &after {
            query.push(("after", a.as_str()));
        }
        let url = self.http.url("/crm/v3/objects/tickets", &query);
        let (resp, answer): (ListResponse, _) = self
            .http
            .get_json(url, EP_LIST, LimitClass::General)
            .await?;
        // The search phase starts from the server's clock at the start of the list, minus a
        // second for the `Date` header's resolution: tickets changed while the list ran are
        // read again (if they changed after being listed) rather than missed.
        let started_ms = started_ms.unwrap_or_else(|| {
            answer
                .server_time_ms()
                .unwrap_or_else(crate::text::local_now_ms)
                - 1000
        });
        let keep_from = started_ms - self.cfg.overlap_ms;
        for t in &resp.results {
            let ms = t.modified_ms();
            if ms >= keep_from {
                seen.insert(t.id.clone(), ms);
            }
        }
        let note_ids: Vec<Vec<String>> = resp
            .results
            .iter()
            .map(|t| {
                t.associations
                    .as_ref()
                    .and_then(|a| a.get("notes"))
                    .map(|l| l.results.iter().map(|r| id_string(&r.id)).collect())
                    .unwrap_or_default()
            })
            .collect();
        let docs = self.build_docs(&resp.results, Some(note_ids)).await?;
        let next = resp.paging.and_then(|p| p.next).map(|n| n.after);
        self.state.phase = match next {
            Some(after) => Phase::List {
                after: Some(after),
                started_ms: Some(started_ms),
                seen,
            },
            None => {
                let mut w = SearchWindow::new(started_ms);
                w.seen = seen;
                self.finished = true;
                Phase::Search(w)
            }
        };
        Ok(Some(docs))
    }

    async fn search_page(&mut self) -> Result<Option<Vec<TicketDoc>>> {
        let Phase::Search(mut window) = self.state.phase.clone() else {
            unreachable!("search_page in search phase")
        };
        let limit = self.cfg.search_page_size;
        let body = json!({
            "filterGroups": [{"filters": [{
                "propertyName": "hs_lastmodifieddate",
                "operator": "GTE",
                "value": window.from_ms.to_string(),
            }]}],
            "sorts": [{"propertyName": "hs_lastmodifieddate", "direction": "ASCENDING"}],
            "properties": ["subject", "content", "hubspot_owner_id", "hs_lastmodifieddate"],
            "limit": limit,
            "after": window.offset.to_string(),
        });
        let url = self.http.url("/crm/v3/objects/tickets/search", &[]);
        let (resp, _): (ListResponse, _) = self
            .http
            .post_json(url, EP_SEARCH, LimitClass::Special, &body)
            .await?;
        let keys: Vec<(String, i64)> = resp
            .results
            .iter()
            .map(|t| (t.id.clone(), t.modified_ms()))
            .collect();
        let has_next = resp.paging.as_ref().is_some_and(|p| p.next.is_some());
        let applied = window.apply(&keys, has_next, limit, self.cfg.overlap_ms)?;
        let mut chosen = Vec::with_capacity(applied.deliver.len());
        let mut results: Vec<Option<HsObject>> = resp.results.into_iter().map(Some).collect();
        for i in applied.deliver {
            if let Some(t) = results[i].take() {
                chosen.push(t);
            }
        }
        let docs = self.build_docs(&chosen, None).await?;
        self.state.phase = Phase::Search(window);
        if applied.done {
            self.finished = true;
        }
        Ok(Some(docs))
    }

    /// Turns ticket objects into documents, reading their notes if asked. `note_ids`: the
    /// associations already returned by the list call (one list per ticket), or `None` to
    /// look them up.
    async fn build_docs(
        &mut self,
        tickets: &[HsObject],
        note_ids: Option<Vec<Vec<String>>>,
    ) -> Result<Vec<TicketDoc>> {
        let mut notes_by_ticket: Vec<Vec<String>> = vec![Vec::new(); tickets.len()];
        let mut note_text: HashMap<String, String> = HashMap::new();
        if self.notes_enabled && !tickets.is_empty() {
            let ids = match note_ids {
                Some(ids) => Ok(ids),
                None => self.note_associations(tickets).await,
            };
            match ids {
                Ok(ids) => {
                    notes_by_ticket = ids;
                    let all: Vec<String> = notes_by_ticket.iter().flatten().cloned().collect();
                    match self.read_notes(&all).await {
                        Ok(t) => note_text = t,
                        Err(e) => self.disable_notes_or_fail(e)?,
                    }
                }
                Err(e) => self.disable_notes_or_fail(e)?,
            }
        }
        let mut docs = Vec::with_capacity(tickets.len());
        for (t, notes) in tickets.iter().zip(notes_by_ticket) {
            let mut parts = Vec::new();
            for key in ["subject", "content"] {
                if let Some(text) = t.prop(key).filter(|s| !s.trim().is_empty()) {
                    parts.push(DocPart::new(key, text));
                }
            }
            for nid in notes {
                if let Some(text) = note_text.get(&nid).filter(|s| !s.trim().is_empty()) {
                    parts.push(DocPart::new(format!("note:{nid}"), text.clone()));
                }
            }
            docs.push(TicketDoc {
                source: SourceKind::HubSpot,
                ticket_id: t.id.clone(),
                url: self.ticket_url(&t.id),
                updated_at_ms: t.modified_ms(),
                owner_id: t
                    .prop("hubspot_owner_id")
                    .filter(|s| !s.is_empty())
                    .map(str::to_string),
                parts,
            });
        }
        Ok(docs)
    }

    /// A 403 (missing scope) or 404 on a notes endpoint turns notes off with a warning, as a
    /// token without the notes scope should still scan tickets; anything else fails the page.
    fn disable_notes_or_fail(&mut self, e: Error) -> Result<()> {
        match e.status() {
            Some(403) | Some(404) => {
                let msg = format!("notes disabled: {e}");
                tracing::warn!(source = "hubspot", "{msg}");
                self.warnings.push(msg);
                self.notes_enabled = false;
                Ok(())
            }
            _ => Err(e),
        }
    }

    /// Note ids per ticket: one v4 batch call per 100 tickets; per-ticket calls only if the
    /// batch endpoint is missing (404), e.g. on an older emulator or proxy.
    async fn note_associations(&mut self, tickets: &[HsObject]) -> Result<Vec<Vec<String>>> {
        #[derive(Deserialize)]
        struct BatchAssoc {
            #[serde(default)]
            results: Vec<BatchAssocItem>,
        }
        #[derive(Deserialize)]
        struct BatchAssocItem {
            from: BatchFrom,
            #[serde(default)]
            to: Vec<ToObject>,
        }
        #[derive(Deserialize)]
        struct BatchFrom {
            id: Value,
        }
        #[derive(Deserialize)]
        struct ToObject {
            #[serde(rename = "toObjectId")]
            to_object_id: Value,
        }
        #[derive(Deserialize)]
        struct OneAssoc {
            #[serde(default)]
            results: Vec<ToObject>,
            #[serde(default)]
            paging: Option<Paging>,
        }
        if self.batch_assoc_supported {
            let mut map: HashMap<String, Vec<String>> = HashMap::new();
            let mut ok = true;
            for chunk in tickets.chunks(100) {
                let inputs: Vec<Value> = chunk.iter().map(|t| json!({"id": t.id})).collect();
                let url = self
                    .http
                    .url("/crm/v4/associations/tickets/notes/batch/read", &[]);
                match self
                    .http
                    .post_json::<BatchAssoc>(
                        url,
                        EP_ASSOC_BATCH,
                        LimitClass::General,
                        &json!({"inputs": inputs}),
                    )
                    .await
                {
                    Ok((r, _)) => {
                        for item in r.results {
                            map.entry(id_string(&item.from.id))
                                .or_default()
                                .extend(item.to.iter().map(|t| id_string(&t.to_object_id)));
                        }
                    }
                    Err(e) if e.status() == Some(404) => {
                        self.batch_assoc_supported = false;
                        ok = false;
                        break;
                    }
                    Err(e) => return Err(e),
                }
            }
            if ok {
                return Ok(tickets
                    .iter()
                    .map(|t| map.remove(&t.id).unwrap_or_default())
                    .collect());
            }
        }
        let mut out = Vec::with_capacity(tickets.len());
        for t in tickets {
            let mut ids = Vec::new();
            let mut after: Option<String> = None;
            loop {
                let path = format!("/crm/v4/objects/tickets/{}/associations/notes", t.id);
                let mut q = vec![("limit", "500")];
                if let Some(a) = &after {
                    q.push(("after", a.as_str()));
                }
                let url = self.http.url(&path, &q);
                let (r, _): (OneAssoc, _) = self
                    .http
                    .get_json(url, EP_ASSOC_ONE, LimitClass::General)
                    .await?;
                ids.extend(r.results.iter().map(|x| id_string(&x.to_object_id)));
                match r.paging.and_then(|p| p.next) {
                    Some(n) => after = Some(n.after),
                    None => break,
                }
            }
            out.push(ids);
        }
        Ok(out)
    }

    /// Note bodies as text, 100 notes per batch-read call.
    async fn read_notes(&mut self, ids: &[String]) -> Result<HashMap<String, String>> {
        #[derive(Deserialize)]
        struct Batch {
            #[serde(default)]
            results: Vec<HsObject>,
        }
        let mut out = HashMap::new();
        let mut unique: Vec<&String> = ids.iter().collect();
        unique.sort();
        unique.dedup();
        for chunk in unique.chunks(100) {
            let inputs: Vec<Value> = chunk.iter().map(|id| json!({"id": id})).collect();
            let url = self.http.url("/crm/v3/objects/notes/batch/read", &[]);
            let body = json!({"properties": ["hs_note_body"], "inputs": inputs});
            // 207 (some notes missing) is a success with the rest.
            let (r, _): (Batch, _) = self
                .http
                .post_json(url, EP_NOTES_BATCH, LimitClass::General, &body)
                .await?;
            for n in r.results {
                if let Some(b) = n.prop("hs_note_body") {
                    out.insert(n.id.clone(), html_to_text(b));
                }
            }
        }
        Ok(out)
    }

    fn ticket_url(&self, id: &str) -> String {
        match &self.cfg.portal_id {
            Some(portal) => format!("https://app.hubspot.com/contacts/{portal}/record/0-5/{id}"),
            None => format!("{}/crm/v3/objects/tickets/{id}", self.cfg.base_url),
        }
    }
}

fn id_string(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(items: &[(&str, i64)]) -> Vec<(String, i64)> {
        items.iter().map(|(i, m)| (i.to_string(), *m)).collect()
    }

    /// A fake search over a fixed table sorted by (lastmod, id), honouring GTE and offset.
    fn fake_search(
        table: &[(String, i64)],
        from: i64,
        offset: u32,
        limit: u32,
    ) -> (Vec<(String, i64)>, bool) {
        let matching: Vec<_> = table.iter().filter(|(_, m)| *m >= from).cloned().collect();
        let start = offset as usize;
        let end = (start + limit as usize).min(matching.len());
        let slice = matching.get(start..end).unwrap_or(&[]).to_vec();
        (slice, end < matching.len())
    }

    fn drain(
        w: &mut SearchWindow,
        table: &[(String, i64)],
        limit: u32,
    ) -> Result<(Vec<String>, u32)> {
        let mut got = Vec::new();
        let mut calls = 0;
        loop {
            calls += 1;
            assert!(w.offset + limit <= SEARCH_RESULT_CAP);
            let (res, next) = fake_search(table, w.from_ms, w.offset, limit);
            let a = w.apply(&res, next, limit, 50)?;
            got.extend(a.deliver.iter().map(|&i| res[i].0.clone()));
            if a.done {
                return Ok((got, calls));
            }
        }
    }

    #[test]
    fn keyset_restart_delivers_each_ticket_once_across_timestamp_ties() {
        // 25 tickets, many sharing timestamps, pages of 4.
        let table: Vec<(String, i64)> = (0..25)
            .map(|i| (format!("t{i:02}"), 1000 + (i / 3) as i64))
            .collect();
        let mut w = SearchWindow::new(0);
        let (got, calls) = drain(&mut w, &table, 4).unwrap();
        let mut sorted = got.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), 25, "{got:?}");
        assert_eq!(got.len(), 25, "no duplicates");
        assert!(calls <= 12, "calls {calls}");
    }

    #[test]
    fn more_than_a_page_in_one_millisecond_uses_offsets() {
        let mut table: Vec<(String, i64)> = (0..10).map(|i| (format!("a{i}"), 5000)).collect();
        table.extend((0..3).map(|i| (format!("b{i}"), 6000 + i)));
        let mut w = SearchWindow::new(0);
        let (got, _) = drain(&mut w, &table, 3).unwrap();
        assert_eq!(got.len(), 13);
        assert_eq!(w.from_ms, 6002);
    }

    #[test]
    fn the_10000_cap_is_never_reached_by_keyset_paging() {
        // 25,000 tickets with distinct timestamps: offsets stay 0 throughout.
        let table: Vec<(String, i64)> = (0..25_000).map(|i| (format!("{i}"), i as i64)).collect();
        let mut w = SearchWindow::new(0);
        let (got, calls) = drain(&mut w, &table, 200).unwrap();
        assert_eq!(got.len(), 25_000);
        assert!(calls <= 127, "calls {calls}");
    }

    #[test]
    fn a_millisecond_with_more_than_10000_tickets_is_a_clear_error() {
        let table: Vec<(String, i64)> = (0..10_050).map(|i| (format!("{i}"), 7)).collect();
        let mut w = SearchWindow::new(0);
        let err = drain(&mut w, &table, 200).unwrap_err();
        assert!(matches!(err, Error::Limit { .. }), "{err}");
    }

    #[test]
    fn overlap_rereads_are_not_delivered_again_but_changes_are() {
        let mut table = page(&[("1", 100), ("2", 110), ("3", 120)]);
        let mut w = SearchWindow::new(0);
        let (got, _) = drain(&mut w, &table, 10).unwrap();
        assert_eq!(got, ["1", "2", "3"]);
        // Next run: ticket 2 modified, ticket 4 created; the run rewinds by the overlap.
        table.retain(|(id, _)| id != "2");
        table.push(("2".into(), 130));
        table.push(("4".into(), 131));
        let mut resumed: SearchWindow =
            serde_json::from_str(&serde_json::to_string(&w).unwrap()).unwrap();
        resumed.rewind(50);
        assert_eq!(resumed.from_ms, 70);
        let (got, _) = drain(&mut resumed, &table, 10).unwrap();
        assert_eq!(got, ["2", "4"]);
    }

    #[test]
    fn a_late_indexed_ticket_inside_the_overlap_is_found() {
        // Ticket 9 was modified at 115 but only became searchable after the first run ended.
        let mut table = page(&[("1", 100), ("2", 120)]);
        let mut w = SearchWindow::new(0);
        drain(&mut w, &table, 10).unwrap();
        table.insert(1, ("9".into(), 115));
        w.rewind(50);
        let (got, _) = drain(&mut w, &table, 10).unwrap();
        assert_eq!(got, ["9"]);
    }

    #[test]
    fn iso_and_epoch_times() {
        assert_eq!(parse_hubspot_time("1735689600000"), Some(1_735_689_600_000));
        assert_eq!(
            parse_hubspot_time("2025-01-01T00:00:00.250Z"),
            Some(1_735_689_600_250)
        );
    }

    #[test]
    fn config_debug_hides_the_token() {
        let cfg = HubSpotConfig::new("pat-na1-very-secret");
        assert!(!format!("{cfg:?}").contains("very-secret"));
    }
}
