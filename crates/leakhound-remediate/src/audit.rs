//! The JSONL audit file: one line per finished action (what, when, which ticket, which
//! finding hashes, result). The store keeps the same in its audit log.

use serde::Serialize;
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// One line of the audit file.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct AuditLine {
    /// When (ms since the Unix epoch).
    pub at_ms: i64,
    /// Who (`leakhound`, or the `--actor` given).
    pub actor: String,
    /// `note`, `redact`, `alert`.
    pub kind: String,
    /// `done`, `skipped`, `failed`, `found` (an interrupted attempt had reached the helpdesk).
    pub status: String,
    /// `hubspot` or `zendesk`.
    pub source: String,
    /// The ticket.
    pub ticket_id: String,
    /// The part, for redactions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub part_key: Option<String>,
    /// The keyed hashes of the values concerned.
    pub finding_hashes: Vec<String>,
    /// The action's idempotency key.
    pub idempotency_key: String,
    /// The action's id in the store.
    pub action_id: i64,
    /// What the helpdesk answered or why it failed. Never a value.
    pub result: String,
}

/// An append-only JSONL file.
#[derive(Debug)]
pub struct AuditFile {
    path: PathBuf,
    file: Mutex<File>,
}

impl AuditFile {
    /// Opens (creates) `path` for appending.
    pub fn open(path: &Path) -> std::io::Result<AuditFile> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let file = OpenOptions::new().create(true).append(true).open(path)?;
        Ok(AuditFile {
            path: path.to_path_buf(),
            file: Mutex::new(file),
        })
    }

    /// Its path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends one line and flushes it.
    pub fn write(&self, line: &AuditLine) -> std::io::Result<()> {
        let mut text = serde_json::to_string(line).map_err(std::io::Error::other)?;
        text.push('\n');
        let mut f = self
            .file
            .lock()
            .map_err(|_| std::io::Error::other("audit file lock poisoned"))?;
        f.write_all(text.as_bytes())?;
        f.flush()
    }
}
