//! HubSpot CRM v3 emulator: tickets (list, get, search, batch read, update, archive), notes
//! with ticket associations (v3 create-with-associations, v4 default association, v4
//! association listing, batch read), and owners. Shapes follow the public API reference and
//! the models of the official Python client (`hubspot-api-client` 12), which validates required
//! fields (`id`, `properties`, `createdAt`, `updatedAt`).

pub mod error;

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{from_fn_with_state, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use serde_json::{json, Map, Value};

use crate::db::{HsFilter, HsOperator, HsSearch};
use crate::model::{HsNote, HsOwner, HsTicket};
use crate::state::AppState;
use crate::time::{iso_millis, now_millis, parse_timestamp};
use error::ApiError;

/// Properties returned by list, get and batch read when the client names none.
pub const DEFAULT_PROPERTIES: &[&str] = &[
    "content",
    "createdate",
    "hs_lastmodifieddate",
    "hs_object_id",
    "hs_pipeline",
    "hs_pipeline_stage",
    "hs_ticket_category",
    "hs_ticket_priority",
    "subject",
];
/// Properties always returned alongside the requested ones.
const ALWAYS_PROPERTIES: &[&str] = &["createdate", "hs_lastmodifieddate", "hs_object_id"];
/// Ticket properties the emulator models (read as null when unset).
const KNOWN_PROPERTIES: &[&str] = &[
    "content",
    "createdate",
    "hs_lastmodifieddate",
    "hs_object_id",
    "hs_pipeline",
    "hs_pipeline_stage",
    "hs_ticket_category",
    "hs_ticket_priority",
    "hubspot_owner_id",
    "subject",
];
const READ_ONLY_PROPERTIES: &[&str] = &["hs_object_id", "createdate", "hs_lastmodifieddate"];
/// Search can page through at most this many results.
pub const SEARCH_CAP: u64 = 10_000;
/// Default association type ids (HUBSPOT_DEFINED).
pub const NOTE_TO_TICKET: i64 = 228;
/// Ticket → note.
pub const TICKET_TO_NOTE: i64 = 227;

type ApiResult = Result<Response, ApiError>;

/// The HubSpot API routes, behind bearer-token auth and rate limiting.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/crm/v3/objects/tickets", get(list_tickets))
        .route("/crm/v3/objects/tickets/search", post(search_tickets))
        .route(
            "/crm/v3/objects/tickets/batch/read",
            post(batch_read_tickets),
        )
        .route(
            "/crm/v3/objects/tickets/{ticket_id}",
            get(get_ticket).patch(update_ticket).delete(archive_ticket),
        )
        .route("/crm/v3/objects/notes", post(create_note))
        .route("/crm/v3/objects/notes/batch/read", post(batch_read_notes))
        .route("/crm/v3/objects/notes/{note_id}", get(get_note))
        .route(
            "/crm/v4/objects/notes/{note_id}/associations/default/tickets/{ticket_id}",
            put(associate_note_default),
        )
        .route(
            "/crm/v4/objects/{from_type}/{from_id}/associations/{to_type}",
            get(list_associations),
        )
        .route("/crm/v3/owners", get(list_owners))
        // The Python client lists owners at `/crm/v3/owners/` (trailing slash).
        .route("/crm/v3/owners/", get(list_owners))
        .route("/crm/v3/owners/{owner_id}", get(get_owner))
        .layer(from_fn_with_state(state.clone(), auth_and_rate_limit))
        .with_state(state)
}

// ---------------------------------------------------------------------------------------------
// Auth and rate limits
// ---------------------------------------------------------------------------------------------

/// Checks `Authorization: Bearer <token>`, then the rate limits; adds the rate-limit headers
/// HubSpot sends (except on search, whose responses carry none).
async fn auth_and_rate_limit(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let authorized = request
        .headers()
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .is_some_and(|token| token.trim() == state.auth.hubspot_token);
    if !authorized {
        return ApiError::new(
            StatusCode::UNAUTHORIZED,
            "INVALID_AUTHENTICATION",
            "Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview",
        )
        .into_response();
    }
    let is_search = request.uri().path().ends_with("/search");
    let config = state.faults.config();
    let path = request.uri().path();
    if let Some(prefix) = config
        .missing_scopes
        .iter()
        .find(|prefix| path.starts_with(prefix.as_str()))
    {
        // Owners have their own scope; tickets, notes and their associations need `tickets`.
        let scope = if prefix.contains("owners") {
            "crm.objects.owners.read"
        } else {
            "tickets"
        };
        return ApiError::new(
            StatusCode::FORBIDDEN,
            "MISSING_SCOPES",
            "This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.",
        )
        .with_error(json!({
            "message": "One or more of the following scopes are required.",
            "context": {"requiredGranularScopes": [scope]},
        }))
        .into_response();
    }
    let limits = &config.rate_limit;
    let retry_after = |secs: u64| -> Option<String> {
        if config.omit_retry_after {
            None
        } else {
            Some(
                config
                    .retry_after
                    .clone()
                    .unwrap_or_else(|| secs.to_string()),
            )
        }
    };
    if is_search {
        if limits.enabled {
            let d = state.limiter.check(
                "search",
                limits.special_requests_per_window,
                Duration::from_millis(limits.special_window_ms),
            );
            if !d.allowed {
                return rate_limited(
                    "SECONDLY",
                    "secondly",
                    retry_after(d.retry_after_secs()),
                    None,
                );
            }
        }
        return next.run(request).await;
    }
    let window = Duration::from_millis(limits.window_ms);
    let per_second = (u64::from(limits.requests_per_window) * 1000)
        .div_ceil(limits.window_ms.max(1))
        .clamp(1, u64::from(u32::MAX)) as u32;
    let (max, remaining) = if limits.enabled {
        let d = state
            .limiter
            .check("api", limits.requests_per_window, window);
        let headers = rate_headers(
            &state,
            limits,
            limits.requests_per_window,
            d.remaining,
            per_second,
        );
        if !d.allowed {
            return rate_limited(
                "TEN_SECONDLY_ROLLING",
                "ten_secondly_rolling",
                retry_after(d.retry_after_secs()),
                Some(headers),
            );
        }
        (limits.requests_per_window, d.remaining)
    } else {
        (
            limits.requests_per_window,
            limits.requests_per_window.saturating_sub(1),
        )
    };
    let headers = rate_headers(&state, limits, max, remaining, per_second);
    let mut response = next.run(request).await;
    response.headers_mut().extend(headers);
    response
}

