//! Incremental exports: tickets (cursor-based and time-based) and ticket events.
//!
//! Rules shared with Zendesk:
//! - `start_time` (Unix seconds) must be at least one minute in the past, else 422
//!   `{"error":"InvalidValue","description":"Too recent start_time. Use a start_time older than
//!   1 minute"}` (the status and wording connectors such as embulk-input-zendesk match on);
//! - records changed within the last minute are never returned (they show up in a later
//!   export), which is what makes resuming from a stored cursor or `end_time` lossless;
//! - up to 1,000 records per page (`per_page` ≤ 1000);
//! - deleted tickets are reported with `status: "deleted"`;
//! - their own, lower rate limit (10 requests per minute), applied by the router's guard.
//!
//! Time-based pages end on a whole second and the next page starts at that second, so records
//! of the boundary second repeat (de-duplicate by id and `updated_at`), as in Zendesk. A page is
//! extended to hold every record of its last second, so paging always progresses.

use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::Json;
use serde_json::{json, Value};

use crate::db::Cursor;
use crate::model::{Millis, ZdTicket};
use crate::state::AppState;
use crate::time::{now_millis, unix_seconds};

use super::error::{ZdError, ZdResult};
use super::paging::{base_url, decode_cursor, encode_cursor, merge, url, Params};
use super::{db_err, params, render};

type QueryResult = Result<Query<Vec<(String, String)>>, axum::extract::rejection::QueryRejection>;

/// Records changed within this many milliseconds before the request are left out.
const NEWEST_EXCLUDED_MS: Millis = 60_000;
/// Maximum (and default) page size of the exports.
const MAX_PER_PAGE: u64 = 1000;
const AFTER_TAG: &str = "incremental-tickets-after";
const BEFORE_TAG: &str = "incremental-tickets-before";

/// `per_page`: 1–1000, default 1000 (larger values are capped, as Zendesk does).
fn per_page(p: &Params) -> ZdResult<u64> {
    match p.int("per_page")? {
        None => Ok(MAX_PER_PAGE),
        Some(n) if n >= 1 => Ok((n as u64).min(MAX_PER_PAGE)),
        Some(_) => Err(ZdError::bad_request(
            "InvalidPaginationParameter",
            "per_page must be a positive integer",
        )),
    }
}

/// `start_time` in Unix seconds, required, and at least one minute old.
fn start_time(p: &Params, now: Millis) -> ZdResult<i64> {
    let Some(raw) = p.get("start_time") else {
        return Err(ZdError::bad_request(
            "InvalidValue",
            "start_time is required (Unix epoch seconds)",
        ));
    };
    let start: i64 = raw.trim().parse().map_err(|_| {
        ZdError::bad_request(
            "InvalidValue",
            "start_time must be a Unix epoch time in seconds",
        )
    })?;
    let start = start.max(0);
    if start.saturating_mul(1000) > now - NEWEST_EXCLUDED_MS {
        return Err(ZdError::invalid_value(
            "Too recent start_time. Use a start_time older than 1 minute",
        ));
    }
    Ok(start)
}

fn includes(p: &Params, what: &str) -> bool {
    p.get("include")
        .is_some_and(|inc| inc.split(',').any(|i| i.trim() == what))
}

/// The query parameters the follow-up URLs keep (`per_page`, `include`).
fn kept(p: &Params) -> Vec<(&'static str, String)> {
    let mut q = Vec::new();
    if let Some(v) = p.get("per_page") {
        q.push(("per_page", v.to_string()));
    }
    if let Some(v) = p.get("include") {
        q.push(("include", v.to_string()));
    }
    q
}

fn ticket_cursor(t: &ZdTicket) -> Cursor {
    Cursor {
        key: t.updated_at,
        id: t.id,
    }
}

/// `users` side-load of a page of tickets (requesters, submitters, assignees).
fn sideload_users(state: &AppState, tickets: &[ZdTicket], base: &str) -> ZdResult<Value> {
    let mut ids: Vec<i64> = tickets
        .iter()
        .flat_map(|t| [Some(t.requester_id), Some(t.submitter_id), t.assignee_id])
        .flatten()
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let users = state.db.zd_users_by_ids(&ids).map_err(db_err)?;
    Ok(Value::Array(
        users.iter().map(|u| render::user(u, base)).collect(),
    ))
}

