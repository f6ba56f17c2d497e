//! `/_admin` routes of both emulators: call counters, fault knobs, ground truth, and adding or
//! editing tickets while the emulator runs (so incremental scans have something to find).
//! Not authenticated (the emulators listen on loopback only), not counted, never faulted.
//!
//! | Route | What |
//! |---|---|
//! | `GET /_admin/calls`, `DELETE /_admin/calls` | per-endpoint call counts / reset |
//! | `GET /_admin/faults`, `PATCH` or `PUT /_admin/faults` | fault knobs (partial JSON merged) |
//! | `GET /_admin/ground-truth[?helpdesk=hubspot\|zendesk\|all]` | JSONL of known spans (default: this emulator's) |
//! | `GET /_admin/ground-truth/tickets/{id}` | spans of one ticket of this emulator (JSON array) |
//! | `POST /_admin/tickets` | add a ticket: explicit text, or generated text with ground truth |
//! | `PATCH /_admin/tickets/{id}` | edit ticket fields (bumps `updated_at`) |
//! | `DELETE /_admin/tickets/{id}` | Zendesk: mark deleted; HubSpot: archive |
//! | `POST /_admin/tickets/{id}/comments` | Zendesk: add a comment; HubSpot: add a note |
//! | `PATCH /_admin/comments/{id}` | Zendesk: replace a comment's text |
//!
//! Bodies are JSON; omitted text fields are generated from the seed (stream
//! [`synth::STREAM_ADMIN`]), with their sensitive spans added to the ground truth.

use std::collections::BTreeMap;

use axum::body::{Body, Bytes};
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, patch, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::db::DbError;
use crate::model::{Field, Helpdesk, NewHsTicket, NewZdComment, NewZdTicket, ZdTicketUpdate};
use crate::state::AppState;
use crate::synth;

/// The admin routes of one emulator.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route(
            "/_admin/health",
            get(|| async { Json(json!({"status": "ok"})) }),
        )
        .route("/_admin/calls", get(get_calls).delete(reset_calls))
        .route(
            "/_admin/faults",
            get(get_faults).put(patch_faults).patch(patch_faults),
        )
        .route("/_admin/ground-truth", get(export_ground_truth))
        .route(
            "/_admin/ground-truth/tickets/{id}",
            get(ticket_ground_truth),
        )
        .route("/_admin/tickets", post(create_ticket))
        .route(
            "/_admin/tickets/{id}",
            patch(update_ticket).delete(delete_ticket),
        )
        .route("/_admin/tickets/{id}/comments", post(add_comment))
        .route("/_admin/comments/{id}", patch(edit_comment))
        .with_state(state)
}

/// An admin error: `{"error": "..."}` with a status.
struct AdminError(StatusCode, String);

impl IntoResponse for AdminError {
    fn into_response(self) -> Response {
        (self.0, Json(json!({"error": self.1}))).into_response()
    }
}

impl From<DbError> for AdminError {
    fn from(e: DbError) -> Self {
        match e {
            DbError::Invalid(m) => AdminError(StatusCode::BAD_REQUEST, m),
            other => AdminError(StatusCode::INTERNAL_SERVER_ERROR, other.to_string()),
        }
    }
}

type AdminResult = Result<Response, AdminError>;

fn bad_request(message: impl Into<String>) -> AdminError {
    AdminError(StatusCode::BAD_REQUEST, message.into())
}

fn not_found(message: impl Into<String>) -> AdminError {
    AdminError(StatusCode::NOT_FOUND, message.into())
}

/// Parses a JSON body into `T`; an empty body is `{}`.
fn parse_body<T: serde::de::DeserializeOwned>(body: &Bytes) -> Result<T, AdminError> {
    let text: &[u8] = if body.iter().all(u8::is_ascii_whitespace) {
        b"{}"
    } else {
        body
    };
    serde_json::from_slice(text).map_err(|e| bad_request(format!("invalid JSON body: {e}")))
}

async fn get_calls(State(state): State<AppState>) -> Response {
    Json(state.calls.snapshot()).into_response()
}

async fn reset_calls(State(state): State<AppState>) -> Response {
    state.calls.reset();
    StatusCode::NO_CONTENT.into_response()
}

async fn get_faults(State(state): State<AppState>) -> Response {
    Json(state.faults.config()).into_response()
}