fn rate_headers(
    state: &AppState,
    limits: &crate::faults::RateLimitConfig,
    max: u32,
    remaining: u32,
    per_second: u32,
) -> HeaderMap {
    let mut headers = HeaderMap::new();
    let used_today = state.calls.total();
    let mut put = |name: &'static str, value: String| {
        if let Ok(v) = HeaderValue::from_str(&value) {
            headers.insert(name, v);
        }
    };
    put("x-hubspot-ratelimit-daily", limits.daily.to_string());
    put(
        "x-hubspot-ratelimit-daily-remaining",
        limits.daily.saturating_sub(used_today).to_string(),
    );
    put(
        "x-hubspot-ratelimit-interval-milliseconds",
        limits.window_ms.to_string(),
    );
    put("x-hubspot-ratelimit-max", max.to_string());
    put("x-hubspot-ratelimit-remaining", remaining.to_string());
    put("x-hubspot-ratelimit-secondly", per_second.to_string());
    put(
        "x-hubspot-ratelimit-secondly-remaining",
        (u64::from(per_second) * u64::from(remaining) / u64::from(max.max(1))).to_string(),
    );
    headers
}

/// A 429 as HubSpot sends it.
fn rate_limited(
    policy: &str,
    policy_lower: &str,
    retry_after: Option<String>,
    headers: Option<HeaderMap>,
) -> Response {
    let body = json!({
        "status": "error",
        "message": format!("You have reached your {policy_lower} limit."),
        "errorType": "RATE_LIMIT",
        "correlationId": uuid::Uuid::new_v4().to_string(),
        "policyName": policy,
        "groupName": "leakhound-emulator",
    });
    let mut response = (StatusCode::TOO_MANY_REQUESTS, Json(body)).into_response();
    if let Some(h) = headers {
        response.headers_mut().extend(h);
    }
    if let Some(value) = retry_after.and_then(|v| HeaderValue::from_str(&v).ok()) {
        response
            .headers_mut()
            .insert(axum::http::header::RETRY_AFTER, value);
    }
    response
}

// ---------------------------------------------------------------------------------------------
// Request parsing helpers
// ---------------------------------------------------------------------------------------------

/// Query pairs in order; repeated keys kept (the Python client sends `properties=a&properties=b`).
fn query_pairs(raw: &Option<String>) -> Vec<(String, String)> {
    raw.as_deref()
        .map(|q| {
            form_urlencoded::parse(q.as_bytes())
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect()
        })
        .unwrap_or_default()
}

fn query_one<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

/// All values of a list parameter, whether repeated or comma-separated.
fn query_list(pairs: &[(String, String)], key: &str) -> Vec<String> {
    pairs
        .iter()
        .filter(|(k, _)| k == key)
        .flat_map(|(_, v)| v.split(','))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

fn parse_limit(raw: Option<&str>, default: u64, max: u64) -> Result<u64, ApiError> {
    match raw {
        None | Some("") => Ok(default),
        Some(v) => {
            let n: u64 = v
                .parse()
                .map_err(|_| ApiError::validation(format!("limit: {v} is not a valid integer")))?;
            if n == 0 || n > max {
                return Err(ApiError::validation(format!(
                    "limit must be between 1 and {max}, got {n}"
                )));
            }
            Ok(n)
        }
    }
}

fn parse_bool(raw: Option<&str>) -> Result<bool, ApiError> {
    match raw {
        None | Some("") | Some("false") => Ok(false),
        Some("true") => Ok(true),
        Some(v) => Err(ApiError::validation(format!("{v} is not a valid boolean"))),
    }
}

fn parse_json(body: &Bytes) -> Result<Value, ApiError> {
    serde_json::from_slice(body).map_err(|e| {
        ApiError::validation(format!(
            "Invalid input JSON on line {}, column {}: {e}",
            e.line(),
            e.column()
        ))
    })
}

fn parse_id(raw: &str, what: &str) -> Result<i64, ApiError> {
    raw.trim()
        .parse()
        .map_err(|_| ApiError::not_found(format!("{what} {raw} does not exist")))
}

/// Property names from a JSON array (`"properties": ["a","b"]`).
fn json_string_list(value: Option<&Value>) -> Result<Vec<String>, ApiError> {
    match value {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| {
                v.as_str()
                    .map(str::to_string)
                    .ok_or_else(|| ApiError::validation("expected a list of strings"))
            })
            .collect(),
        Some(_) => Err(ApiError::validation("expected a list of strings")),
    }
}

