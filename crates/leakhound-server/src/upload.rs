//! File uploads: `POST /v3/upload`, `PATCH /v3/upload/{id}`, `POST /v3/upload/{id}/finish`
//! and `POST /v3/upload/{id}/scan`.
//!
//! Chunks are written at their offset into `<data_dir>/uploads/<id>/data`, in any order and
//! concurrently; `meta.json` beside it records which chunks arrived, so an upload survives a
//! restart. `scan` resolves and compiles the policy (errors are answered now), passes the
//! webhook's challenge, and enqueues a durable job; the worker does the rest.

use crate::auth::KeyId;
use crate::error::{body_bytes, ApiError, ApiJson};
use crate::resolve::ResolvedPolicy;
use crate::{now_ms, AppState};
use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::{Extension, Json};
use leakhound_api::scan::{MAX_REQUEST_METADATA_BYTES, MAX_RULES_FILE};
use leakhound_api::upload::{
    FileScanRequest, FileScanResponse, FileUpload, InitUploadRequest, CHUNK_SIZE,
};
use leakhound_api::{ErrorBody, ErrorCode, WirePolicy};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path as FsPath, PathBuf};
use std::sync::{Arc, Mutex};

/// What is recorded about an upload.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct UploadMeta {
    /// The upload's UUID.
    pub id: String,
    /// Fingerprint of the key that created it.
    pub owner: String,
    /// Declared size.
    pub file_size: u64,
    /// Declared MIME type, or after `finish` the sniffed one.
    pub mime_type: String,
    /// Whether the client declared the type.
    pub declared_type: bool,
    /// Which chunks arrived.
    pub received: Vec<bool>,
    /// `finish` succeeded.
    pub finished: bool,
    /// `scan` succeeded (the upload now belongs to its job).
    pub scanned: bool,
    /// Creation time.
    pub created_at_ms: i64,
}

impl UploadMeta {
    fn to_wire(&self) -> FileUpload {
        FileUpload {
            id: self.id.clone(),
            file_size_bytes: self.file_size,
            chunk_size: CHUNK_SIZE,
            mime_type: self.mime_type.clone(),
        }
    }
}

/// A queued file scan: everything the worker needs, stored as the job's request.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct JobRequest {
    /// The upload's id.
    pub upload_id: String,
    /// The file's MIME type.
    pub mime_type: String,
    /// The resolved policy.
    pub policy: ResolvedPolicy,
    /// Where to send the notification.
    pub webhook_url: Option<String>,
    /// Where to send an e-mail alert when the file has findings (`alertConfig.email`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alert_email: Option<String>,
    /// Echoed in the notification.
    pub request_metadata: String,
}

/// The uploads in progress.
pub struct Uploads {
    dir: PathBuf,
    map: Mutex<HashMap<String, Entry>>,
}

/// An upload in the map: its owner (immutable) beside its lockable state.
struct Entry {
    owner: String,
    meta: Arc<tokio::sync::Mutex<UploadMeta>>,
}

impl Entry {
    fn new(meta: UploadMeta) -> Entry {
        Entry {
            owner: meta.owner.clone(),
            meta: Arc::new(tokio::sync::Mutex::new(meta)),
        }
    }
}

impl Uploads {
    /// Opens `<data_dir>/uploads`, loading the uploads a previous run left.
    pub fn open(data_dir: &FsPath) -> anyhow::Result<Uploads> {
        let dir = data_dir.join("uploads");
        std::fs::create_dir_all(&dir)?;
        let mut map = HashMap::new();
        for entry in std::fs::read_dir(&dir)? {
            let path = entry?.path().join("meta.json");
            if let Ok(text) = std::fs::read_to_string(&path) {
                if let Ok(meta) = serde_json::from_str::<UploadMeta>(&text) {
                    map.insert(meta.id.clone(), Entry::new(meta));
                }
            }
        }
        Ok(Uploads {
            dir,
            map: Mutex::new(map),
        })
    }

    /// The data file of an upload.
    pub fn data_path(&self, id: &str) -> PathBuf {
        self.dir.join(id).join("data")
    }

    fn get(&self, id: &str, owner: &str) -> Result<Arc<tokio::sync::Mutex<UploadMeta>>, ApiError> {
        // Another key's upload is "not found" too: ids are not secrets, uploads are.
        self.map
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(id)
            .filter(|e| e.owner == owner)
            .map(|e| e.meta.clone())
            .ok_or_else(|| {
                ApiError::new(ErrorCode::UploadNotFound, format!("no upload {id}"))
                    .with("fileId", id.to_string())
            })
    }

