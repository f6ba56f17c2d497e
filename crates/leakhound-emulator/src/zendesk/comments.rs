//! Ticket comments, their redaction (both endpoints), attachments and attachment downloads.

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use crate::db::{Cursor, Order};
use crate::model::{ZdAttachment, ZdComment, ZdTicket};
use crate::state::AppState;

use super::error::{ZdError, ZdResult};
use super::paging::{base_url, cursor_page, enc, merge, offset_links, Direction, Params};
use super::redact::{apply_redact_tags, redacted_plain, text_occurs, TagError};
use super::{db_err, id_segment, json_body, params, render};

type QueryResult = Result<Query<Vec<(String, String)>>, axum::extract::rejection::QueryRejection>;

fn ticket_or_404(state: &AppState, id: i64) -> ZdResult<ZdTicket> {
    match state.db.zd_ticket(id).map_err(db_err)? {
        Some(t) if t.status != "deleted" => Ok(t),
        _ => Err(ZdError::not_found()),
    }
}

/// A comment of the given ticket (a comment of another ticket is "not found", as in Zendesk).
fn comment_of(state: &AppState, ticket_id: i64, comment_id: i64) -> ZdResult<ZdComment> {
    match state.db.zd_comment(comment_id).map_err(db_err)? {
        Some(c) if c.ticket_id == ticket_id => Ok(c),
        _ => Err(ZdError::not_found()),
    }
}

/// Side-loaded `users` (authors) when the request has `include=users`.
fn sideload_users(
    state: &AppState,
    p: &Params,
    ids: Vec<i64>,
    base: &str,
) -> ZdResult<Option<Value>> {
    let wanted = p
        .get("include")
        .is_some_and(|inc| inc.split(',').any(|i| i.trim() == "users"));
    if !wanted {
        return Ok(None);
    }
    let mut ids = ids;
    ids.sort_unstable();
    ids.dedup();
    let users = state.db.zd_users_by_ids(&ids).map_err(db_err)?;
    Ok(Some(Value::Array(
        users.iter().map(|u| render::user(u, base)).collect(),
    )))
}

/// `GET /api/v2/tickets/{id}/comments.json`: oldest first (`sort_order=desc` for newest
/// first), cursor pagination with `page[size]` ≤ 100 or offset pagination with `per_page`
/// ≤ 100. The first comment is the ticket's description; private comments are included
/// (the caller is an agent).
pub async fn list(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    query: QueryResult,
) -> ZdResult<Json<Value>> {
    let p = params(query)?;
    let ticket = ticket_or_404(&state, id_segment(&id)?)?;
    let base = base_url(&headers, &state.base_url);
    let path = format!("/api/v2/tickets/{}/comments.json", ticket.id);
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
    let mut extra: Vec<(&str, String)> = Vec::new();
    for key in ["sort_order", "include", "include_inline_images"] {
        if let Some(v) = p.get(key) {
            extra.push((key, v.to_string()));
        }
    }
    let (comments, mut page) = if p.is_cursor() {
        let tag = format!("comments:{}:{order:?}", ticket.id);
        let req = p.cursor_request(&tag)?;
        let fetch = req.size + 1;
        let from = req.from.map(|c| c.id);
        let items = match req.direction {
            Direction::Forward => state
                .db
                .zd_comments_after(ticket.id, order, from, fetch)
                .map_err(db_err)?,
            Direction::Backward => {
                let back = match order {
                    Order::Asc => Order::Desc,
                    Order::Desc => Order::Asc,
                };
                let mut v = state
                    .db
                    .zd_comments_after(ticket.id, back, from, fetch)
                    .map_err(db_err)?;
                v.reverse();
                v
            }
        };
        cursor_page(
            items,
            &req,
            |c: &ZdComment| Cursor {
                key: c.id,
                id: c.id,
            },
            &tag,
            &base,
            &path,
            &extra,
        )
    } else {
        let (page_no, per_page) = p.offset_request()?;
        let offset = (page_no - 1).saturating_mul(per_page);
        let count = state.db.zd_comment_count(ticket.id).map_err(db_err)?;
        let items = state
            .db
            .zd_comments_offset(ticket.id, order, offset, per_page)
            .map_err(db_err)?;
        (
            items,
            offset_links(&base, &path, page_no, per_page, count, &extra),
        )
    };
    let rendered: Vec<Value> = comments.iter().map(|c| render::comment(c, &base)).collect();
    merge(&mut page, json!({"comments": rendered}));
    if let Some(users) = sideload_users(
        &state,
        &p,
        comments.iter().map(|c| c.author_id).collect(),
        &base,
    )? {
        merge(&mut page, json!({"users": users}));
    }
    Ok(Json(page))
}

