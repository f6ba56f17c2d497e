//! The records the store keeps and the requests it takes.

use leakhound_engine::Confidence;
use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;

/// A scan run's id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RunId(pub i64);

impl fmt::Display for RunId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// A stored finding's id. Stable across reruns while the finding stays (same part, range and
/// detector), so remediation records can point at it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FindingId(pub i64);

/// Whether a run scans everything or only what changed since the stored cursors.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RunKind {
    /// Every ticket, ignoring the cursors (but still skipping unchanged parts if asked).
    Full,
    /// From each source's stored cursor on.
    Incremental,
}

impl RunKind {
    /// The stored name: `full` or `incremental`.
    pub fn as_str(self) -> &'static str {
        match self {
            RunKind::Full => "full",
            RunKind::Incremental => "incremental",
        }
    }

    pub(crate) fn parse(s: &str) -> Option<RunKind> {
        [RunKind::Full, RunKind::Incremental]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

/// A run's state.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RunStatus {
    /// Begun and not finished. After a crash it stays so until
    /// [`Store::interrupt_unfinished_runs`](crate::Store::interrupt_unfinished_runs).
    Running,
    /// Finished normally.
    Completed,
    /// Stopped on an error.
    Failed,
    /// Stopped by the user or a crash; its committed pages are kept.
    Interrupted,
}

impl RunStatus {
    /// The stored name: `running`, `completed`, `failed` or `interrupted`.
    pub fn as_str(self) -> &'static str {
        match self {
            RunStatus::Running => "running",
            RunStatus::Completed => "completed",
            RunStatus::Failed => "failed",
            RunStatus::Interrupted => "interrupted",
        }
    }

    pub(crate) fn parse(s: &str) -> Option<RunStatus> {
        [
            RunStatus::Running,
            RunStatus::Completed,
            RunStatus::Failed,
            RunStatus::Interrupted,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }
}

/// How a run ended: the statuses [`Store::finish_run`](crate::Store::finish_run) accepts.
///
/// A separate type from [`RunStatus`] so that "finish as running" cannot be written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RunOutcome {
    /// Finished normally.
    Completed,
    /// Stopped on an error.
    Failed,
    /// Stopped by the user (Ctrl-C).
    Interrupted,
}

impl From<RunOutcome> for RunStatus {
    fn from(o: RunOutcome) -> RunStatus {
        match o {
            RunOutcome::Completed => RunStatus::Completed,
            RunOutcome::Failed => RunStatus::Failed,
            RunOutcome::Interrupted => RunStatus::Interrupted,
        }
    }
}

/// The counters of a run, reported by the pipeline when the run ends.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RunStats {
    /// Tickets the connectors returned.
    pub tickets_fetched: u64,
    /// Tickets with at least one part scanned.
    pub tickets_scanned: u64,
    /// Parts (subject, comment, ...) scanned.
    pub parts_scanned: u64,
    /// Parts skipped because their hash had not changed.
    pub parts_skipped: u64,
    /// Findings reported.
    pub findings: u64,
    /// HTTP requests made to helpdesks and scan APIs.
    pub api_calls: u64,
    /// Times a rate limit made the run wait.
    pub rate_limit_waits: u64,
    /// Bytes of text scanned.
    pub bytes_scanned: u64,
    /// Non-fatal errors (a ticket that could not be fetched, ...).
    pub errors: u64,
}

/// A stored run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RunRecord {
    /// Its id; ids grow with time.
    pub id: RunId,
    /// Full or incremental.
    pub kind: RunKind,
    /// Where it stands.
    pub status: RunStatus,
    /// The sources it scans.
    pub sources: Vec<String>,
    /// When it began (ms since the Unix epoch).
    pub started_at_ms: i64,
    /// When it ended, `None` while running.
    pub finished_at_ms: Option<i64>,
    /// Its counters (zero until it ends).
    pub stats: RunStats,
}

