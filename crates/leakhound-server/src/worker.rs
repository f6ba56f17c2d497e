//! The file-scan workers, and the findings documents they publish.
//!
//! A worker claims a due job from the durable queue, and runs its phase to the end even when
//! shutdown is requested (graceful shutdown finishes running jobs):
//! - scan: extract the file's text, scan it, write `<data_dir>/findings/<id>.json`, record
//!   the notification in the job, delete the upload, send the e-mail alert if one was asked
//!   for and there are findings (in the background, not durable), then deliver right away;
//! - deliver: POST the signed notification; on failure the job is queued again after the
//!   next wait of `retry_backoff_secs`, and fails after the last.

use crate::error::ApiError;
use crate::upload::JobRequest;
use crate::{now_ms, AppState};
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use leakhound_api::webhook::{FileFindings, WebhookNotification};
use leakhound_api::{ErrorBody, ErrorCode};
use leakhound_store::jobs::{Job, Phase};
use serde::Deserialize;
use std::time::Duration;

/// Runs one worker until shutdown; the job in hand is finished first.
pub async fn run(state: AppState, index: usize) {
    let mut shutdown = state.shutdown_rx();
    loop {
        if *shutdown.borrow() {
            break;
        }
        let queue = state.queue.clone();
        let claimed = tokio::task::spawn_blocking(move || queue.claim(now_ms())).await;
        match claimed {
            Ok(Ok(Some(job))) => {
                tracing::info!(message = "job claimed", worker = index, job = %job.id, phase = ?job.phase);
                run_job(&state, job).await;
                continue;
            }
            Ok(Ok(None)) => {}
            Ok(Err(e)) => tracing::error!(message = "claiming a job failed", error = %e),
            Err(e) => tracing::error!(message = "claim task failed", error = %e),
        }
        let poll = Duration::from_millis(state.config.jobs.poll_interval_ms.max(10));
        tokio::select! {
            _ = state.wake.notified() => {}
            _ = tokio::time::sleep(poll) => {}
            _ = shutdown.changed() => {}
        }
    }
    tracing::debug!(message = "worker stopped", worker = index);
}

async fn run_job(state: &AppState, job: Job) {
    let request: JobRequest = match serde_json::from_str(&job.request) {
        Ok(r) => r,
        Err(e) => {
            give_up(state, &job.id, &format!("unreadable job: {e}")).await;
            return;
        }
    };
    let notification = match job.phase {
        Phase::Scan => match scan_phase(state, &job, &request).await {
            Ok(n) => n,
            Err(e) => {
                tracing::error!(message = "scan phase failed", job = %job.id, error = %e);
                retry_or_give_up(state, &job, &e).await;
                return;
            }
        },
        Phase::Deliver => job.result.clone().unwrap_or_default(),
    };
    let attempts = if job.phase == Phase::Deliver {
        job.attempts
    } else {
        0
    };
    deliver(state, &job.id, &request, &notification, attempts).await;
}

/// Extracts, scans, writes the findings document and records the notification.
async fn scan_phase(state: &AppState, job: &Job, request: &JobRequest) -> Result<String, String> {
    let scanner = state
        .scanners
        .get(&request.policy)
        .map_err(|e| e.description)?;
    let path = state.uploads.data_path(&request.upload_id);
    let mime = request.mime_type.clone();
    let extracted = tokio::task::spawn_blocking(move || {
        let bytes = std::fs::read(&path).map_err(|e| format!("reading the upload: {e}"))?;
        Ok::<_, String>(crate::extract::scan_file(&scanner, &bytes, &mime))
    })
    .await
    .map_err(|e| e.to_string())??;
    // Composed now (redacted fragments only), sent once the scan is recorded.
    let email_alert = match (&request.alert_email, &extracted) {
        (Some(to), Ok(findings)) if !findings.is_empty() => Some((
            to.clone(),
            crate::alerts::Alert::file_scan(&request.upload_id, findings),
        )),
        _ => None,
    };
    let ttl = state.config.jobs.findings_ttl_secs;
    let now = time::OffsetDateTime::now_utc();
    let valid_until = now + time::Duration::seconds(ttl as i64);
    let (findings_url, findings_present, errors) = match extracted {
        Ok(findings) if findings.is_empty() => (String::new(), false, vec![]),
        Ok(findings) => {
            let doc = serde_json::to_vec(&FileFindings { findings }).map_err(|e| e.to_string())?;
            let dir = state.config.data_dir.join("findings");
            tokio::fs::create_dir_all(&dir)
                .await
                .map_err(|e| e.to_string())?;
            let tmp = dir.join(format!("{}.json.tmp", job.id));
            tokio::fs::write(&tmp, doc)
                .await
                .map_err(|e| e.to_string())?;
            tokio::fs::rename(&tmp, dir.join(format!("{}.json", job.id)))
                .await
                .map_err(|e| e.to_string())?;
            let expires = valid_until.unix_timestamp();
            let url = format!(
                "{}/v3/findings/{}.json?Expires={expires}&Signature={}",
                state.public_url(),
                job.id,
                state.links.sign(&job.id, expires)
            );
            (url, true, vec![])
        }
        Err(e) => (
            String::new(),
            false,
            vec![ErrorCode::InvalidRequest.body(format!("the file could not be scanned: {e}"))],
        ),
    };
    let notification = WebhookNotification {
        findings_url,
        valid_until: valid_until
            .format(&time::format_description::well_known::Rfc3339)
            .map_err(|e| e.to_string())?,
        upload_id: request.upload_id.clone(),
        findings_present,
        request_metadata: request.request_metadata.clone(),
        errors,
    };
    let body = serde_json::to_string(&notification).map_err(|e| e.to_string())?;
    let queue = state.queue.clone();
    let (id, b) = (job.id.clone(), body.clone());
    tokio::task::spawn_blocking(move || queue.scanned(&id, &b, now_ms()))
        .await
        .map_err(|e| e.to_string())?
        .map_err(|e| e.to_string())?;
    state.uploads.remove(&request.upload_id).await;
    tracing::info!(message = "file scanned", job = %job.id, findings_present);
    if let Some((to, alert)) = email_alert {
        crate::alerts::send(state, &to, alert);
    }
    Ok(body)
}