// ---------------------------------------------------------------------------------------------
// Rendering
// ---------------------------------------------------------------------------------------------

/// Which properties to render: the requested ones plus the always-present ones, or the
/// defaults when none were requested.
fn selected_properties(requested: &[String], defaults: &[&str]) -> Vec<String> {
    if requested.is_empty() {
        return defaults.iter().map(|s| s.to_string()).collect();
    }
    let mut set: BTreeSet<String> = requested.iter().cloned().collect();
    set.extend(ALWAYS_PROPERTIES.iter().map(|s| s.to_string()));
    set.into_iter().collect()
}

fn ticket_json(ticket: &HsTicket, properties: &[String], note_ids: Option<&[i64]>) -> Value {
    let mut props = Map::new();
    for name in properties {
        let value = ticket.property(name);
        if value.is_some() || KNOWN_PROPERTIES.contains(&name.as_str()) {
            props.insert(name.clone(), value.map_or(Value::Null, Value::String));
        }
    }
    let mut object = json!({
        "id": ticket.id.to_string(),
        "properties": props,
        "createdAt": iso_millis(ticket.created_at),
        "updatedAt": iso_millis(ticket.updated_at),
        "archived": ticket.archived,
    });
    if ticket.archived {
        object["archivedAt"] = Value::String(iso_millis(ticket.updated_at));
    }
    if let Some(ids) = note_ids {
        if !ids.is_empty() {
            let results: Vec<Value> = ids
                .iter()
                .map(|id| json!({"id": id.to_string(), "type": "ticket_to_note"}))
                .collect();
            object["associations"] = json!({"notes": {"results": results}});
        }
    }
    object
}

/// Adds `propertiesWithHistory` for the requested names. The emulator keeps no property
/// history, so each property's history is its current value, stamped with the last
/// modification (enough for clients that read the newest entry).
fn add_history(object: &mut Value, ticket: &HsTicket, names: &[String]) {
    if names.is_empty() {
        return;
    }
    let mut history = Map::new();
    for name in names {
        if let Some(value) = ticket.property(name) {
            history.insert(
                name.clone(),
                json!([{"value": value, "timestamp": iso_millis(ticket.updated_at), "sourceType": "API"}]),
            );
        }
    }
    object["propertiesWithHistory"] = Value::Object(history);
}

fn note_json(note: &HsNote, properties: &[String]) -> Value {
    let mut all = BTreeMap::new();
    all.insert("hs_note_body", Some(note.body.clone()));
    all.insert("hs_timestamp", Some(iso_millis(note.timestamp)));
    all.insert("hubspot_owner_id", note.owner_id.map(|o| o.to_string()));
    all.insert("hs_object_id", Some(note.id.to_string()));
    all.insert("hs_createdate", Some(iso_millis(note.created_at)));
    all.insert("hs_lastmodifieddate", Some(iso_millis(note.updated_at)));
    let mut props = Map::new();
    for (name, value) in all {
        let wanted = properties.is_empty()
            || properties.iter().any(|p| p == name)
            || matches!(
                name,
                "hs_object_id" | "hs_createdate" | "hs_lastmodifieddate"
            );
        if wanted {
            props.insert(name.to_string(), value.map_or(Value::Null, Value::String));
        }
    }
    json!({
        "id": note.id.to_string(),
        "properties": props,
        "createdAt": iso_millis(note.created_at),
        "updatedAt": iso_millis(note.updated_at),
        "archived": false,
    })
}

fn owner_json(owner: &HsOwner) -> Value {
    json!({
        "id": owner.id.to_string(),
        "email": owner.email,
        "type": "PERSON",
        "firstName": owner.first_name,
        "lastName": owner.last_name,
        "userId": owner.user_id,
        "userIdIncludingInactive": owner.user_id,
        "createdAt": iso_millis(owner.created_at),
        "updatedAt": iso_millis(owner.updated_at),
        "archived": false,
        "teams": [],
    })
}

fn note_ids_for(
    state: &AppState,
    tickets: &[HsTicket],
    wanted: bool,
) -> Result<Vec<Option<Vec<i64>>>, ApiError> {
    tickets
        .iter()
        .map(|t| {
            if wanted {
                Ok(Some(state.db.hs_note_ids_of_ticket(t.id)?))
            } else {
                Ok(None)
            }
        })
        .collect()
}

fn wants_notes(pairs: &[(String, String)]) -> bool {
    query_list(pairs, "associations")
        .iter()
        .any(|a| a == "notes" || a == "note" || a == "0-46")
}

// ---------------------------------------------------------------------------------------------
// Tickets
// ---------------------------------------------------------------------------------------------

