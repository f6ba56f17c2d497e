//! The error contract of the scan API: the error body every SDK parses, and the one table of
//! error codes.
//!
//! Every error the server returns has the body `{code, message, description, additionalData}`
//! with a five-digit `code` whose first three digits are the HTTP status (the Python SDK
//! raises `NightfallUserError` for 4xxxx codes and `NightfallSystemError` for the rest).
//! Nightfall documents only 40012, 40015 and 42201; the others are leakhound's, chosen in the
//! same scheme. `docs/api-errors.md` is rendered from [`ErrorCode::ALL`].

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The body of every error response.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ErrorBody {
    /// Five-digit code; its first three digits are the HTTP status.
    pub code: u32,
    /// Short, fixed text of the code (`Invalid Request`).
    pub message: String,
    /// What exactly is wrong, naming the field or value.
    pub description: String,
    /// Field paths (or other keys) with details; may be empty.
    #[serde(default)]
    pub additional_data: BTreeMap<String, String>,
}

macro_rules! error_codes {
    ($( $(#[doc = $doc:literal])* $variant:ident = $code:literal, $status:literal, $message:literal; )*) => {
        /// Every error code of the API. Adding a variant adds a row to `docs/api-errors.md`.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum ErrorCode {
            $( $(#[doc = $doc])* $variant, )*
        }

        impl ErrorCode {
            /// Every code, in table order.
            pub const ALL: &'static [ErrorCode] = &[ $( ErrorCode::$variant, )* ];

            /// The five-digit code.
            pub fn code(self) -> u32 {
                match self { $( ErrorCode::$variant => $code, )* }
            }

            /// The HTTP status.
            pub fn status(self) -> u16 {
                match self { $( ErrorCode::$variant => $status, )* }
            }

            /// The fixed `message` of the body.
            pub fn message(self) -> &'static str {
                match self { $( ErrorCode::$variant => $message, )* }
            }

            /// When the code is returned (the doc comment of the variant).
            pub fn when(self) -> &'static str {
                match self { $( ErrorCode::$variant => concat!($($doc, " ",)*).trim_ascii(), )* }
            }

            /// The variant's name.
            pub fn name(self) -> &'static str {
                match self { $( ErrorCode::$variant => stringify!($variant), )* }
            }
        }
    };
}