/// `PUT /api/v2/tickets/{ticket_id}/comments/{comment_id}/redact.json` with
/// `{"text": "..."}`: the older redaction. Every occurrence of the text in the comment becomes
/// `▇`s. Zendesk refuses it on closed tickets and when the text is not in the comment.
pub async fn redact_text(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((ticket_id, comment_id)): Path<(String, String)>,
    body: Bytes,
) -> ZdResult<Json<Value>> {
    let ticket = ticket_or_404(&state, id_segment(&ticket_id)?)?;
    let comment = comment_of(&state, ticket.id, id_segment(&comment_id)?)?;
    let body = json_body(&body)?;
    let text = match body.get("text") {
        Some(Value::String(s)) if !s.is_empty() => s.clone(),
        _ => {
            return Err(ZdError::record_invalid(
                "BlankValue",
                "text: the string to redact is required",
            ))
        }
    };
    if ticket.status == "closed" {
        return Err(ZdError::record_invalid(
            "ClosedTicket",
            "Comments of closed tickets cannot be redacted with this endpoint; use comment_redactions",
        ));
    }
    if !text_occurs(&comment.body, &comment.html_body, &text) {
        return Err(ZdError::record_invalid(
            "TextNotFound",
            "The text to redact was not found in the comment",
        ));
    }
    let Some((comment, _)) = state
        .db
        .zd_redact_comment_text(comment.id, &text)
        .map_err(db_err)?
    else {
        return Err(ZdError::not_found());
    };
    let base = base_url(&headers, &state.base_url);
    Ok(Json(json!({"comment": render::comment(&comment, &base)})))
}

/// Whether `url` designates attachment `a`: the same path and query as its `content_url`, on
/// any host (clients may have rewritten the host, as zenpy's netloc override does).
fn is_url_of(url: &str, a: &ZdAttachment) -> bool {
    let strip = |u: &str| -> String {
        let rest = u.split_once("://").map_or(u, |(_, r)| r);
        rest.find('/')
            .map_or(String::new(), |i| rest[i..].to_string())
    };
    strip(url) == strip(&render::content_url(a, "http://x"))
}

/// `PUT /api/v2/comment_redactions/{comment_id}.json` with `{"ticket_id": …, "html_body": …,
/// "external_attachment_urls": […]}`: the newer redaction (Agent Workspace). `html_body` is the
/// comment's current HTML with the sensitive parts wrapped in `<redact>` tags; listed
/// attachments are redacted too. Works on closed tickets. Answers `{"comment": …}`.
pub async fn comment_redaction(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(comment_id): Path<String>,
    body: Bytes,
) -> ZdResult<Json<Value>> {
    let comment_id = id_segment(&comment_id)?;
    let body = json_body(&body)?;
    let Some(ticket_id) = body.get("ticket_id").and_then(|v| {
        v.as_i64()
            .or_else(|| v.as_str().and_then(|s| s.trim().parse().ok()))
    }) else {
        return Err(ZdError::record_invalid(
            "BlankValue",
            "ticket_id is required",
        ));
    };
    let ticket = ticket_or_404(&state, ticket_id)?;
    let comment = comment_of(&state, ticket.id, comment_id)?;
    let html = match body.get("html_body") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(_) => {
            return Err(ZdError::record_invalid(
                "InvalidValue",
                "html_body must be a string",
            ))
        }
    };
    let urls: Vec<String> = match body.get("external_attachment_urls") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(a)) => {
            let mut urls = Vec::with_capacity(a.len());
            for u in a {
                match u.as_str() {
                    Some(s) => urls.push(s.to_string()),
                    None => {
                        return Err(ZdError::record_invalid(
                            "InvalidValue",
                            "external_attachment_urls must be strings",
                        ))
                    }
                }
            }
            urls
        }
        Some(_) => {
            return Err(ZdError::record_invalid(
                "InvalidValue",
                "external_attachment_urls must be an array",
            ))
        }
    };
    if html.is_none() && urls.is_empty() {
        return Err(ZdError::record_invalid(
            "BlankValue",
            "html_body or external_attachment_urls is required",
        ));
    }
    // Validate everything before changing anything: a redaction is all or nothing.
    let mut attachments = Vec::with_capacity(urls.len());
    for u in &urls {
        match comment.attachments.iter().find(|a| is_url_of(u, a)) {
            Some(a) => attachments.push(a.id),
            None => {
                return Err(ZdError::record_invalid(
                    "InvalidValue",
                    format!("{u} is not an attachment of comment {}", comment.id),
                ))
            }
        }
    }
    let new_bodies = match &html {
        None => None,
        Some(tagged) => match apply_redact_tags(&comment.html_body, tagged) {
            Ok((new_html, parts)) => {
                let new_body = redacted_plain(&comment.body, &comment.html_body, &new_html, &parts);
                Some((new_body, new_html))
            }
            Err(TagError::NothingToRedact) if !attachments.is_empty() => None,
            Err(e) => {
                let why = match e {
                    TagError::NothingToRedact => "html_body contains no <redact> tags",
                    TagError::Unbalanced => "html_body has unbalanced or nested <redact> tags",
                    TagError::Mismatch => {
                        "html_body without its <redact> tags must be the comment's current html_body"
                    }
                };
                return Err(ZdError::record_invalid("InvalidValue", why));
            }
        },
    };
    for id in attachments {
        state.db.zd_redact_attachment(id).map_err(db_err)?;
    }
    let updated = match new_bodies {
        Some((b, h)) => state
            .db
            .zd_replace_comment_bodies(comment.id, &b, &h)
            .map_err(db_err)?,
        None => state.db.zd_comment(comment.id).map_err(db_err)?,
    };
    let Some(updated) = updated else {
        return Err(ZdError::not_found());
    };
    let base = base_url(&headers, &state.base_url);
    Ok(Json(json!({"comment": render::comment(&updated, &base)})))
}

