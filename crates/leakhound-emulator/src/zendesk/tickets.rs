//! Tickets: list (cursor and offset paging), show, show_many, and update (adding a comment).

use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::Json;
use serde_json::{json, Value};

use crate::db::{Order, ZdTicketSort};
use crate::model::{NewZdComment, ZdTicket, ZdTicketUpdate};
use crate::state::AppState;

use super::error::{ZdError, ZdResult};
use super::paging::{base_url, cursor_page, merge, offset_links, Direction, Params};
use super::{
    db_err, enforced, id_segment, ids_param, json_body, params, rate_limited, render,
    DEEP_OFFSET_PAGES_PER_MINUTE, TICKET_UPDATES_PER_10_MINUTES,
};

/// Zendesk refuses offset paging past the first 10,000 records of a list.
const OFFSET_RECORD_LIMIT: u64 = 10_000;

type QueryResult = Result<Query<Vec<(String, String)>>, axum::extract::rejection::QueryRejection>;

/// Sort of a ticket listing: cursor paging takes `sort=updated_at` / `-updated_at` (a leading
/// `-` for descending), offset paging `sort_by` and `sort_order`. Default: id ascending.
fn sort_of(p: &Params, cursor: bool) -> ZdResult<(ZdTicketSort, Order)> {
    let (name, order) = if cursor {
        match p.get("sort") {
            Some(s) => match s.strip_prefix('-') {
                Some(rest) => (rest, Order::Desc),
                None => (s, Order::Asc),
            },
            None => ("id", Order::Asc),
        }
    } else {
        let order = match p.get("sort_order") {
            None | Some("asc") => Order::Asc,
            Some("desc") => Order::Desc,
            Some(other) => {
                return Err(ZdError::bad_request(
                    "InvalidParameter",
                    format!("sort_order must be asc or desc, not {other:?}"),
                ))
            }
        };
        (p.get("sort_by").unwrap_or("id"), order)
    };
    let sort = match name {
        "id" => ZdTicketSort::Id,
        "updated_at" => ZdTicketSort::UpdatedAt,
        "created_at" => ZdTicketSort::CreatedAt,
        other => {
            return Err(ZdError::bad_request(
                "InvalidParameter",
                format!("cannot sort tickets by {other:?}"),
            ))
        }
    };
    Ok((sort, order))
}

fn cursor_tag(sort: ZdTicketSort, order: Order) -> String {
    format!("tickets:{sort:?}:{order:?}")
}

fn reverse(order: Order) -> Order {
    match order {
        Order::Asc => Order::Desc,
        Order::Desc => Order::Asc,
    }
}

/// `GET /api/v2/tickets.json`: cursor pagination when any `page[...]` parameter is present
/// (what zenpy sends: `page[size]=100`), offset pagination otherwise. Deleted tickets are not
/// listed.
pub async fn list(
    State(state): State<AppState>,
    headers: HeaderMap,
    query: QueryResult,
) -> ZdResult<Json<Value>> {
    let p = params(query)?;
    let base = base_url(&headers, &state.base_url);
    let path = "/api/v2/tickets.json";
    if p.is_cursor() {
        let (sort, order) = sort_of(&p, true)?;
        let tag = cursor_tag(sort, order);
        let req = p.cursor_request(&tag)?;
        let fetch = req.size + 1;
        let items = match req.direction {
            Direction::Forward => state
                .db
                .zd_listed_tickets_after(sort, order, req.from, fetch)
                .map_err(db_err)?,
            Direction::Backward => {
                let mut v = state
                    .db
                    .zd_listed_tickets_after(sort, reverse(order), req.from, fetch)
                    .map_err(db_err)?;
                v.reverse();
                v
            }
        };
        let extra: Vec<(&str, String)> = p
            .get("sort")
            .map(|s| ("sort", s.to_string()))
            .into_iter()
            .collect();
        let (items, mut page) = cursor_page(
            items,
            &req,
            |t: &ZdTicket| crate::db::Cursor {
                key: sort.key_of(t),
                id: t.id,
            },
            &tag,
            &base,
            path,
            &extra,
        );
        let tickets: Vec<Value> = items.iter().map(|t| render::ticket(t, &base)).collect();
        merge(&mut page, json!({"tickets": tickets}));
        return Ok(Json(page));
    }
    let (sort, order) = sort_of(&p, false)?;
    let (page_no, per_page) = p.offset_request()?;
    let offset = (page_no - 1).saturating_mul(per_page);
    if offset >= OFFSET_RECORD_LIMIT {
        return Err(ZdError::bad_request(
            "InvalidPaginationParameter",
            format!(
                "Offset pagination is limited to the first {OFFSET_RECORD_LIMIT} records. \
                 Use cursor pagination (page[size]) instead."
            ),
        ));
    }
    if page_no > 500 {
        // Zendesk throttles List Tickets beyond page 500 to 50 requests a minute.
        let cfg = state.faults.config();
        let d = state.limiter.check(
            "zendesk-tickets-deep-offset",
            enforced(&cfg, DEEP_OFFSET_PAGES_PER_MINUTE),
            Duration::from_secs(60),
        );
        if !d.allowed {
            return Err(rate_limited(
                &cfg,
                d,
                "Number of allowed List Tickets requests beyond page 500 per minute exceeded",
            ));
        }
    }
    let count = state.db.zd_listed_ticket_count().map_err(db_err)?;
    let items = state
        .db
        .zd_listed_tickets_offset(sort, order, offset, per_page)
        .map_err(db_err)?;
    let mut extra: Vec<(&str, String)> = Vec::new();
    if let Some(s) = p.get("sort_by") {
        extra.push(("sort_by", s.to_string()));
    }
    if let Some(s) = p.get("sort_order") {
        extra.push(("sort_order", s.to_string()));
    }
    let mut page = offset_links(&base, path, page_no, per_page, count, &extra);
    let tickets: Vec<Value> = items.iter().map(|t| render::ticket(t, &base)).collect();
    merge(&mut page, json!({"tickets": tickets}));
    Ok(Json(page))
}