async fn list_tickets(State(state): State<AppState>, RawQuery(raw): RawQuery) -> ApiResult {
    let pairs = query_pairs(&raw);
    let limit = parse_limit(query_one(&pairs, "limit"), 10, 100)?;
    let archived = parse_bool(query_one(&pairs, "archived"))?;
    let after = match query_one(&pairs, "after") {
        None | Some("") => None,
        Some(a) => Some(a.parse::<i64>().map_err(|_| {
            ApiError::validation(format!("after: {a} is not a valid paging cursor"))
        })?),
    };
    let properties = selected_properties(&query_list(&pairs, "properties"), DEFAULT_PROPERTIES);
    // `after` is the id to start from (inclusive), as in HubSpot's `paging.next.after`.
    let mut page =
        state
            .db
            .hs_tickets_after(after.map(|a| a.saturating_sub(1)), limit + 1, archived)?;
    let has_more = page.len() as u64 > limit;
    page.truncate(limit as usize);
    let notes = note_ids_for(&state, &page, wants_notes(&pairs))?;
    let history = query_list(&pairs, "propertiesWithHistory");
    let results: Vec<Value> = page
        .iter()
        .zip(&notes)
        .map(|(t, n)| {
            let mut object = ticket_json(t, &properties, n.as_deref());
            add_history(&mut object, t, &history);
            object
        })
        .collect();
    let mut body = json!({ "results": results });
    if has_more {
        if let Some(last) = page.last() {
            let next = last.id.saturating_add(1).to_string();
            let mut link = format!(
                "{}/crm/v3/objects/tickets?after={next}&limit={limit}",
                state.base_url
            );
            if archived {
                link.push_str("&archived=true");
            }
            body["paging"] = json!({"next": {"after": next, "link": link}});
        }
    }
    Ok(Json(body).into_response())
}

async fn get_ticket(
    State(state): State<AppState>,
    Path(ticket_id): Path<String>,
    RawQuery(raw): RawQuery,
) -> ApiResult {
    let pairs = query_pairs(&raw);
    let archived = parse_bool(query_one(&pairs, "archived"))?;
    let id = parse_id(&ticket_id, "Ticket")?;
    let ticket = state
        .db
        .hs_ticket(id)?
        .filter(|t| t.archived == archived)
        .ok_or_else(|| {
            ApiError::not_found(format!(
                "Object not found.  objectId are usually numeric. ({ticket_id})"
            ))
        })?;
    let properties = selected_properties(&query_list(&pairs, "properties"), DEFAULT_PROPERTIES);
    let notes = if wants_notes(&pairs) {
        Some(state.db.hs_note_ids_of_ticket(id)?)
    } else {
        None
    };
    let mut object = ticket_json(&ticket, &properties, notes.as_deref());
    add_history(
        &mut object,
        &ticket,
        &query_list(&pairs, "propertiesWithHistory"),
    );
    Ok(Json(object).into_response())
}

/// Property names are identifiers (`hs_lastmodifieddate`); anything else cannot exist.
fn check_property_name(name: &str) -> Result<&str, ApiError> {
    if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        Ok(name)
    } else {
        Err(ApiError::validation(format!(
            "Property \"{name}\" does not exist"
        )))
    }
}