/// Merges a partial configuration; also forgets counted requests so new limits start fresh.
async fn patch_faults(State(state): State<AppState>, body: Bytes) -> AdminResult {
    let patch: Value = parse_body(&body)?;
    let config = state.faults.patch(&patch).map_err(bad_request)?;
    state.limiter.reset();
    Ok(Json(config).into_response())
}

#[derive(Deserialize)]
struct GroundTruthQuery {
    helpdesk: Option<String>,
}

/// Streams the ground truth as JSONL, page by page, so exporting millions of spans needs
/// neither much memory nor the store's lock for long.
async fn export_ground_truth(
    State(state): State<AppState>,
    Query(query): Query<GroundTruthQuery>,
) -> AdminResult {
    let helpdesk = match query.helpdesk.as_deref() {
        None => Some(state.helpdesk),
        Some("all") => None,
        Some("hubspot") => Some(Helpdesk::Hubspot),
        Some("zendesk") => Some(Helpdesk::Zendesk),
        Some(other) => return Err(bad_request(format!("unknown helpdesk {other}"))),
    };
    let db = state.db.clone();
    let pages = futures_util::stream::unfold(Some(0i64), move |cursor| {
        let db = db.clone();
        async move {
            let after = cursor?;
            let page =
                tokio::task::spawn_blocking(move || db.ground_truth_page(helpdesk, after, 5_000))
                    .await
                    .map_err(|e| std::io::Error::other(e.to_string()))
                    .and_then(|r| r.map_err(|e| std::io::Error::other(e.to_string())));
            match page {
                Err(e) => Some((Err(e), None)),
                Ok(rows) if rows.is_empty() => None,
                Ok(rows) => {
                    let next = rows.last().map(|(id, _)| *id);
                    let mut chunk = Vec::with_capacity(rows.len() * 160);
                    for (_, span) in &rows {
                        if let Err(e) = serde_json::to_writer(&mut chunk, span) {
                            return Some((Err(std::io::Error::other(e)), None));
                        }
                        chunk.push(b'\n');
                    }
                    Some((Ok(Bytes::from(chunk)), next))
                }
            }
        }
    });
    Ok((
        [(header::CONTENT_TYPE, "application/x-ndjson")],
        Body::from_stream(pages),
    )
        .into_response())
}

async fn ticket_ground_truth(State(state): State<AppState>, Path(id): Path<i64>) -> AdminResult {
    Ok(Json(state.db.ground_truth_of_ticket(state.helpdesk, id)?).into_response())
}

/// Body of `POST /_admin/tickets`. Text fields left out are generated.
#[derive(Deserialize, Default)]
struct NewTicketBody {
    subject: Option<String>,
    /// Zendesk: first comment (plain). HubSpot: `content`.
    body: Option<String>,
    content: Option<String>,
    html_body: Option<String>,
    public: Option<bool>,
    requester_id: Option<i64>,
    assignee_id: Option<i64>,
    owner_id: Option<i64>,
    status: Option<String>,
    priority: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
}