/// `PUT /api/v2/tickets/{ticket_id}/comments/{comment_id}/attachments/{attachment_id}/redact.json`:
/// the attachment becomes an empty `redacted.txt`. Answers `{"attachment": …}`.
pub async fn redact_attachment(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((ticket_id, comment_id, attachment_id)): Path<(String, String, String)>,
) -> ZdResult<Json<Value>> {
    let ticket = ticket_or_404(&state, id_segment(&ticket_id)?)?;
    let comment = comment_of(&state, ticket.id, id_segment(&comment_id)?)?;
    let attachment_id = id_segment(&attachment_id)?;
    if !comment.attachments.iter().any(|a| a.id == attachment_id) {
        return Err(ZdError::not_found());
    }
    let Some(attachment) = state
        .db
        .zd_redact_attachment(attachment_id)
        .map_err(db_err)?
    else {
        return Err(ZdError::not_found());
    };
    let base = base_url(&headers, &state.base_url);
    Ok(Json(
        json!({"attachment": render::attachment(&attachment, &base)}),
    ))
}

/// `GET /api/v2/attachments/{id}.json` (zenpy's `attachments(id=…)` and `download`).
pub async fn show_attachment(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ZdResult<Json<Value>> {
    let Some(a) = state.db.zd_attachment(id_segment(&id)?).map_err(db_err)? else {
        return Err(ZdError::not_found());
    };
    let base = base_url(&headers, &state.base_url);
    Ok(Json(json!({"attachment": render::attachment(&a, &base)})))
}

/// `GET /attachments/token/{token}/?name=…`: the `content_url` of an attachment. Like Zendesk
/// (with "require authentication to download" on), it needs the API credentials and redirects
/// (302) to a signed URL on which the bytes are served without credentials.
pub async fn download(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(token): Path<String>,
) -> ZdResult<Response> {
    let Some((a, _)) = state.db.zd_attachment_by_token(&token).map_err(db_err)? else {
        return Err(ZdError::not_found());
    };
    let base = base_url(&headers, &state.base_url);
    let location = format!(
        "{base}/zdusercontent/attachments/{}?name={}",
        enc(&a.token),
        enc(&a.file_name)
    );
    let mut resp = StatusCode::FOUND.into_response();
    if let Ok(v) = HeaderValue::from_str(&location) {
        resp.headers_mut().insert(header::LOCATION, v);
    }
    Ok(resp)
}

/// `GET /zdusercontent/attachments/{token}`: the attachment's bytes (empty once redacted).
pub async fn download_signed(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> ZdResult<Response> {
    let Some((a, bytes)) = state.db.zd_attachment_by_token(&token).map_err(db_err)? else {
        return Err(ZdError::not_found());
    };
    let mut resp = bytes.into_response();
    let headers = resp.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&a.content_type) {
        headers.insert(header::CONTENT_TYPE, v);
    }
    // File names are generated or client-supplied; keep the header value printable ASCII.
    let safe: String = a
        .file_name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{safe}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(resp)
}