    async fn save(&self, meta: &UploadMeta) -> Result<(), ApiError> {
        let dir = self.dir.join(&meta.id);
        let text = serde_json::to_vec(meta).map_err(|e| ApiError::internal("upload meta", e))?;
        let tmp = dir.join("meta.json.tmp");
        tokio::fs::write(&tmp, text)
            .await
            .map_err(|e| ApiError::internal("write upload meta", e))?;
        tokio::fs::rename(&tmp, dir.join("meta.json"))
            .await
            .map_err(|e| ApiError::internal("write upload meta", e))
    }

    /// Forgets an upload and deletes its files.
    pub async fn remove(&self, id: &str) {
        self.map
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(id);
        let _ = tokio::fs::remove_dir_all(self.dir.join(id)).await;
    }

    /// Deletes uploads older than `max_age_ms` that were not scanned.
    pub async fn purge(&self, now_ms: i64, max_age_ms: i64) {
        let all: Vec<_> = self
            .map
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .values()
            .map(|e| e.meta.clone())
            .collect();
        for upload in all {
            let meta = upload.lock().await.clone();
            if !meta.scanned && now_ms - meta.created_at_ms > max_age_ms {
                self.remove(&meta.id).await;
            }
        }
    }
}

fn chunk_count(size: u64) -> usize {
    size.div_ceil(CHUNK_SIZE) as usize
}

/// Start an upload.
#[utoipa::path(post, path = "/v3/upload", tag = "files", request_body = InitUploadRequest,
    security(("bearer" = [])),
    responses((status = 200, body = FileUpload), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn init(
    State(state): State<AppState>,
    Extension(key): Extension<KeyId>,
    ApiJson(req): ApiJson<InitUploadRequest>,
) -> Result<Json<FileUpload>, ApiError> {
    let max = state.config.limits.max_file_size_bytes;
    let size = match req.file_size_bytes {
        Some(n) if n >= 0 && (n as u64) <= max => n as u64,
        other => {
            return Err(ApiError::new(
                ErrorCode::InvalidFileSize,
                format!(
                    "fileSizeBytes: {} (must be between 0 and {max})",
                    other.map_or("missing".to_string(), |n| n.to_string())
                ),
            )
            .with("fileSizeBytes", format!("between 0 and {max}")))
        }
    };
    let id = uuid::Uuid::new_v4().to_string();
    let mime = req
        .mime_type
        .as_deref()
        .map(str::trim)
        .filter(|m| !m.is_empty());
    let meta = UploadMeta {
        id: id.clone(),
        owner: state.keys_fingerprint(key),
        file_size: size,
        mime_type: mime.unwrap_or("").to_string(),
        declared_type: mime.is_some(),
        received: vec![false; chunk_count(size)],
        finished: false,
        scanned: false,
        created_at_ms: now_ms(),
    };
    let dir = state.uploads.dir.join(&id);
    tokio::fs::create_dir_all(&dir)
        .await
        .map_err(|e| ApiError::internal("create upload dir", e))?;
    let file = tokio::fs::File::create(dir.join("data"))
        .await
        .map_err(|e| ApiError::internal("create upload file", e))?;
    file.set_len(size)
        .await
        .map_err(|e| ApiError::internal("size upload file", e))?;
    state.uploads.save(&meta).await?;
    let wire = meta.to_wire();
    state
        .uploads
        .map
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .insert(id, Entry::new(meta));
    Ok(Json(wire))
}

/// Upload one chunk at `X-Upload-Offset`.
#[utoipa::path(patch, path = "/v3/upload/{fileId}", tag = "files",
    params(("fileId" = String, Path, description = "The upload's id"),
           ("X-Upload-Offset" = u64, Header, description = "Byte offset of the chunk, a multiple of chunkSize")),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    security(("bearer" = [])),
    responses((status = 204, description = "Chunk stored"), (status = 400, body = ErrorBody),
              (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 413, body = ErrorBody)))]