async fn deliver(state: &AppState, id: &str, request: &JobRequest, body: &str, attempts: u32) {
    let Some(url) = &request.webhook_url else {
        let queue = state.queue.clone();
        let id = id.to_string();
        let _ = tokio::task::spawn_blocking(move || queue.delivered(&id, now_ms())).await;
        return;
    };
    match state.webhooks.deliver(url, body).await {
        Ok(()) => {
            tracing::info!(message = "notification delivered", job = %id);
            let queue = state.queue.clone();
            let id = id.to_string();
            if let Ok(Err(e)) =
                tokio::task::spawn_blocking(move || queue.delivered(&id, now_ms())).await
            {
                tracing::error!(message = "recording delivery failed", error = %e);
            }
        }
        Err(e) => {
            tracing::warn!(message = "notification delivery failed", job = %id, attempt = attempts + 1, error = %e);
            let job_attempts = attempts;
            retry_at(state, id, &e, job_attempts).await;
        }
    }
}

async fn retry_or_give_up(state: &AppState, job: &Job, error: &str) {
    retry_at(state, &job.id, error, job.attempts).await;
}

/// Queues the job again after the wait for its attempt number, or fails it after the last.
async fn retry_at(state: &AppState, id: &str, error: &str, attempts_before: u32) {
    let backoff = &state.config.jobs.retry_backoff_secs;
    let retry = backoff
        .get(attempts_before as usize)
        .map(|secs| now_ms() + (*secs as i64) * 1000);
    let queue = state.queue.clone();
    let (id, error) = (id.to_string(), error.to_string());
    let result =
        tokio::task::spawn_blocking(move || queue.attempt_failed(&id, &error, retry, now_ms()))
            .await;
    if let Ok(Err(e)) = result {
        tracing::error!(message = "recording a failed attempt failed", error = %e);
    }
}

async fn give_up(state: &AppState, id: &str, error: &str) {
    let queue = state.queue.clone();
    let (id, error) = (id.to_string(), error.to_string());
    let _ = tokio::task::spawn_blocking(move || queue.attempt_failed(&id, &error, None, now_ms()))
        .await;
}

/// The query of a findings link.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LinkQuery {
    /// Expiry, POSIX seconds.
    #[serde(rename = "Expires")]
    #[param(rename = "Expires")]
    pub expires: i64,
    /// Link signature.
    #[serde(rename = "Signature")]
    #[param(rename = "Signature")]
    pub signature: String,
}

/// The findings document of a file scan (the notification's `findingsURL`; the link is its
/// own credential and expires).
#[utoipa::path(get, path = "/v3/findings/{file}", tag = "files",
    params(("file" = String, Path, description = "`<uploadID>.json`"), LinkQuery),
    responses((status = 200, body = FileFindings), (status = 404, body = ErrorBody)))]
pub async fn findings(
    State(state): State<AppState>,
    Path(file): Path<String>,
    query: Result<Query<LinkQuery>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let not_found = || {
        ApiError::new(
            ErrorCode::FindingsNotFound,
            "no findings document at this link, or the link expired",
        )
        .into_response()
    };
    let Some(id) = file.strip_suffix(".json") else {
        return not_found();
    };
    let Ok(Query(q)) = query else {
        return not_found();
    };
    if uuid::Uuid::parse_str(id).is_err()
        || q.expires < time::OffsetDateTime::now_utc().unix_timestamp()
        || !state.links.verify(id, q.expires, &q.signature)
    {
        return not_found();
    }
    match tokio::fs::read(
        state
            .config
            .data_dir
            .join("findings")
            .join(format!("{id}.json")),
    )
    .await
    {
        Ok(bytes) => ([(header::CONTENT_TYPE, "application/json")], bytes).into_response(),
        Err(_) => not_found(),
    }
}

/// Deletes findings documents older than their TTL, and old finished jobs.
pub async fn purge(state: &AppState) {
    let ttl = Duration::from_secs(state.config.jobs.findings_ttl_secs);
    let dir = state.config.data_dir.join("findings");
    if let Ok(mut entries) = tokio::fs::read_dir(&dir).await {
        while let Ok(Some(entry)) = entries.next_entry().await {
            let old = entry
                .metadata()
                .await
                .ok()
                .and_then(|m| m.modified().ok())
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age > ttl);
            if old {
                let _ = tokio::fs::remove_file(entry.path()).await;
            }
        }
    }
    let queue = state.queue.clone();
    let before = now_ms() - (ttl.as_millis() as i64) * 7;
    let _ = tokio::task::spawn_blocking(move || queue.purge_finished(before)).await;
    state
        .uploads
        .purge(now_ms(), state.config.jobs.upload_ttl_secs as i64 * 1000)
        .await;
}