error_codes! {
    /// The body is not valid JSON, or a field has the wrong type (the description gives the
    /// path and the position).
    MalformedRequest = 40000, 400, "Malformed Request";
    /// The file-scan webhook could not be reached for the challenge handshake.
    WebhookUnreachable = 40012, 400, "Webhook URL validation failed";
    /// The request is invalid: a required field is missing, no rule source is given, or a
    /// rule, detector, context or exclusion rule is wrong. `additionalData` names the field.
    InvalidRequest = 40015, 400, "Invalid Request";
    /// The payload items of one `/v3/scan` request add up to more than 500 KB.
    PayloadTooLarge = 40016, 400, "Payload Too Large";
    /// More than 50,000 payload items in one `/v3/scan` request.
    TooManyItems = 40017, 400, "Too Many Payload Items";
    /// More than 20 `detectionRules` or 20 `detectionRuleUUIDs` (10 each for file scans).
    TooManyRules = 40018, 400, "Too Many Detection Rules";
    /// More than one UUID in `policyUUIDs`.
    TooManyPolicies = 40019, 400, "Too Many Policies";
    /// `contextBytes` is negative or more than 40.
    ContextBytesOutOfRange = 40020, 400, "Context Bytes Out Of Range";
    /// A redaction config sets no method, or more than one of `maskConfig`,
    /// `substitutionConfig`, `infoTypeSubstitutionConfig` and `cryptoConfig`.
    InvalidRedactionConfig = 40021, 400, "Invalid Redaction Config";
    /// A `nightfallDetector` name is not a native detector of this server; the description
    /// names it (and says why, for names known but not implemented).
    UnknownDetector = 40022, 400, "Unknown Detector";
    /// A `detectionRuleUUIDs` entry is not a detection rule of the server's configuration.
    UnknownDetectionRule = 40023, 400, "Unknown Detection Rule";
    /// A `policyUUIDs` entry (or `policyUUID`) is not a policy of the server's configuration.
    UnknownPolicy = 40024, 400, "Unknown Policy";
    /// A `detectorUUID` is not a detector of the server's configuration.
    UnknownDetectorUuid = 40025, 400, "Unknown Detector UUID";
    /// A chunk's `X-Upload-Offset` is missing, not a multiple of `chunkSize`, or past the end
    /// of the file, or the chunk has the wrong length.
    InvalidUploadChunk = 40026, 400, "Invalid Upload Chunk";
    /// `finish` was called before every chunk arrived.
    UploadIncomplete = 40027, 400, "Upload Incomplete";
    /// `scan` was called on an upload that is not finished.
    UploadNotFinished = 40028, 400, "Upload Not Finished";
    /// `fileSizeBytes` is missing, negative or above the server's maximum file size.
    InvalidFileSize = 40029, 400, "Invalid File Size";
    /// The webhook URL is not an absolute `http` or `https` URL, or no webhook or alert
    /// target is given for a file scan.
    InvalidWebhookUrl = 40030, 400, "Invalid Webhook URL";
    /// `requestMetadata` is longer than 10 KB.
    RequestMetadataTooLarge = 40031, 400, "Request Metadata Too Large";
    /// No `Authorization: Bearer` header, or the key is not accepted.
    Unauthenticated = 40100, 401, "Unauthenticated";
    /// No such route.
    NotFound = 40400, 404, "Not Found";
    /// No such upload (or it belongs to another API key, or it expired).
    UploadNotFound = 40401, 404, "Upload Not Found";
    /// The findings document does not exist, its link is not valid, or it expired.
    FindingsNotFound = 40402, 404, "Findings Not Found";
    /// The route exists but not with this method.
    MethodNotAllowed = 40500, 405, "Method Not Allowed";
    /// The upload was already scanned, or a chunk arrived after `finish`.
    UploadConflict = 40900, 409, "Upload Conflict";
    /// The request body is larger than the server accepts.
    BodyTooLarge = 41300, 413, "Request Body Too Large";
    /// The webhook answered the challenge, but not with status 200 and the challenge text.
    WebhookChallengeFailed = 42201, 422, "Webhook returned incorrect challenge response";
    /// The API key sent more requests than its rate limit allows; see `Retry-After`.
    RateLimited = 42900, 429, "Too Many Requests";
    /// An unexpected error; details are in the server's log, not in the response.
    Internal = 50000, 500, "Internal Server Error";
    /// The request took longer than the server's request timeout.
    Timeout = 50400, 504, "Request Timeout";
}

impl ErrorCode {
    /// The error body with this code and a description.
    pub fn body(self, description: impl Into<String>) -> ErrorBody {
        ErrorBody {
            code: self.code(),
            message: self.message().to_string(),
            description: description.into(),
            additional_data: BTreeMap::new(),
        }
    }
}

/// The markdown of `docs/api-errors.md`, rendered from [`ErrorCode::ALL`].
pub fn render_error_table() -> String {
    let mut out = String::from(
        "<!-- Generated from crates/leakhound-api/src/error.rs; do not edit. Regenerate with\n     \
         LEAKHOUND_UPDATE_DOCS=1 cargo test -p leakhound-server --test it docs -->\n\n\
         # Scan API error codes\n\n\
         Every error response of `leakhound serve` has the body\n\
         `{\"code\": int, \"message\": string, \"description\": string, \"additionalData\": {string: string}}`.\n\
         The first three digits of `code` are the HTTP status. 40012, 40015 and 42201 are\n\
         Nightfall's documented codes; the others follow the same scheme. The Python SDK raises\n\
         `NightfallUserError` for 4xxxx codes and `NightfallSystemError` for 5xxxx.\n\n\
         | code | HTTP | message | when |\n|---|---|---|---|\n",
    );
    for c in ErrorCode::ALL {
        out.push_str(&format!(
            "| {} | {} | {} | {} |\n",
            c.code(),
            c.status(),
            c.message(),
            c.when().replace('|', "\\|")
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_prefixed_by_their_status() {
        let mut seen = std::collections::HashSet::new();
        for c in ErrorCode::ALL {
            assert!(seen.insert(c.code()), "duplicate {}", c.code());
            assert_eq!(c.code() / 100, u32::from(c.status()), "{c:?}");
            assert!(!c.when().is_empty(), "{c:?} needs a doc comment");
        }
    }

    #[test]
    fn body_has_the_sdk_shape() {
        let body = ErrorCode::InvalidRequest.body("payload is required");
        assert_eq!(
            serde_json::to_string(&body).unwrap(),
            r#"{"code":40015,"message":"Invalid Request","description":"payload is required","additionalData":{}}"#
        );
    }
}