/// `GET /api/v2/incremental/tickets/cursor.json?start_time=…` then `?cursor=…`.
///
/// Answers `tickets`, `after_cursor` / `after_url` (always set: store `after_cursor` at
/// `end_of_stream` and resume from it next time), `before_cursor` / `before_url` (to page
/// backwards) and `end_of_stream`.
pub async fn tickets_cursor(
    State(state): State<AppState>,
    headers: HeaderMap,
    query: QueryResult,
) -> ZdResult<Json<Value>> {
    let p = params(query)?;
    let now = now_millis();
    let until = now - NEWEST_EXCLUDED_MS;
    let per_page = per_page(&p)?;
    let base = base_url(&headers, &state.base_url);
    let path = "/api/v2/incremental/tickets/cursor.json";
    let (tickets, end_of_stream, after, before) = match (p.get("cursor"), p.get("start_time")) {
        (Some(_), Some(_)) => {
            return Err(ZdError::bad_request(
                "InvalidValue",
                "start_time and cursor cannot be used together",
            ))
        }
        (None, None) => {
            return Err(ZdError::bad_request(
                "InvalidValue",
                "start_time or cursor is required",
            ))
        }
        (None, Some(_)) => {
            let start_ms = start_time(&p, now)?.saturating_mul(1000);
            let mut rows = state
                .db
                .zd_tickets_updated_between(start_ms, until, None, per_page + 1)
                .map_err(db_err)?;
            let eos = rows.len() as u64 <= per_page;
            rows.truncate(per_page as usize);
            // With nothing to return yet, the cursor still marks `start_time`, so that resuming
            // from it finds everything changed since then.
            let after = rows.last().map(ticket_cursor).unwrap_or(Cursor {
                key: start_ms - 1,
                id: i64::MAX,
            });
            let before = rows.first().map(ticket_cursor);
            (rows, eos, after, before)
        }
        (Some(token), None) => {
            if let Ok(from) = decode_cursor(token, AFTER_TAG) {
                let mut rows = state
                    .db
                    .zd_tickets_updated_between(i64::MIN, until, Some(from), per_page + 1)
                    .map_err(db_err)?;
                let eos = rows.len() as u64 <= per_page;
                rows.truncate(per_page as usize);
                let after = rows.last().map(ticket_cursor).unwrap_or(from);
                let before = rows.first().map(ticket_cursor);
                (rows, eos, after, before)
            } else {
                let from = decode_cursor(token, BEFORE_TAG)?;
                let mut rows = state
                    .db
                    .zd_tickets_updated_before(i64::MIN, from, per_page + 1)
                    .map_err(db_err)?;
                let more_before = rows.len() as u64 > per_page;
                rows.truncate(per_page as usize);
                rows.reverse();
                let after = rows.last().map(ticket_cursor).unwrap_or(from);
                let before = if more_before {
                    rows.first().map(ticket_cursor)
                } else {
                    None
                };
                // Paging backwards ends at the start of the stream.
                (rows, !more_before, after, before)
            }
        }
    };
    let mut extra = kept(&p);
    extra.retain(|(k, _)| *k != "cursor");
    let link = |token: &str| {
        let mut q = vec![("cursor", token.to_string())];
        q.extend(extra.iter().cloned());
        url(&base, path, &q)
    };
    let after_cursor = encode_cursor(after, AFTER_TAG);
    let before_cursor = before.map(|c| encode_cursor(c, BEFORE_TAG));
    let mut body = json!({
        "tickets": tickets.iter().map(|t| render::ticket(t, &base)).collect::<Vec<_>>(),
        "after_url": link(&after_cursor),
        "after_cursor": after_cursor,
        "before_url": before_cursor.as_deref().map(link),
        "before_cursor": before_cursor,
        "end_of_stream": end_of_stream,
    });
    if includes(&p, "users") {
        merge(
            &mut body,
            json!({"users": sideload_users(&state, &tickets, &base)?}),
        );
    }
    Ok(Json(body))
}