/// Parses one search filter object.
fn parse_filter(value: &Value) -> Result<HsFilter, ApiError> {
    let property = value
        .get("propertyName")
        .and_then(Value::as_str)
        .ok_or_else(|| ApiError::validation("each filter needs a propertyName"))?;
    let property = check_property_name(property)?;
    let operator_name = value
        .get("operator")
        .and_then(Value::as_str)
        .unwrap_or("EQ");
    let operator = HsOperator::parse(operator_name).ok_or_else(|| {
        ApiError::validation(format!(
            "Unknown operator {operator_name} in filter on {property}"
        ))
    })?;
    let scalar = |v: Option<&Value>| -> Option<String> {
        match v? {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    };
    let values = match value.get("values") {
        Some(Value::Array(items)) => items.iter().filter_map(|v| scalar(Some(v))).collect(),
        _ => Vec::new(),
    };
    Ok(HsFilter {
        property: property.to_string(),
        operator,
        value: scalar(value.get("value")),
        high_value: scalar(value.get("highValue")),
        values,
    })
}

async fn search_tickets(State(state): State<AppState>, body: Bytes) -> ApiResult {
    let request = parse_json(&body)?;
    if !request.is_object() {
        return Err(ApiError::validation(
            "the search request must be a JSON object",
        ));
    }
    let mut filter_groups = Vec::new();
    let mut total_filters = 0;
    if let Some(groups) = request.get("filterGroups").filter(|g| !g.is_null()) {
        let groups = groups
            .as_array()
            .ok_or_else(|| ApiError::validation("filterGroups must be a list"))?;
        if groups.len() > 5 {
            return Err(ApiError::validation(format!(
                "Too many filter groups ({}); the maximum is 5",
                groups.len()
            )));
        }
        for group in groups {
            let filters = match group.get("filters") {
                Some(Value::Array(f)) => f,
                None | Some(Value::Null) => &Vec::new(),
                Some(_) => return Err(ApiError::validation("filters must be a list")),
            };
            if filters.len() > 6 {
                return Err(ApiError::validation(format!(
                    "Too many filters in a group ({}); the maximum is 6",
                    filters.len()
                )));
            }
            total_filters += filters.len();
            filter_groups.push(
                filters
                    .iter()
                    .map(parse_filter)
                    .collect::<Result<Vec<_>, _>>()?,
            );
        }
    }
    if total_filters > 18 {
        return Err(ApiError::validation(format!(
            "Too many filters ({total_filters}); the maximum is 18"
        )));
    }
    let mut sorts = Vec::new();
    if let Some(list) = request.get("sorts").and_then(Value::as_array) {
        for sort in list {
            match sort {
                Value::String(s) => match s.strip_prefix('-') {
                    Some(name) => sorts.push((check_property_name(name)?.to_string(), false)),
                    None => sorts.push((check_property_name(s)?.to_string(), true)),
                },
                Value::Object(o) => {
                    let name = o
                        .get("propertyName")
                        .and_then(Value::as_str)
                        .ok_or_else(|| ApiError::validation("each sort needs a propertyName"))?;
                    let name = check_property_name(name)?;
                    let direction = o
                        .get("direction")
                        .and_then(Value::as_str)
                        .unwrap_or("ASCENDING");
                    let ascending = match direction {
                        "ASCENDING" => true,
                        "DESCENDING" => false,
                        other => {
                            return Err(ApiError::validation(format!(
                                "Unknown sort direction {other}"
                            )))
                        }
                    };
                    sorts.push((name.to_string(), ascending));
                }
                _ => return Err(ApiError::validation("sorts must be strings or objects")),
            }
        }
    }
    let limit = match request.get("limit") {
        None | Some(Value::Null) => 10,
        Some(v) => {
            let n = v
                .as_u64()
                .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
                .ok_or_else(|| ApiError::validation("limit must be an integer"))?;
            if n == 0 || n > 200 {
                return Err(ApiError::validation(format!(
                    "limit must be between 1 and 200, got {n}"
                )));
            }
            n
        }
    };
    let offset = match request.get("after") {
        None | Some(Value::Null) => 0,
        Some(Value::String(s)) if s.is_empty() => 0,
        Some(v) => v
            .as_u64()
            .or_else(|| v.as_str().and_then(|s| s.trim().parse().ok()))
            .ok_or_else(|| ApiError::validation("after must be a numeric offset"))?,
    };
    if offset >= SEARCH_CAP {
        return Err(ApiError::validation(format!(
            "Search results are limited to {SEARCH_CAP} objects: after={offset} is past the limit. Narrow the search (e.g. filter on hs_lastmodifieddate) instead of paging further."
        ))
        .with_error(json!({"message": "after must be less than 10000", "code": "INVALID_PAGING"})));
    }
    let mut requested = json_string_list(request.get("properties"))?;
    if let Some(query) = request
        .get("query")
        .and_then(Value::as_str)
        .filter(|q| !q.is_empty())
    {
        // Free-text query: match subject or content (OR), as a filter group per field.
        let token = |p: &str| HsFilter {
            property: p.into(),
            operator: HsOperator::ContainsToken,
            value: Some(query.to_string()),
            high_value: None,
            values: Vec::new(),
        };
        let base = if filter_groups.is_empty() {
            vec![Vec::new()]
        } else {
            filter_groups
        };
        filter_groups = base
            .into_iter()
            .flat_map(|g| {
                let mut a = g.clone();
                a.push(token("subject"));
                let mut b = g;
                b.push(token("content"));
                [a, b]
            })
            .collect();
    }
    let lag = state.faults.config().search_lag_ms;
    let search = HsSearch {
        filter_groups,
        sorts,
        offset,
        limit: limit.min(SEARCH_CAP - offset),
        visible_until: (lag > 0).then(|| now_millis() - lag as i64),
    };
    let (total, page) = state.db.hs_search(&search)?;
    if requested.is_empty() {
        requested = Vec::new();
    }
    let properties = selected_properties(&requested, ALWAYS_PROPERTIES);
    let results: Vec<Value> = page
        .iter()
        .map(|t| ticket_json(t, &properties, None))
        .collect();
    let next = offset + page.len() as u64;
    let mut body = json!({ "total": total, "results": results });
    if next < total && !page.is_empty() {
        body["paging"] = json!({"next": {"after": next.to_string()}});
    }
    Ok(Json(body).into_response())
}

/// Ids of a batch-read body's `inputs` (`[{"id":"1"}]`), at most 100.
fn batch_inputs(request: &Value) -> Result<Vec<String>, ApiError> {
    let inputs = request
        .get("inputs")
        .and_then(Value::as_array)
        .ok_or_else(|| ApiError::validation("inputs is required"))?;
    if inputs.len() > 100 {
        return Err(ApiError::validation(format!(
            "Too many inputs ({}); a batch holds at most 100",
            inputs.len()
        )));
    }
    inputs
        .iter()
        .map(|i| match i.get("id") {
            Some(Value::String(s)) => Ok(s.clone()),
            Some(Value::Number(n)) => Ok(n.to_string()),
            _ => Err(ApiError::validation("each input needs an id")),
        })
        .collect()
}

/// The 200/207 batch answer with `errors` for missing ids.
fn batch_response(results: Vec<Value>, missing: Vec<String>, started: i64, kind: &str) -> Response {
    let mut body = json!({
        "status": "COMPLETE",
        "results": results,
        "startedAt": iso_millis(started),
        "completedAt": iso_millis(now_millis()),
    });
    if missing.is_empty() {
        return Json(body).into_response();
    }
    body["numErrors"] = json!(1);
    body["errors"] = json!([{
        "status": "error",
        "category": "OBJECT_NOT_FOUND",
        "message": format!("Could not get some {kind} objects, they may be deleted or not exist. Check that ids are valid."),
        "context": {"ids": missing},
        "errors": [],
        "links": {},
    }]);
    (StatusCode::MULTI_STATUS, Json(body)).into_response()
}

async fn batch_read_tickets(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
    body: Bytes,
) -> ApiResult {
    let started = now_millis();
    let pairs = query_pairs(&raw);
    let archived = parse_bool(query_one(&pairs, "archived"))?;
    let request = parse_json(&body)?;
    if let Some(id_property) = request.get("idProperty").and_then(Value::as_str) {
        if id_property != "hs_object_id" {
            return Err(ApiError::validation(format!(
                "idProperty {id_property} is not a unique property of tickets"
            )));
        }
    }
    let ids = batch_inputs(&request)?;
    let numeric: Vec<i64> = ids.iter().filter_map(|i| i.trim().parse().ok()).collect();
    let found: BTreeMap<i64, HsTicket> = state
        .db
        .hs_tickets_by_ids(&numeric)?
        .into_iter()
        .filter(|t| t.archived == archived)
        .map(|t| (t.id, t))
        .collect();
    let properties = selected_properties(
        &json_string_list(request.get("properties"))?,
        DEFAULT_PROPERTIES,
    );
    let history = json_string_list(request.get("propertiesWithHistory"))?;
    let mut results = Vec::new();
    let mut missing = Vec::new();
    let mut seen = BTreeSet::new();
    for raw_id in &ids {
        match raw_id
            .trim()
            .parse::<i64>()
            .ok()
            .and_then(|id| found.get(&id))
        {
            Some(t) => {
                if seen.insert(t.id) {
                    let mut object = ticket_json(t, &properties, None);
                    add_history(&mut object, t, &history);
                    results.push(object);
                }
            }
            None => missing.push(raw_id.clone()),
        }
    }
    Ok(batch_response(results, missing, started, "TICKET"))
}

async fn update_ticket(
    State(state): State<AppState>,
    Path(ticket_id): Path<String>,
    body: Bytes,
) -> ApiResult {
    let id = parse_id(&ticket_id, "Ticket")?;
    let request = parse_json(&body)?;
    let properties = request
        .get("properties")
        .and_then(Value::as_object)
        .ok_or_else(|| ApiError::validation("properties is required and must be an object"))?;
    let mut changes = BTreeMap::new();
    let mut invalid = Vec::new();
    for (name, value) in properties {
        if READ_ONLY_PROPERTIES.contains(&name.as_str()) {
            invalid.push(json!({"isValid": false, "message": format!("{name} is a read only property; its value cannot be set."), "error": "READ_ONLY_VALUE", "name": name}));
            continue;
        }
        let valid_name = name.chars().next().is_some_and(|c| c.is_ascii_lowercase())
            && name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !valid_name {
            invalid.push(json!({"isValid": false, "message": format!("Property \"{name}\" does not exist"), "error": "PROPERTY_DOESNT_EXIST", "name": name}));
            continue;
        }
        let text = match value {
            Value::Null => None,
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            _ => {
                invalid.push(json!({"isValid": false, "message": format!("{name} must be a string, number or boolean"), "error": "INVALID_PROPERTY_VALUE", "name": name}));
                continue;
            }
        };
        if name == "hubspot_owner_id" {
            if let Some(owner) = text.as_deref().filter(|o| !o.is_empty()) {
                let exists = match owner.parse::<i64>() {
                    Ok(o) => state.db.hs_owner(o)?.is_some(),
                    Err(_) => false,
                };
                if !exists {
                    invalid.push(json!({"isValid": false, "message": format!("{owner} is not a valid owner id"), "error": "INVALID_OWNER_ID", "name": name}));
                    continue;
                }
            }
        }
        changes.insert(name.clone(), text);
    }
    if !invalid.is_empty() {
        let mut error = ApiError::validation(format!(
            "Property values were not valid: {}",
            Value::Array(invalid.clone())
        ));
        error.errors = invalid;
        return Err(error);
    }
    let existing = state.db.hs_ticket(id)?.filter(|t| !t.archived);
    if existing.is_none() {
        return Err(ApiError::not_found(format!(
            "Object not found.  objectId are usually numeric. ({ticket_id})"
        )));
    }
    let ticket = state
        .db
        .hs_update_ticket(id, &changes)?
        .ok_or_else(|| ApiError::not_found(format!("Ticket {ticket_id} does not exist")))?;
    let mut shown: Vec<String> = DEFAULT_PROPERTIES.iter().map(|s| s.to_string()).collect();
    shown.extend(changes.keys().cloned());
    shown.sort();
    shown.dedup();
    Ok(Json(ticket_json(&ticket, &shown, None)).into_response())
}

async fn archive_ticket(State(state): State<AppState>, Path(ticket_id): Path<String>) -> ApiResult {
    let id = parse_id(&ticket_id, "Ticket")?;
    // Archiving an unknown or archived ticket is a no-op 204 in HubSpot too.
    if state.db.hs_ticket(id)?.is_some_and(|t| !t.archived) {
        state.db.hs_set_archived(id, true)?;
    }
    Ok(StatusCode::NO_CONTENT.into_response())
}

// ---------------------------------------------------------------------------------------------
// Notes and associations
// ---------------------------------------------------------------------------------------------

async fn create_note(State(state): State<AppState>, body: Bytes) -> ApiResult {
    let request = parse_json(&body)?;
    let props = request
        .get("properties")
        .and_then(Value::as_object)
        .ok_or_else(|| ApiError::validation("properties is required and must be an object"))?;
    let text = |name: &str| -> Option<String> {
        match props.get(name)? {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        }
    };
    let timestamp_raw = text("hs_timestamp").ok_or_else(|| {
        ApiError::validation("Property values were not valid: hs_timestamp is required")
            .with_error(json!({"isValid": false, "message": "hs_timestamp is required", "error": "REQUIRED_PROPERTY", "name": "hs_timestamp"}))
    })?;
    let timestamp = parse_timestamp(&timestamp_raw).ok_or_else(|| {
        ApiError::validation(format!(
            "Property values were not valid: {timestamp_raw} is not a valid hs_timestamp (ISO-8601 or epoch milliseconds)"
        ))
    })?;
    let body_html = text("hs_note_body").unwrap_or_default();
    if body_html.chars().count() > 65_536 {
        return Err(ApiError::validation(
            "Property values were not valid: hs_note_body is longer than 65536 characters",
        ));
    }
    let owner_id = match text("hubspot_owner_id").filter(|o| !o.is_empty()) {
        None => None,
        Some(o) => {
            let id = o
                .parse::<i64>()
                .ok()
                .filter(|id| matches!(state.db.hs_owner(*id), Ok(Some(_))));
            Some(id.ok_or_else(|| {
                ApiError::validation(format!(
                    "Property values were not valid: {o} is not a valid owner id"
                ))
            })?)
        }
    };
    let mut ticket_ids = Vec::new();
    if let Some(associations) = request.get("associations").filter(|a| !a.is_null()) {
        let associations = associations
            .as_array()
            .ok_or_else(|| ApiError::validation("associations must be a list"))?;
        for association in associations {
            let to = association
                .get("to")
                .and_then(|t| t.get("id"))
                .and_then(|id| match id {
                    Value::String(s) => s.parse::<i64>().ok(),
                    Value::Number(n) => n.as_i64(),
                    _ => None,
                })
                .ok_or_else(|| ApiError::validation("each association needs to.id"))?;
            let types = association
                .get("types")
                .and_then(Value::as_array)
                .filter(|t| !t.is_empty())
                .ok_or_else(|| ApiError::validation("each association needs types"))?;
            for t in types {
                let category = t
                    .get("associationCategory")
                    .and_then(Value::as_str)
                    .unwrap_or("");
                let type_id = t
                    .get("associationTypeId")
                    .and_then(Value::as_i64)
                    .unwrap_or(-1);
                if category != "HUBSPOT_DEFINED" || type_id != NOTE_TO_TICKET {
                    return Err(ApiError::validation(format!(
                        "association type {category}/{type_id} is not valid between notes and tickets (HUBSPOT_DEFINED/{NOTE_TO_TICKET} is)"
                    )));
                }
            }
            if state.db.hs_ticket(to)?.is_none() {
                return Err(ApiError::validation(format!(
                    "One or more associations are invalid: ticket {to} does not exist"
                )));
            }
            ticket_ids.push(to);
        }
    }
    let note = state
        .db
        .hs_create_note(&body_html, timestamp, owner_id, &ticket_ids)?;
    Ok((StatusCode::CREATED, Json(note_json(&note, &[]))).into_response())
}

async fn get_note(
    State(state): State<AppState>,
    Path(note_id): Path<String>,
    RawQuery(raw): RawQuery,
) -> ApiResult {
    let pairs = query_pairs(&raw);
    let id = parse_id(&note_id, "Note")?;
    let note = state.db.hs_notes_by_ids(&[id])?.pop().ok_or_else(|| {
        ApiError::not_found(format!(
            "Object not found.  objectId are usually numeric. ({note_id})"
        ))
    })?;
    let properties = query_list(&pairs, "properties");
    let mut body = note_json(&note, &properties);
    if query_list(&pairs, "associations")
        .iter()
        .any(|a| a == "tickets" || a == "ticket")
        && !note.ticket_ids.is_empty()
    {
        let results: Vec<Value> = note
            .ticket_ids
            .iter()
            .map(|t| json!({"id": t.to_string(), "type": "note_to_ticket"}))
            .collect();
        body["associations"] = json!({"tickets": {"results": results}});
    }
    Ok(Json(body).into_response())
}

async fn batch_read_notes(State(state): State<AppState>, body: Bytes) -> ApiResult {
    let started = now_millis();
    let request = parse_json(&body)?;
    let ids = batch_inputs(&request)?;
    let numeric: Vec<i64> = ids.iter().filter_map(|i| i.trim().parse().ok()).collect();
    let found: BTreeMap<i64, HsNote> = state
        .db
        .hs_notes_by_ids(&numeric)?
        .into_iter()
        .map(|n| (n.id, n))
        .collect();
    let properties = json_string_list(request.get("properties"))?;
    let mut results = Vec::new();
    let mut missing = Vec::new();
    for raw_id in &ids {
        match raw_id
            .trim()
            .parse::<i64>()
            .ok()
            .and_then(|id| found.get(&id))
        {
            Some(n) => results.push(note_json(n, &properties)),
            None => missing.push(raw_id.clone()),
        }
    }
    Ok(batch_response(results, missing, started, "NOTE"))
}

async fn associate_note_default(
    State(state): State<AppState>,
    Path((note_id, ticket_id)): Path<(String, String)>,
) -> ApiResult {
    let started = now_millis();
    let note = parse_id(&note_id, "Note")?;
    let ticket = parse_id(&ticket_id, "Ticket")?;
    if !state.db.hs_associate_note(note, ticket)? {
        return Err(ApiError::not_found(format!(
            "No note with id {note_id} or no ticket with id {ticket_id}"
        )));
    }
    let spec = |from: i64, to: i64, type_id: i64| {
        json!({
            "from": {"id": from.to_string()},
            "to": {"id": to.to_string()},
            "associationSpec": {"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": type_id},
        })
    };
    Ok(Json(json!({
        "status": "COMPLETE",
        "results": [spec(note, ticket, NOTE_TO_TICKET), spec(ticket, note, TICKET_TO_NOTE)],
        "startedAt": iso_millis(started),
        "completedAt": iso_millis(now_millis()),
    }))
    .into_response())
}

fn object_type(name: &str) -> Option<&'static str> {
    match name {
        "tickets" | "ticket" | "0-5" => Some("tickets"),
        "notes" | "note" | "0-46" => Some("notes"),
        _ => None,
    }
}

