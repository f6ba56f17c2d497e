//! The storage interface the pipeline, reports and remediation use.

use crate::model::*;
use crate::Result;
use std::collections::HashMap;

/// A store of scan results.
///
/// Synchronous on purpose: the backends (SQLite today) block, and async callers run store
/// calls on `tokio::task::spawn_blocking` with an `Arc<dyn Store>`. The trait is object safe
/// and `Send + Sync` so that one store can be shared by the pipeline's stages.
///
/// Every method is atomic: it stores all of its effect or none. The crash-safety of
/// incremental scans rests on [`Store::commit_page`]: the only way to move a cursor is
/// together with the data it covers.
pub trait Store: Send + Sync {
    /// Records the start of a run over `sources` and returns its id.
    fn begin_run(&self, kind: RunKind, sources: &[&str]) -> Result<RunId>;

    /// Records the end of a running run with its counters.
    ///
    /// Fails with [`Error::RunNotRunning`](crate::Error::RunNotRunning) if it already ended
    /// (or was marked interrupted by another run).
    fn finish_run(&self, run: RunId, outcome: RunOutcome, stats: &RunStats) -> Result<()>;

    /// The run, if it exists.
    fn run(&self, run: RunId) -> Result<Option<RunRecord>>;

    /// Runs still marked running, oldest first: after a crash, the runs of killed processes.
    fn unfinished_runs(&self) -> Result<Vec<RunRecord>>;

    /// Marks every running run other than `except` interrupted (and writes the audit log),
    /// returning their ids. A new run calls it once it knows no other process is scanning.
    fn interrupt_unfinished_runs(&self, except: Option<RunId>) -> Result<Vec<RunId>>;

    /// The source's stored cursor: where the next incremental fetch starts.
    fn cursor(&self, source: &str) -> Result<Option<String>>;

    /// What is stored about each of `ticket_ids` that was seen before, in one query.
    fn ticket_states(
        &self,
        source: &str,
        ticket_ids: &[&str],
    ) -> Result<HashMap<String, TicketState>>;

    /// The content hash of every stored part of `ticket_ids`, keyed by (ticket id, part key),
    /// in one query: the pipeline asks once per page which parts it can skip.
    fn scanned_parts(
        &self,
        source: &str,
        ticket_ids: &[&str],
    ) -> Result<HashMap<(String, String), String>>;

    /// Stores one page of `source` in one transaction: upserts its tickets and parts,
    /// replaces the findings of each of its parts with the page's findings for that part
    /// (findings that stay keep their id and first run), then sets the cursor.
    ///
    /// If the process dies at any moment, either the whole page and its cursor are stored or
    /// nothing of it is. Fails with [`Error::InvalidPage`](crate::Error::InvalidPage),
    /// writing nothing, if a finding's part is not in `page.parts`.
    fn commit_page(&self, run: RunId, source: &str, page: &PageCommit) -> Result<()>;

    /// `HMAC-SHA256(store key, value)` in lowercase hex: the hash findings are stored under.
    /// Also the right hash for [`TicketSeen::content_hash`] and [`PartScanned::content_hash`].
    fn value_hash(&self, value: &str) -> String;

    /// Calls `f` with every finding `filter` selects, in (source, ticket id, part key, byte
    /// start, byte end, detector) order, comparing text byte-wise.
    ///
    /// Streams: memory does not grow with the number of findings. The store reads in chunks
    /// and holds no lock while `f` runs, so `f` may call the store. Findings committed
    /// while iterating may or may not be seen. An error from `f` stops the iteration and is
    /// returned (wrap foreign errors with [`Error::consumer`](crate::Error::consumer)).
    fn for_each_finding(
        &self,
        filter: &FindingFilter,
        f: &mut dyn FnMut(StoredFinding) -> Result<()>,
    ) -> Result<()>;

    /// How many findings `filter` selects.
    fn count_findings(&self, filter: &FindingFilter) -> Result<u64>;

    /// The run with counts of what it found, per detector and per source.
    fn run_summary(&self, run: RunId) -> Result<RunSummary>;

    /// Records a planned remediation action, or returns the action already recorded under
    /// its idempotency key (whatever its status): a rerun gets the existing record back and
    /// must not redo an action that is done.
    fn record_action_planned(&self, action: &PlannedAction) -> Result<ActionRecord>;

    /// Marks the action started, just before its request is sent. Allowed from planned or
    /// failed (a retry); a started action found by a rerun may or may not have reached the
    /// helpdesk, and the remediation code must check before starting it again.
    fn record_action_started(&self, idempotency_key: &str) -> Result<ActionRecord>;

    /// Marks a started action done or failed with the helpdesk's answer (never a value).
    fn record_action_finished(
        &self,
        idempotency_key: &str,
        outcome: ActionOutcome,
        result: &str,
    ) -> Result<ActionRecord>;

    /// The action recorded under an idempotency key.
    fn action_for(&self, idempotency_key: &str) -> Result<Option<ActionRecord>>;

    /// Appends an entry to the audit log.
    fn append_audit(&self, entry: &AuditEntry) -> Result<()>;

    /// Up to `limit` audit entries with an id above `after_id`, oldest first.
    fn audit_entries(&self, after_id: i64, limit: usize) -> Result<Vec<AuditRecord>>;
}