/// A ticket fetched in a page, with what decides later whether it changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TicketSeen {
    /// The helpdesk's ticket id.
    pub ticket_id: String,
    /// The helpdesk's last-modified time (ms since the Unix epoch).
    pub updated_at_ms: i64,
    /// Hash of the ticket-level fields scanned; use [`Store::value_hash`](crate::Store::value_hash).
    pub content_hash: String,
}

/// What the store knows of a ticket (see [`Store::ticket_states`](crate::Store::ticket_states)).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TicketState {
    /// The last-modified time stored, `None` if only parts of the ticket were stored.
    pub updated_at_ms: Option<i64>,
    /// The hash of its ticket-level fields, `None` as above.
    pub content_hash: Option<String>,
    /// The last run that stored it.
    pub last_run: RunId,
}

/// A part of a ticket that was scanned in a page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartScanned {
    /// The ticket it belongs to.
    pub ticket_id: String,
    /// Which part: `subject`, `content`, `description`, `comment:123456`, `note:789`.
    pub part_key: String,
    /// Hash of the text scanned; use [`Store::value_hash`](crate::Store::value_hash).
    pub content_hash: String,
}

/// A detection rule a finding matched.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RuleRef {
    /// The rule's name.
    pub name: String,
    /// The rule's UUID, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uuid: Option<String>,
}

/// A finding to store, located in one part of one ticket.
///
/// `Debug` prints `raw_value` as `<redacted>`.
#[derive(Clone, PartialEq, Eq)]
pub struct FindingRecord {
    /// The ticket it was found in.
    pub ticket_id: String,
    /// A link to the ticket in the helpdesk's UI.
    pub ticket_url: Option<String>,
    /// The part it was found in; must be one of the page's [`PageCommit::parts`].
    pub part_key: String,
    /// The detector's display name.
    pub detector: String,
    /// The detector's UUID, when it has one.
    pub detector_uuid: Option<String>,
    /// The native detector's scan-API name (`CREDIT_CARD_NUMBER`), `None` for custom ones.
    pub native_detector: Option<String>,
    /// How sure the scanner is.
    pub confidence: Confidence,
    /// Byte offsets within the part's text, end exclusive.
    pub byte_range: Range<usize>,
    /// Code-point offsets within the part's text, end exclusive.
    pub codepoint_range: Range<usize>,
    /// The value with 3 characters readable (`411*************`), computed by the caller.
    pub fragment: String,
    /// [`Store::value_hash`](crate::Store::value_hash) of the value.
    pub value_hash: String,
    /// The raw value, only when the user opted in to storing values; `None` by default.
    pub raw_value: Option<String>,
    /// The detection rules it matched.
    pub matched_rules: Vec<RuleRef>,
    /// Why it was reported (the engine's explanation), if kept.
    pub explanation: Option<String>,
}

impl fmt::Debug for FindingRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FindingRecord")
            .field("ticket_id", &self.ticket_id)
            .field("part_key", &self.part_key)
            .field("detector", &self.detector)
            .field("confidence", &self.confidence)
            .field("byte_range", &self.byte_range)
            .field("codepoint_range", &self.codepoint_range)
            .field("fragment", &self.fragment)
            .field("raw_value", &self.raw_value.as_ref().map(|_| Redacted))
            .field("matched_rules", &self.matched_rules)
            .finish_non_exhaustive()
    }
}

/// Prints `<redacted>` in place of a sensitive field.
struct Redacted;

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// One page of a source, stored atomically by
/// [`Store::commit_page`](crate::Store::commit_page).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PageCommit {
    /// The tickets the page fetched.
    pub tickets: Vec<TicketSeen>,
    /// The parts scanned. Their old findings are replaced by the page's findings for them.
    pub parts: Vec<PartScanned>,
    /// Everything found in `parts`.
    pub findings: Vec<FindingRecord>,
    /// The source's cursor once this page is stored; `None` leaves the cursor as it is.
    pub cursor: Option<String>,
}

