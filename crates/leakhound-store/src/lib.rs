//! The store of leakhound scan results: runs, per-source cursors, the tickets and parts
//! already scanned, findings, and remediation records.
//!
//! The pipeline talks to a [`Store`] (shared as `Arc<dyn Store>`); [`SqliteStore`] is the
//! default backend, one SQLite file in WAL mode with embedded migrations. A PostgreSQL
//! backend can implement the same trait later: all SQL lives in the backend's module.
//!
//! ```
//! use leakhound_engine::Confidence;
//! use leakhound_store::*;
//!
//! # fn main() -> leakhound_store::Result<()> {
//! let store = SqliteStore::open_in_memory()?;
//! let run = store.begin_run(RunKind::Incremental, &["zendesk:acme"])?;
//!
//! // Which parts of this page's tickets were scanned before, and with which content?
//! let known = store.scanned_parts("zendesk:acme", &["42"])?;
//! assert!(known.is_empty());
//!
//! let comment = "my card is 4111 1111 1111 1111";
//! let value = "4111 1111 1111 1111";
//! let page = PageCommit {
//!     tickets: vec![TicketSeen {
//!         ticket_id: "42".into(),
//!         updated_at_ms: 1_700_000_000_000,
//!         content_hash: store.value_hash("subject and description"),
//!     }],
//!     parts: vec![PartScanned {
//!         ticket_id: "42".into(),
//!         part_key: "comment:9001".into(),
//!         content_hash: store.value_hash(comment),
//!     }],
//!     findings: vec![FindingRecord {
//!         ticket_id: "42".into(),
//!         ticket_url: Some("https://acme.zendesk.com/agent/tickets/42".into()),
//!         part_key: "comment:9001".into(),
//!         detector: "CREDIT_CARD_NUMBER".into(),
//!         detector_uuid: None,
//!         native_detector: Some("CREDIT_CARD_NUMBER".into()),
//!         confidence: Confidence::VeryLikely,
//!         byte_range: 11..30,
//!         codepoint_range: 11..30,
//!         fragment: "411****************".into(),
//!         value_hash: store.value_hash(value),
//!         raw_value: None, // stored only when the user opts in
//!         matched_rules: vec![RuleRef { name: "Default".into(), uuid: None }],
//!         explanation: None,
//!     }],
//!     // Stored in the same transaction as the page: never ahead of the data.
//!     cursor: Some(r#"{"v":1,"start_time":1700000000}"#.into()),
//! };
//! store.commit_page(run, "zendesk:acme", &page)?;
//! store.finish_run(run, RunOutcome::Completed, &RunStats::default())?;
//!
//! let mut fragments = Vec::new();
//! store.for_each_finding(&FindingFilter::default(), &mut |f| {
//!     fragments.push(f.record.fragment);
//!     Ok(())
//! })?;
//! assert_eq!(fragments, ["411****************"]);
//! assert_eq!(store.run_summary(run)?.by_detector["CREDIT_CARD_NUMBER"], 1);
//! # Ok(())
//! # }
//! ```
//!
//! Invariants:
//! - A source's cursor is written only by [`Store::commit_page`], in the transaction that
//!   stores the page it covers: after a crash, the data of every stored cursor is stored.
//! - Reruns never duplicate a finding: (source, ticket, part, byte range, detector) is unique,
//!   and a rescanned part's findings are replaced, not added to.
//! - Raw values are stored only when the caller passes them (the user opted in); otherwise
//!   findings keep a redacted fragment and an HMAC of the value under a secret key.
//! - Errors and `Debug` output never contain scanned text, raw values or the hash key.

#![deny(missing_docs)]

mod error;
pub mod jobs;
mod key;
mod model;
mod sqlite;
mod store;

pub use error::{Error, Result};
pub use key::{HashKey, HASH_KEY_ENV};
pub use model::{
    ActionOutcome, ActionRecord, ActionStatus, AuditEntry, AuditRecord, FindingFilter, FindingId,
    FindingRecord, PageCommit, PartScanned, PlannedAction, RuleRef, RunId, RunKind, RunOutcome,
    RunRecord, RunStats, RunStatus, RunSummary, StoredFinding, TicketSeen, TicketState,
};
pub use sqlite::{SqliteOptions, SqliteStore};
pub use store::Store;