/// A ticket that exists and is not deleted (Zendesk answers 404 for deleted tickets).
fn live_ticket(state: &AppState, id: i64) -> ZdResult<ZdTicket> {
    match state.db.zd_ticket(id).map_err(db_err)? {
        Some(t) if t.status != "deleted" => Ok(t),
        _ => Err(ZdError::not_found()),
    }
}

/// `GET /api/v2/tickets/{id}.json`.
pub async fn show(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ZdResult<Json<Value>> {
    let ticket = live_ticket(&state, id_segment(&id)?)?;
    let base = base_url(&headers, &state.base_url);
    Ok(Json(json!({"ticket": render::ticket(&ticket, &base)})))
}

/// `GET /api/v2/tickets/show_many.json?ids=1,2,3` (≤ 100 ids; unknown and deleted ids are
/// left out, as Zendesk does).
pub async fn show_many(
    State(state): State<AppState>,
    headers: HeaderMap,
    query: QueryResult,
) -> ZdResult<Json<Value>> {
    let p = params(query)?;
    let ids = ids_param(&p)?;
    let base = base_url(&headers, &state.base_url);
    let tickets: Vec<Value> = state
        .db
        .zd_tickets_by_ids(&ids)
        .map_err(db_err)?
        .iter()
        .filter(|t| t.status != "deleted")
        .map(|t| render::ticket(t, &base))
        .collect();
    let count = tickets.len();
    Ok(Json(json!({
        "tickets": tickets,
        "next_page": null,
        "previous_page": null,
        "count": count
    })))
}

const STATUSES: [&str; 6] = ["new", "open", "pending", "hold", "solved", "closed"];
const PRIORITIES: [&str; 4] = ["low", "normal", "high", "urgent"];

/// A string member, `None` when absent or null; any other type is a 422.
fn opt_str(obj: &serde_json::Map<String, Value>, key: &str) -> ZdResult<Option<String>> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(ZdError::record_invalid(
            "InvalidValue",
            format!("{key} must be a string"),
        )),
    }
}

/// An integer member (Zendesk also accepts numeric strings for ids).
fn opt_id(obj: &serde_json::Map<String, Value>, key: &str) -> ZdResult<Option<i64>> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) if n.as_i64().is_some() => Ok(n.as_i64()),
        Some(Value::String(s)) if s.trim().parse::<i64>().is_ok() => Ok(s.trim().parse().ok()),
        Some(_) => Err(ZdError::record_invalid(
            "InvalidValue",
            format!("{key} must be an integer"),
        )),
    }
}