async fn create_ticket(State(state): State<AppState>, body: Bytes) -> AdminResult {
    let request: NewTicketBody = parse_body(&body)?;
    let number = match state.helpdesk {
        Helpdesk::Zendesk => state.db.zd_ticket_count()?,
        Helpdesk::Hubspot => state.db.hs_ticket_count(false)? + state.db.hs_ticket_count(true)?,
    } + 1;
    let (generated_subject, generated_body, _) = synth::admin_ticket_text(state.seed, number);
    let (subject, subject_spans) = match request.subject {
        Some(s) => (s, None),
        None => (generated_subject.text.clone(), Some(generated_subject)),
    };
    let explicit_body = request.body.or(request.content);
    let (text, text_spans) = match (explicit_body, &request.html_body) {
        (Some(b), _) => (Some(b), None),
        (None, Some(_)) => (None, None),
        (None, None) => (Some(generated_body.text.clone()), Some(generated_body)),
    };
    match state.helpdesk {
        Helpdesk::Zendesk => {
            let (ticket, audit) = state.db.zd_create_ticket(&NewZdTicket {
                subject,
                comment: NewZdComment {
                    author_id: request.requester_id,
                    body: text,
                    html_body: request.html_body,
                    public: request.public.unwrap_or(true),
                    via_channel: Some("api".into()),
                    attachments: Vec::new(),
                },
                requester_id: request.requester_id,
                assignee_id: request.assignee_id,
                status: request.status,
                priority: request.priority,
                tags: request.tags,
            })?;
            let mut truth = Vec::new();
            if let Some(s) = &subject_spans {
                truth.extend(synth::ground_truth(
                    Helpdesk::Zendesk,
                    ticket.id,
                    Field::Subject,
                    None,
                    s,
                ));
            }
            if let (Some(b), Some(c)) = (&text_spans, &audit.comment) {
                truth.extend(synth::ground_truth(
                    Helpdesk::Zendesk,
                    ticket.id,
                    Field::Comment,
                    Some(c.id),
                    b,
                ));
            }
            state.db.add_ground_truth(&truth)?;
            Ok((
                StatusCode::CREATED,
                Json(json!({"ticket": ticket, "comment": audit.comment, "ground_truth": truth})),
            )
                .into_response())
        }
        Helpdesk::Hubspot => {
            if let Some(owner) = request.owner_id {
                if state.db.hs_owner(owner)?.is_none() {
                    return Err(bad_request(format!("owner {owner} does not exist")));
                }
            }
            let ticket = state.db.hs_create_ticket(&NewHsTicket {
                subject,
                content: text.unwrap_or_default(),
                owner_id: request.owner_id,
                priority: request.priority,
            })?;
            let mut truth = Vec::new();
            if let Some(s) = &subject_spans {
                truth.extend(synth::ground_truth(
                    Helpdesk::Hubspot,
                    ticket.id,
                    Field::Subject,
                    None,
                    s,
                ));
            }
            if let Some(b) = &text_spans {
                truth.extend(synth::ground_truth(
                    Helpdesk::Hubspot,
                    ticket.id,
                    Field::Content,
                    None,
                    b,
                ));
            }
            state.db.add_ground_truth(&truth)?;
            Ok((
                StatusCode::CREATED,
                Json(json!({"ticket": ticket, "ground_truth": truth})),
            )
                .into_response())
        }
    }
}

/// Body of `PATCH /_admin/tickets/{id}`.
#[derive(Deserialize, Default)]
struct TicketPatch {
    subject: Option<String>,
    status: Option<String>,
    priority: Option<String>,
    assignee_id: Option<i64>,
    tags: Option<Vec<String>>,
    /// HubSpot: `content`.
    content: Option<String>,
    /// HubSpot: any properties (strings or null).
    #[serde(default)]
    properties: BTreeMap<String, Option<String>>,
}

async fn update_ticket(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    body: Bytes,
) -> AdminResult {
    let request: TicketPatch = parse_body(&body)?;
    match state.helpdesk {
        Helpdesk::Zendesk => {
            let update = ZdTicketUpdate {
                subject: request.subject,
                status: request.status,
                priority: request.priority,
                assignee_id: request.assignee_id,
                tags: request.tags,
                comment: None,
            };
            let (ticket, audit) = state
                .db
                .zd_update_ticket(id, &update)?
                .ok_or_else(|| not_found(format!("no Zendesk ticket {id}")))?;
            Ok(Json(json!({"ticket": ticket, "audit": audit})).into_response())
        }
        Helpdesk::Hubspot => {
            let mut properties = request.properties;
            if let Some(s) = request.subject {
                properties.insert("subject".into(), Some(s));
            }
            if let Some(c) = request.content {
                properties.insert("content".into(), Some(c));
            }
            if let Some(p) = request.priority {
                properties.insert("hs_ticket_priority".into(), Some(p));
            }
            if let Some(s) = request.status {
                properties.insert("hs_pipeline_stage".into(), Some(s));
            }
            let ticket = state
                .db
                .hs_update_ticket(id, &properties)?
                .ok_or_else(|| not_found(format!("no HubSpot ticket {id}")))?;
            Ok(Json(json!({"ticket": ticket})).into_response())
        }
    }
}

