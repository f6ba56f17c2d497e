//! The helpdesk scan pipeline: fetch → scan → store, as stages joined by bounded channels, and
//! reports written from the store.
//!
//! - **Fetch** (async): a connector pages through a helpdesk. Waiting on the network never
//!   blocks scanning: the channel to the next stage holds a couple of pages.
//! - **Scan**: per page, the parts of each ticket that changed since they were last scanned
//!   (hash per part, asked of the store in one query) are joined into one thread per ticket and
//!   scanned on every core (rayon) by the in-process engine, or sent in batches to any
//!   Nightfall-compatible scan API ([`RemoteScanner`]).
//! - **Store**: each page is committed in one transaction together with its cursor, after the
//!   page and never before, so a run killed at any moment resumes without missing or
//!   duplicating anything.
//!
//! Memory stays flat however many tickets there are: at most a few pages are in flight.

pub mod eval;
mod remote;
pub mod report;
mod run;
mod thread;

pub use remote::{RemoteScanner, RemoteScannerConfig};
pub use run::{
    run_source, PageStats, Progress, RunOptions, ScanMode, SourceConfig, SourceSummary,
    ThreadScanner,
};
pub use thread::Thread;

/// What can stop a pipeline run.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The helpdesk connector failed (after its own retries).
    #[error("{0}")]
    Connector(#[from] leakhound_connectors::Error),
    /// The store failed.
    #[error("store: {0}")]
    Store(#[from] leakhound_store::Error),
    /// The remote scan API failed.
    #[error("remote scanner: {0}")]
    Remote(String),
    /// A report could not be written.
    #[error("report: {0}")]
    Report(#[from] std::io::Error),
    /// A pipeline stage ended unexpectedly.
    #[error("pipeline: {0}")]
    Internal(String),
}

/// The pipeline's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