/// Reads the `ticket` object of an update into the store's update, validating it as Zendesk
/// would (unknown members are ignored, as Zendesk ignores fields it does not model here).
fn parse_update(state: &AppState, body: &Value) -> ZdResult<ZdTicketUpdate> {
    let Some(ticket) = body.get("ticket").and_then(Value::as_object) else {
        return Err(ZdError::bad_request(
            "InvalidParameter",
            "The request body must be a JSON object with a \"ticket\" object",
        ));
    };
    let mut update = ZdTicketUpdate {
        subject: opt_str(ticket, "subject")?,
        status: opt_str(ticket, "status")?,
        priority: opt_str(ticket, "priority")?,
        assignee_id: opt_id(ticket, "assignee_id")?,
        ..Default::default()
    };
    if let Some(status) = &update.status {
        if !STATUSES.contains(&status.as_str()) {
            return Err(ZdError::record_invalid(
                "InvalidValue",
                format!("Status: {status} is not a valid status"),
            ));
        }
    }
    if let Some(priority) = &update.priority {
        if !PRIORITIES.contains(&priority.as_str()) {
            return Err(ZdError::record_invalid(
                "InvalidValue",
                format!("Priority: {priority} is not a valid priority"),
            ));
        }
    }
    if let Some(assignee) = update.assignee_id {
        let ok = state
            .db
            .zd_user(assignee)
            .map_err(db_err)?
            .is_some_and(|u| u.role != "end-user");
        if !ok {
            return Err(ZdError::record_invalid(
                "InvalidValue",
                "Assignee: is not an agent of this account",
            ));
        }
    }
    match ticket.get("tags") {
        None | Some(Value::Null) => {}
        Some(Value::Array(tags)) => {
            let mut out = Vec::with_capacity(tags.len());
            for t in tags {
                match t.as_str() {
                    // Zendesk tags are lower-case words; spaces separate tags.
                    Some(s) => out.extend(s.split_whitespace().map(str::to_lowercase)),
                    None => {
                        return Err(ZdError::record_invalid(
                            "InvalidValue",
                            "tags must be strings",
                        ))
                    }
                }
            }
            update.tags = Some(out);
        }
        Some(_) => {
            return Err(ZdError::record_invalid(
                "InvalidValue",
                "tags must be an array",
            ))
        }
    }
    match ticket.get("comment") {
        None | Some(Value::Null) => {}
        Some(Value::Object(c)) => {
            let body = opt_str(c, "body")?;
            let html_body = opt_str(c, "html_body")?;
            let blank = |s: &Option<String>| s.as_deref().is_none_or(|s| s.trim().is_empty());
            if blank(&body) && blank(&html_body) {
                return Err(ZdError::record_invalid(
                    "BlankValue",
                    "Comment: body can't be blank",
                ));
            }
            let public = match c.get("public") {
                None | Some(Value::Null) => true,
                Some(Value::Bool(b)) => *b,
                Some(_) => {
                    return Err(ZdError::record_invalid(
                        "InvalidValue",
                        "Comment: public must be a boolean",
                    ))
                }
            };
            let author_id = match opt_id(c, "author_id")? {
                Some(a) => {
                    if state.db.zd_user(a).map_err(db_err)?.is_none() {
                        return Err(ZdError::record_invalid(
                            "InvalidValue",
                            "Comment: author is not a user of this account",
                        ));
                    }
                    Some(a)
                }
                // Zendesk attributes the comment to the authenticated user.
                None => authenticated_user_id(state)?,
            };
            update.comment = Some(NewZdComment {
                author_id,
                body: body.filter(|s| !s.trim().is_empty()),
                html_body: html_body.filter(|s| !s.trim().is_empty()),
                public,
                via_channel: Some("api".into()),
                attachments: Vec::new(),
            });
        }
        Some(_) => {
            return Err(ZdError::record_invalid(
                "InvalidValue",
                "comment must be an object",
            ))
        }
    }
    Ok(update)
}

/// The user behind the request's credentials: the agent with the configured e-mail (both
/// token and OAuth credentials belong to that agent). `None` lets the store pick a default.
pub(crate) fn authenticated_user_id(state: &AppState) -> ZdResult<Option<i64>> {
    Ok(state
        .db
        .zd_user_by_email(&state.auth.zendesk_email)
        .map_err(db_err)?
        .map(|u| u.id))
}

/// `PUT /api/v2/tickets/{id}.json` with `{"ticket": {...}}`: field updates and/or a new
/// (public or private) comment. Answers `{"ticket": ..., "audit": ...}`.
///
/// Closed tickets cannot be updated (422), deleted ones do not exist (404), and one ticket
/// accepts at most 30 updates per 10 minutes when rate limits are enforced (429).
pub async fn update(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> ZdResult<Json<Value>> {
    let id = id_segment(&id)?;
    let ticket = live_ticket(&state, id)?;
    let body = json_body(&body)?;
    let update = parse_update(&state, &body)?;
    if ticket.status == "closed" {
        return Err(ZdError::record_invalid(
            "ClosedTicket",
            "Status: closed prevents ticket update",
        ));
    }
    let cfg = state.faults.config();
    let d = state.limiter.check(
        &format!("zendesk-ticket-update:{id}"),
        enforced(&cfg, TICKET_UPDATES_PER_10_MINUTES),
        Duration::from_secs(600),
    );
    if !d.allowed {
        return Err(rate_limited(
            &cfg,
            d,
            "Number of allowed updates to this ticket per 10 minutes exceeded",
        ));
    }
    let Some((ticket, audit)) = state.db.zd_update_ticket(id, &update).map_err(db_err)? else {
        return Err(ZdError::not_found());
    };
    let base = base_url(&headers, &state.base_url);
    Ok(Json(json!({
        "ticket": render::ticket(&ticket, &base),
        "audit": render::audit(&audit, &base)
    })))
}