async fn delete_ticket(State(state): State<AppState>, Path(id): Path<i64>) -> AdminResult {
    let found = match state.helpdesk {
        Helpdesk::Zendesk => state.db.zd_delete_ticket(id)?,
        Helpdesk::Hubspot => state.db.hs_set_archived(id, true)?,
    };
    if !found {
        return Err(not_found(format!(
            "no {} ticket {id}",
            state.helpdesk.as_str()
        )));
    }
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// Body of `POST /_admin/tickets/{id}/comments`. Without `body`/`html_body`, generated text.
#[derive(Deserialize, Default)]
struct CommentBody {
    body: Option<String>,
    html_body: Option<String>,
    public: Option<bool>,
    author_id: Option<i64>,
}

async fn add_comment(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    body: Bytes,
) -> AdminResult {
    let request: CommentBody = parse_body(&body)?;
    // Deterministic for a given sequence of admin calls: ticket id and position in the thread.
    let position = match state.helpdesk {
        Helpdesk::Zendesk => state.db.zd_comment_count(id)?,
        Helpdesk::Hubspot => state.db.hs_note_ids_of_ticket(id)?.len() as u64,
    };
    let number = (id as u64).wrapping_mul(1_000).wrapping_add(position);
    let (generated, generated_public) = synth::admin_comment_text(state.seed, number);
    let explicit = request.body.is_some() || request.html_body.is_some();
    match state.helpdesk {
        Helpdesk::Zendesk => {
            let comment = NewZdComment {
                author_id: request.author_id,
                body: if explicit {
                    request.body
                } else {
                    Some(generated.text.clone())
                },
                html_body: request.html_body,
                public: request
                    .public
                    .unwrap_or(if explicit { true } else { generated_public }),
                via_channel: Some("api".into()),
                attachments: Vec::new(),
            };
            let (ticket, audit) = state
                .db
                .zd_update_ticket(
                    id,
                    &ZdTicketUpdate {
                        comment: Some(comment),
                        ..Default::default()
                    },
                )?
                .ok_or_else(|| not_found(format!("no Zendesk ticket {id}")))?;
            let mut truth = Vec::new();
            if let (false, Some(c)) = (explicit, &audit.comment) {
                truth = synth::ground_truth(
                    Helpdesk::Zendesk,
                    id,
                    Field::Comment,
                    Some(c.id),
                    &generated,
                );
                state.db.add_ground_truth(&truth)?;
            }
            Ok((
                StatusCode::CREATED,
                Json(json!({"ticket": ticket, "comment": audit.comment, "ground_truth": truth})),
            )
                .into_response())
        }
        Helpdesk::Hubspot => {
            if state.db.hs_ticket(id)?.is_none() {
                return Err(not_found(format!("no HubSpot ticket {id}")));
            }
            let (html, rendered) = match request.html_body.or(request.body) {
                Some(text) => (text, None),
                None => {
                    let html = synth::to_note_html(&generated);
                    (html.text.clone(), Some(html))
                }
            };
            let note = state
                .db
                .hs_create_note(&html, crate::time::now_millis(), None, &[id])?;
            let mut truth = Vec::new();
            if let Some(r) = rendered {
                truth = synth::ground_truth(Helpdesk::Hubspot, id, Field::Note, Some(note.id), &r);
                state.db.add_ground_truth(&truth)?;
            }
            Ok((
                StatusCode::CREATED,
                Json(json!({"note": note, "ground_truth": truth})),
            )
                .into_response())
        }
    }
}

/// Body of `PATCH /_admin/comments/{id}`.
#[derive(Deserialize)]
struct CommentEdit {
    body: Option<String>,
    html_body: Option<String>,
}

async fn edit_comment(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    body: Bytes,
) -> AdminResult {
    if state.helpdesk != Helpdesk::Zendesk {
        return Err(not_found(
            "HubSpot has no comments; edit the ticket or add a note",
        ));
    }
    let request: CommentEdit = parse_body(&body)?;
    let (plain, html) = match (request.body, request.html_body) {
        (Some(b), Some(h)) => (b, h),
        (Some(b), None) => {
            let h = crate::html::plain_to_zendesk_html(&b);
            (b, h)
        }
        (None, Some(h)) => (crate::html::html_to_plain(&h), h),
        (None, None) => return Err(bad_request("body or html_body is required")),
    };
    let comment = state
        .db
        .zd_replace_comment_bodies(id, &plain, &html)?
        .ok_or_else(|| not_found(format!("no Zendesk comment {id}")))?;
    Ok(Json(json!({"comment": comment})).into_response())
}