/// One time-based page: the records from `fetch(start, limit)` (ordered by time), extended
/// with the rest of the last record's second. Returns the records, `end_time` and
/// `end_of_stream`.
fn time_page<T>(
    start_secs: i64,
    per_page: u64,
    time_of: impl Fn(&T) -> Millis,
    cursor_of: impl Fn(&T) -> Cursor,
    fetch: impl Fn(Millis, Millis, Option<Cursor>, u64) -> ZdResult<Vec<T>>,
    until: Millis,
) -> ZdResult<(Vec<T>, i64, bool)> {
    let mut rows = fetch(start_secs.saturating_mul(1000), until, None, per_page + 1)?;
    if rows.len() as u64 <= per_page {
        let end_time = rows
            .last()
            .map(|r| unix_seconds(time_of(r)))
            .unwrap_or(start_secs);
        return Ok((rows, end_time, true));
    }
    rows.truncate(per_page as usize);
    let Some(last) = rows.last() else {
        return Ok((rows, start_secs, true));
    };
    let second = unix_seconds(time_of(last));
    let second_end = (second + 1).saturating_mul(1000).min(until);
    let rest = fetch(
        second.saturating_mul(1000),
        second_end,
        Some(cursor_of(last)),
        u64::MAX >> 1,
    )?;
    rows.extend(rest);
    // A page made of a single second holds all of it: the next page starts after it.
    let end_time = if second <= start_secs {
        second + 1
    } else {
        second
    };
    Ok((rows, end_time, false))
}

/// `GET /api/v2/incremental/tickets.json?start_time=…`: the time-based ticket export.
/// Answers `tickets`, `count`, `end_time`, `next_page` (`start_time=end_time`) and
/// `end_of_stream`.
pub async fn tickets_time(
    State(state): State<AppState>,
    headers: HeaderMap,
    query: QueryResult,
) -> ZdResult<Json<Value>> {
    let p = params(query)?;
    let now = now_millis();
    let start = start_time(&p, now)?;
    let per_page = per_page(&p)?;
    let base = base_url(&headers, &state.base_url);
    let (tickets, end_time, eos) = time_page(
        start,
        per_page,
        |t: &ZdTicket| t.updated_at,
        ticket_cursor,
        |s, u, a, l| {
            state
                .db
                .zd_tickets_updated_between(s, u, a, l)
                .map_err(db_err)
        },
        now - NEWEST_EXCLUDED_MS,
    )?;
    let mut q = vec![("start_time", end_time.to_string())];
    q.extend(kept(&p));
    let mut body = json!({
        "tickets": tickets.iter().map(|t| render::ticket(t, &base)).collect::<Vec<_>>(),
        "count": tickets.len(),
        "end_time": end_time,
        "next_page": url(&base, "/api/v2/incremental/tickets.json", &q),
        "end_of_stream": eos,
    });
    if includes(&p, "users") {
        merge(
            &mut body,
            json!({"users": sideload_users(&state, &tickets, &base)?}),
        );
    }
    Ok(Json(body))
}

/// `GET /api/v2/incremental/ticket_events.json?start_time=…&include=comment_events`: ticket
/// audits in time order, each with its field changes and, with `include=comment_events`, its
/// comment (id, body, HTML body, public flag, author, attachments) as a `Comment` child event —
/// the way to read comment bodies in bulk.
pub async fn ticket_events(
    State(state): State<AppState>,
    headers: HeaderMap,
    query: QueryResult,
) -> ZdResult<Json<Value>> {
    let p = params(query)?;
    let now = now_millis();
    let start = start_time(&p, now)?;
    let per_page = per_page(&p)?;
    let base = base_url(&headers, &state.base_url);
    let comment_events = includes(&p, "comment_events");
    let (events, end_time, eos) = time_page(
        start,
        per_page,
        |a: &crate::model::ZdAudit| a.created_at,
        |a| Cursor {
            key: a.created_at,
            id: a.id,
        },
        |s, u, a, l| state.db.zd_audits_between(s, u, a, l).map_err(db_err),
        now - NEWEST_EXCLUDED_MS,
    )?;
    let mut q = vec![("start_time", end_time.to_string())];
    q.extend(kept(&p));
    Ok(Json(json!({
        "ticket_events": events
            .iter()
            .map(|a| render::ticket_event(a, &base, comment_events))
            .collect::<Vec<_>>(),
        "count": events.len(),
        "end_time": end_time,
        "next_page": url(&base, "/api/v2/incremental/ticket_events.json", &q),
        "end_of_stream": eos,
    })))
}