async fn list_associations(
    State(state): State<AppState>,
    Path((from_type, from_id, to_type)): Path<(String, String, String)>,
    RawQuery(raw): RawQuery,
) -> ApiResult {
    let pairs = query_pairs(&raw);
    let limit = parse_limit(query_one(&pairs, "limit"), 500, 500)?;
    let after: usize = match query_one(&pairs, "after") {
        None | Some("") => 0,
        Some(a) => a.parse().map_err(|_| {
            ApiError::validation(format!("after: {a} is not a valid paging cursor"))
        })?,
    };
    let from = parse_id(&from_id, "Object")?;
    let (ids, type_id) = match (object_type(&from_type), object_type(&to_type)) {
        (Some("tickets"), Some("notes")) => {
            if state.db.hs_ticket(from)?.is_none() {
                return Err(ApiError::not_found(format!(
                    "Ticket {from_id} does not exist"
                )));
            }
            (state.db.hs_note_ids_of_ticket(from)?, TICKET_TO_NOTE)
        }
        (Some("notes"), Some("tickets")) => {
            let note = state
                .db
                .hs_notes_by_ids(&[from])?
                .pop()
                .ok_or_else(|| ApiError::not_found(format!("Note {from_id} does not exist")))?;
            (note.ticket_ids, NOTE_TO_TICKET)
        }
        _ => {
            return Err(ApiError::validation(format!(
                "Associations from {from_type} to {to_type} are not supported by this emulator"
            )))
        }
    };
    let page: Vec<Value> = ids
        .iter()
        .skip(after)
        .take(limit as usize)
        .map(|id| {
            json!({
                "toObjectId": id,
                "associationTypes": [{"category": "HUBSPOT_DEFINED", "typeId": type_id, "label": null}],
            })
        })
        .collect();
    let mut body = json!({ "results": page });
    let next = after + limit as usize;
    if next < ids.len() {
        body["paging"] = json!({"next": {"after": next.to_string(), "link": format!(
            "{}/crm/v4/objects/{from_type}/{from_id}/associations/{to_type}?after={next}", state.base_url
        )}});
    }
    Ok(Json(body).into_response())
}