/// A finding as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredFinding {
    /// Its id.
    pub id: FindingId,
    /// The source it came from.
    pub source: String,
    /// What was found and where.
    pub record: FindingRecord,
    /// The run that first found it.
    pub first_seen_run: RunId,
    /// The last run that scanned its part and still found it.
    pub last_seen_run: RunId,
    /// When it was first stored (ms since the Unix epoch).
    pub created_at_ms: i64,
}

/// Which findings to read. The default selects every finding.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FindingFilter {
    /// Only findings that this run found (its scan of their part saw them).
    pub run: Option<RunId>,
    /// With `run`: only findings that run found first (new findings).
    pub new_in_run: bool,
    /// Only findings of this source.
    pub source: Option<String>,
    /// Only findings at least this confident.
    pub min_confidence: Option<Confidence>,
}

/// What a run found, for its summary.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RunSummary {
    /// The run.
    pub run: RunRecord,
    /// Findings the run found (in parts it scanned).
    pub findings: u64,
    /// Of those, the ones no earlier run had found.
    pub new_findings: u64,
    /// Findings per detector display name.
    pub by_detector: BTreeMap<String, u64>,
    /// Findings per source.
    pub by_source: BTreeMap<String, u64>,
}

/// A remediation action about to be taken.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlannedAction {
    /// Identifies the action across reruns; derive it from what the action does (for
    /// example the finding's value hash, location and `kind`), never from a raw value.
    pub idempotency_key: String,
    /// The finding acted on, if any.
    pub finding_id: Option<FindingId>,
    /// The finding's value hash, kept after the finding is gone.
    pub value_hash: Option<String>,
    /// The source of the ticket.
    pub source: String,
    /// The ticket.
    pub ticket_id: String,
    /// The part, if the action is on one part.
    pub part_key: Option<String>,
    /// What is done (`redact_comment`, `tag_ticket`, ...).
    pub kind: String,
    /// The run that planned it.
    pub run: Option<RunId>,
}

/// Where a remediation action stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ActionStatus {
    /// Recorded, not begun.
    Planned,
    /// Begun: the request may or may not have reached the helpdesk.
    Started,
    /// Done.
    Done,
    /// Failed; may be started again.
    Failed,
}

impl ActionStatus {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            ActionStatus::Planned => "planned",
            ActionStatus::Started => "started",
            ActionStatus::Done => "done",
            ActionStatus::Failed => "failed",
        }
    }

    pub(crate) fn parse(s: &str) -> Option<ActionStatus> {
        [
            ActionStatus::Planned,
            ActionStatus::Started,
            ActionStatus::Done,
            ActionStatus::Failed,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }
}

/// How a started remediation action ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ActionOutcome {
    /// It worked.
    Done,
    /// It did not.
    Failed,
}

/// A stored remediation action.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActionRecord {
    /// Its id.
    pub id: i64,
    /// What was planned.
    pub action: PlannedAction,
    /// Where it stands.
    pub status: ActionStatus,
    /// The helpdesk's answer or the failure, once finished.
    pub result: Option<String>,
    /// When it was planned (ms since the Unix epoch).
    pub planned_at_ms: i64,
    /// When it was (last) started.
    pub started_at_ms: Option<i64>,
    /// When it finished.
    pub finished_at_ms: Option<i64>,
}

/// An event for the audit log.
#[derive(Clone, Debug, PartialEq)]
pub struct AuditEntry {
    /// Who: `leakhound`, a user, an API key id.
    pub actor: String,
    /// What: `run.interrupted`, `action.done`, ...
    pub event: String,
    /// About what: `run:12`, `action:7`, ...
    pub subject: String,
    /// Details, never a scanned value.
    pub detail: serde_json::Value,
}

/// A stored audit log entry.
#[derive(Clone, Debug, PartialEq)]
pub struct AuditRecord {
    /// Its id; ids grow with time.
    pub id: i64,
    /// When (ms since the Unix epoch).
    pub at_ms: i64,
    /// The entry.
    pub entry: AuditEntry,
}