pub async fn chunk(
    State(state): State<AppState>,
    Extension(key): Extension<KeyId>,
    Path(id): Path<String>,
    req: Request,
) -> Result<StatusCode, ApiError> {
    let upload = state.uploads.get(&id, &state.keys_fingerprint(key))?;
    let offset: Option<u64> = req
        .headers()
        .get("x-upload-offset")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse().ok());
    let body = body_bytes(req, &state).await?;
    let (size, done) = {
        let meta = upload.lock().await;
        (meta.file_size, meta.finished || meta.scanned)
    };
    if done {
        return Err(ApiError::new(
            ErrorCode::UploadConflict,
            "the upload is finished; chunks are no longer accepted",
        ));
    }
    let bad = |why: String| {
        ApiError::new(ErrorCode::InvalidUploadChunk, why.clone()).with("X-Upload-Offset", why)
    };
    let offset =
        offset.ok_or_else(|| bad("X-Upload-Offset header: missing or not a number".into()))?;
    if offset % CHUNK_SIZE != 0 {
        return Err(bad(format!(
            "offset {offset} is not a multiple of chunkSize {CHUNK_SIZE}"
        )));
    }
    if offset >= size && !(size == 0 && offset == 0) {
        return Err(bad(format!(
            "offset {offset} is past the end of the file ({size} bytes)"
        )));
    }
    let expected = (size - offset).min(CHUNK_SIZE);
    if body.len() as u64 != expected {
        return Err(bad(format!(
            "the chunk at offset {offset} must have {expected} bytes, got {}",
            body.len()
        )));
    }
    let path = state.uploads.data_path(&id);
    tokio::task::spawn_blocking(move || {
        use std::os::unix::fs::FileExt;
        let file = std::fs::OpenOptions::new().write(true).open(path)?;
        file.write_all_at(&body, offset)
    })
    .await
    .map_err(|e| ApiError::internal("chunk task", e))?
    .map_err(|e| ApiError::internal("write chunk", e))?;
    let mut meta = upload.lock().await;
    let index = (offset / CHUNK_SIZE) as usize;
    if let Some(slot) = meta.received.get_mut(index) {
        *slot = true;
    }
    state.uploads.save(&meta).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Finish an upload: every chunk must have arrived.