// ---------------------------------------------------------------------------------------------
// Owners
// ---------------------------------------------------------------------------------------------

async fn list_owners(State(state): State<AppState>, RawQuery(raw): RawQuery) -> ApiResult {
    let pairs = query_pairs(&raw);
    let limit = parse_limit(query_one(&pairs, "limit"), 100, 500)?;
    let archived = parse_bool(query_one(&pairs, "archived"))?;
    let after = match query_one(&pairs, "after") {
        None | Some("") => None,
        Some(a) => Some(a.parse::<i64>().map_err(|_| {
            ApiError::validation(format!("after: {a} is not a valid paging cursor"))
        })?),
    };
    if archived {
        // The emulator has no archived owners.
        return Ok(Json(json!({"results": []})).into_response());
    }
    let email = query_one(&pairs, "email").filter(|e| !e.is_empty());
    let mut owners =
        state
            .db
            .hs_owners_after(after.map(|a| a.saturating_sub(1)), limit + 1, email)?;
    let has_more = owners.len() as u64 > limit;
    owners.truncate(limit as usize);
    let mut body = json!({"results": owners.iter().map(owner_json).collect::<Vec<_>>()});
    if has_more {
        if let Some(last) = owners.last() {
            let next = last.id.saturating_add(1).to_string();
            body["paging"] = json!({"next": {"after": next, "link": format!(
                "{}/crm/v3/owners?after={next}&limit={limit}", state.base_url
            )}});
        }
    }
    Ok(Json(body).into_response())
}

async fn get_owner(
    State(state): State<AppState>,
    Path(owner_id): Path<String>,
    RawQuery(raw): RawQuery,
) -> ApiResult {
    let pairs = query_pairs(&raw);
    let by_user_id = query_one(&pairs, "idProperty") == Some("userId");
    let id = parse_id(&owner_id, "Owner")?;
    let owner = if by_user_id {
        state
            .db
            .hs_owners_after(None, 1000, None)?
            .into_iter()
            .find(|o| o.user_id == id)
    } else {
        state.db.hs_owner(id)?
    };
    let owner = owner.ok_or_else(|| ApiError::not_found(format!("Owner {owner_id} not found")))?;
    Ok(Json(owner_json(&owner)).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_parameters_accept_repeated_and_comma_separated_values() {
        let pairs = query_pairs(&Some(
            "properties=subject&properties=content,hs_pipeline&limit=5".into(),
        ));
        assert_eq!(
            query_list(&pairs, "properties"),
            ["subject", "content", "hs_pipeline"]
        );
        assert_eq!(
            parse_limit(query_one(&pairs, "limit"), 10, 100).ok(),
            Some(5)
        );
        assert!(parse_limit(Some("101"), 10, 100).is_err());
    }
}
