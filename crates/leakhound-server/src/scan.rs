//! `POST /v3/scan`.

use crate::error::{ApiError, ApiJson};
use crate::AppState;
use axum::extract::State;
use axum::Json;
use leakhound_api::finding::Disclosure;
use leakhound_api::scan::{MAX_PAYLOAD_BYTES, MAX_PAYLOAD_ITEMS, MAX_RULES_TEXT};
use leakhound_api::{ErrorBody, ErrorCode, ScanRequest, ScanResponse, WireFinding};
use leakhound_engine::Scanner;
use std::sync::Arc;

/// Scan plain text.
#[utoipa::path(
    post,
    path = "/v3/scan",
    tag = "scan",
    request_body = ScanRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "One list of findings and one redacted string per payload item", body = ScanResponse,
         headers(("X-Rate-Limit-Remaining" = u64, description = "Requests left in the key's bucket"))),
        (status = 400, description = "Malformed or invalid request (codes 40000, 40015–40025)", body = ErrorBody),
        (status = 401, description = "Missing or unknown API key (40100)", body = ErrorBody),
        (status = 413, description = "Body larger than the server accepts (41300)", body = ErrorBody),
        (status = 429, description = "Rate limited (42900), see Retry-After", body = ErrorBody,
         headers(("Retry-After" = u64, description = "Seconds to wait"))),
    )
)]
pub async fn scan_text(
    State(state): State<AppState>,
    ApiJson(req): ApiJson<ScanRequest>,
) -> Result<Json<ScanResponse>, ApiError> {
    let payload = req.payload.as_ref().ok_or_else(|| {
        ApiError::new(ErrorCode::InvalidRequest, "payload is required")
            .with("payload", "required: a list of strings")
    })?;
    if payload.len() > MAX_PAYLOAD_ITEMS {
        return Err(ApiError::new(
            ErrorCode::TooManyItems,
            format!(
                "payload: at most {MAX_PAYLOAD_ITEMS} items, got {}",
                payload.len()
            ),
        )
        .with("payload", format!("at most {MAX_PAYLOAD_ITEMS} items")));
    }
    let total: usize = payload.iter().map(String::len).sum();
    if total > MAX_PAYLOAD_BYTES {
        return Err(ApiError::new(
            ErrorCode::PayloadTooLarge,
            format!("payload: at most {MAX_PAYLOAD_BYTES} bytes in total, got {total}"),
        )
        .with(
            "payload",
            format!("at most {MAX_PAYLOAD_BYTES} bytes in total"),
        ));
    }
    let policy_uuids = req.policy_uuids.clone().unwrap_or_default();
    let inline = req.effective_policy();
    let resolved = state
        .catalog
        .resolve(&policy_uuids, inline, MAX_RULES_TEXT)?;
    let alert = state
        .catalog
        .alert_config(&policy_uuids, inline.and_then(|p| p.alert_config.as_ref()));
    if let Some(email) = alert.as_ref().and_then(|a| a.email()) {
        crate::alerts::check_target(&state, email)?;
    }
    if let Some(url) = alert.as_ref().and_then(|a| a.url()) {
        crate::webhook::check_url(url)?;
    }
    let scanner = state.scanners.get(&resolved)?;
    let ScanRequest { payload, .. } = req;
    let payload = payload.unwrap_or_default();
    let response = if total <= state.config.limits.inline_scan_max_bytes {
        scan_all(&scanner, &payload)
    } else {
        tokio::task::spawn_blocking(move || scan_all(&scanner, &payload))
            .await
            .map_err(|e| ApiError::internal("scan task", e))?
    };
    if let Some(alert) = alert {
        if response.findings.iter().any(|f| !f.is_empty()) {
            crate::webhook::send_text_alert(&state, &alert, &response.findings);
            if let Some(to) = alert.email() {
                crate::alerts::send(
                    &state,
                    to,
                    crate::alerts::Alert::text_scan(&response.findings),
                );
            }
        }
    }
    Ok(Json(response))
}

/// Scans every item: one list of findings and one redacted string (`""` when unchanged) per
/// item.
pub fn scan_all(scanner: &Arc<Scanner>, payload: &[String]) -> ScanResponse {
    let mut findings = Vec::with_capacity(payload.len());
    let mut redacted_payload = Vec::with_capacity(payload.len());
    let items: Vec<&str> = payload.iter().map(String::as_str).collect();
    for outcome in scanner.scan_many(&items) {
        findings.push(
            outcome
                .findings
                .iter()
                .map(|f| WireFinding::from_finding(f, Disclosure::Api))
                .collect(),
        );
        redacted_payload.push(outcome.redacted_text.unwrap_or_default());
    }
    ScanResponse {
        findings,
        redacted_payload,
    }
}
