//! The wire format of leakhound: the JSON (and TOML) shapes of the Nightfall v3 scan API's
//! policies, detection rules, findings, requests, responses, errors and webhooks, and their
//! mapping onto the engine's types.
//!
//! This crate is the one owner of field names. The engine knows no serialization; the CLI's
//! JSONL output, rule files and the server's bodies all go through these types, so the wire
//! format cannot drift between them.
//!
//! Tolerances follow what the official SDKs send (spec §0): `null` and `""` count as absent,
//! `minNumFindings` ≤ 0 counts as 1, both `maskLeftToRight` and `maskRightToLeft` are read,
//! `config` is an alias of `policy`, and unknown fields are ignored.

pub mod error;
pub mod finding;
pub mod policy;
pub mod scan;
pub mod upload;
pub mod webhook;

pub use error::{ErrorBody, ErrorCode};
pub use finding::{WireDetector, WireFinding, WireLocation, WireRange};
pub use policy::{
    PolicyError, PolicyErrorKind, WireDetectionRule, WireDetectorSpec, WirePolicy,
    WireRedactionConfig,
};
pub use scan::{ScanRequest, ScanResponse, WireAlertConfig};
