//! File scans: upload init, chunks, finish and scan (`/v3/upload…`).

use crate::policy::WireDetectionRule;
use crate::scan::WireAlertConfig;
use serde::{Deserialize, Serialize};

/// The chunk size every upload uses: 10 MiB, as Nightfall.
pub const CHUNK_SIZE: u64 = 10 * 1024 * 1024;

/// The body of `POST /v3/upload`.
#[derive(Clone, Debug, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct InitUploadRequest {
    /// The file's size in bytes.
    #[serde(default)]
    pub file_size_bytes: Option<i64>,
    /// The file's MIME type; sniffed from the content when absent.
    #[serde(default)]
    pub mime_type: Option<String>,
}

/// An upload, as `POST /v3/upload` and `POST /v3/upload/{id}/finish` return it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct FileUpload {
    /// The upload's UUID (the Java SDK scans the id of the finish response).
    pub id: String,
    /// The file's size in bytes.
    pub file_size_bytes: u64,
    /// Every chunk but the last has exactly this many bytes; offsets are multiples of it.
    pub chunk_size: u64,
    /// The declared MIME type, or after `finish` the sniffed one when none was declared.
    pub mime_type: String,
}

/// The `policy` of a file scan.
#[derive(Clone, Debug, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WireFilePolicy {
    /// Deprecated: where to send the result; `alertConfig.url` is the current field.
    #[serde(
        default,
        rename = "webhookURL",
        skip_serializing_if = "Option::is_none"
    )]
    pub webhook_url: Option<String>,
    /// UUIDs of detection rules of the server's configuration (at most 10).
    #[serde(
        default,
        rename = "detectionRuleUUIDs",
        skip_serializing_if = "Option::is_none"
    )]
    pub detection_rule_uuids: Option<Vec<String>>,
    /// Inline detection rules (at most 10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detection_rules: Option<Vec<WireDetectionRule>>,
    /// Where to send alerts (`url` receives the signed notification).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alert_config: Option<WireAlertConfig>,
}

/// The body of `POST /v3/upload/{id}/scan`.
#[derive(Clone, Debug, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct FileScanRequest {
    /// A policy of the server's configuration; exactly one of `policyUUID` and `policy`.
    #[serde(
        default,
        rename = "policyUUID",
        skip_serializing_if = "Option::is_none"
    )]
    pub policy_uuid: Option<String>,
    /// An inline policy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<WireFilePolicy>,
    /// Up to 10 KB echoed back in the notification.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_metadata: Option<String>,
}

/// The body of a successful `POST /v3/upload/{id}/scan`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct FileScanResponse {
    /// The upload's UUID (also the scan's).
    pub id: String,
    /// Always `scan initiated`.
    pub message: String,
}