#[utoipa::path(post, path = "/v3/upload/{fileId}/finish", tag = "files",
    params(("fileId" = String, Path, description = "The upload's id")),
    security(("bearer" = [])),
    responses((status = 200, body = FileUpload), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn finish(
    State(state): State<AppState>,
    Extension(key): Extension<KeyId>,
    Path(id): Path<String>,
) -> Result<Json<FileUpload>, ApiError> {
    let upload = state.uploads.get(&id, &state.keys_fingerprint(key))?;
    let mut meta = upload.lock().await;
    let missing = meta.received.iter().filter(|r| !**r).count();
    if missing > 0 {
        return Err(ApiError::new(
            ErrorCode::UploadIncomplete,
            format!(
                "{missing} of {} chunks have not arrived",
                meta.received.len()
            ),
        ));
    }
    if !meta.finished {
        if !meta.declared_type {
            let path = state.uploads.data_path(&id);
            let head = tokio::task::spawn_blocking(move || -> std::io::Result<Vec<u8>> {
                use std::io::Read;
                let mut buf = Vec::new();
                std::fs::File::open(path)?
                    .take(64 * 1024)
                    .read_to_end(&mut buf)?;
                Ok(buf)
            })
            .await
            .map_err(|e| ApiError::internal("sniff task", e))?
            .map_err(|e| ApiError::internal("read upload", e))?;
            meta.mime_type = crate::extract::sniff(truncate_utf8(&head)).to_string();
        }
        meta.finished = true;
        state.uploads.save(&meta).await?;
    }
    Ok(Json(meta.to_wire()))
}

/// The longest prefix of `bytes` that does not end inside a UTF-8 sequence.
fn truncate_utf8(bytes: &[u8]) -> &[u8] {
    match std::str::from_utf8(bytes) {
        Ok(_) => bytes,
        Err(e) if e.error_len().is_none() => &bytes[..e.valid_up_to()],
        Err(_) => bytes,
    }
}

/// Scan a finished upload; the result goes to the webhook (`alertConfig.url` or
/// `webhookURL`) and, when the file has findings, a redacted summary to `alertConfig.email`
/// (servers with an SMTP relay; at least one of the targets is required).
#[utoipa::path(post, path = "/v3/upload/{fileId}/scan", tag = "files",
    params(("fileId" = String, Path, description = "The upload's id")),
    request_body = FileScanRequest,
    security(("bearer" = [])),
    responses((status = 200, body = FileScanResponse), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn scan(
    State(state): State<AppState>,
    Extension(key): Extension<KeyId>,
    Path(id): Path<String>,
    ApiJson(req): ApiJson<FileScanRequest>,
) -> Result<Json<FileScanResponse>, ApiError> {
    let upload = state.uploads.get(&id, &state.keys_fingerprint(key))?;
    {
        let meta = upload.lock().await;
        if meta.scanned {
            return Err(ApiError::new(
                ErrorCode::UploadConflict,
                "the upload was already scanned",
            ));
        }
        if !meta.finished {
            return Err(ApiError::new(
                ErrorCode::UploadNotFinished,
                "finish the upload before scanning it",
            ));
        }
    }
    let metadata = req.request_metadata.clone().unwrap_or_default();
    if metadata.len() > MAX_REQUEST_METADATA_BYTES {
        return Err(ApiError::new(
            ErrorCode::RequestMetadataTooLarge,
            format!(
                "requestMetadata: at most {MAX_REQUEST_METADATA_BYTES} bytes, got {}",
                metadata.len()
            ),
        ));
    }
    let policy_uuid = req
        .policy_uuid
        .as_deref()
        .map(str::trim)
        .filter(|u| !u.is_empty());
    let (resolved, webhook_url, alert) = match (policy_uuid, &req.policy) {
        (Some(_), Some(_)) => {
            return Err(ApiError::new(
                ErrorCode::InvalidRequest,
                "give exactly one of policyUUID and policy",
            ))
        }
        (Some(uuid), None) => {
            let uuids = [uuid.to_string()];
            let resolved = state.catalog.resolve(&uuids, None, MAX_RULES_FILE)?;
            let stored = state.catalog.policy(uuid).expect("resolved above");
            let alert = stored.policy.alert_config.clone();
            let url = alert
                .as_ref()
                .and_then(|a| a.url().map(str::to_string))
                .or_else(|| stored.webhook_url.clone());
            (resolved, url, alert)
        }
        (None, Some(p)) => {
            let inline = WirePolicy {
                detection_rule_uuids: p.detection_rule_uuids.clone(),
                detection_rules: p.detection_rules.clone(),
                ..Default::default()
            };
            let resolved = state.catalog.resolve(&[], Some(&inline), MAX_RULES_FILE)?;
            let url = p
                .alert_config
                .as_ref()
                .and_then(|a| a.url().map(str::to_string))
                .or_else(|| {
                    p.webhook_url
                        .as_deref()
                        .map(str::trim)
                        .filter(|u| !u.is_empty())
                        .map(str::to_string)
                });
            (resolved, url, p.alert_config.clone())
        }
        (None, None) => {
            return Err(ApiError::new(
                ErrorCode::InvalidRequest,
                "give one of policyUUID and policy",
            )
            .with("policy", "required unless policyUUID is given"))
        }
    };
    let alert_email = alert
        .as_ref()
        .and_then(|a| a.email())
        .map(|e| e.trim().to_string());
    if let Some(email) = &alert_email {
        crate::alerts::check_target(&state, email)?;
    }
    if webhook_url.is_none() && alert_email.is_none() {
        return Err(ApiError::new(
            ErrorCode::InvalidWebhookUrl,
            "a file scan needs policy.alertConfig.url (or policy.webhookURL) or policy.alertConfig.email to report to",
        ));
    }
    if let Some(webhook_url) = &webhook_url {
        if !state.webhooks.can_sign() {
            return Err(ApiError::internal(
                "file scan",
                "no signing_secret configured; file scans with a webhook are disabled",
            ));
        }
        check_url_and_challenge(&state, webhook_url).await?;
    }
    // Compile now so that a bad policy is answered here, not in the webhook.
    state.scanners.get(&resolved)?;
    let job = JobRequest {
        upload_id: id.clone(),
        mime_type: upload.lock().await.mime_type.clone(),
        policy: resolved,
        webhook_url,
        alert_email,
        request_metadata: metadata,
    };
    {
        let mut meta = upload.lock().await;
        if meta.scanned {
            return Err(ApiError::new(
                ErrorCode::UploadConflict,
                "the upload was already scanned",
            ));
        }
        let text = serde_json::to_string(&job).map_err(|e| ApiError::internal("job", e))?;
        let queue = state.queue.clone();
        let job_id = id.clone();
        tokio::task::spawn_blocking(move || queue.enqueue(&job_id, &text, now_ms()))
            .await
            .map_err(|e| ApiError::internal("enqueue task", e))??;
        meta.scanned = true;
        state.uploads.save(&meta).await?;
    }
    state.wake_workers();
    Ok(Json(FileScanResponse {
        id,
        message: "scan initiated".into(),
    }))
}

async fn check_url_and_challenge(state: &AppState, url: &str) -> Result<(), ApiError> {
    crate::webhook::check_url(url)?;
    state.webhooks.challenge(url).await
}
