-- Remediation (issue 8): actions taken on findings, and an append-only audit log.

-- One row per action, keyed by the caller's idempotency key (for example a hash of the
-- finding's value hash, location and action kind), so that a rerun finds the action instead
-- of repeating it. Rows outlive the findings they acted on: a redacted comment is rescanned
-- and its finding disappears, but the record of the redaction must stay.
CREATE TABLE remediation_actions (
    id              INTEGER PRIMARY KEY,
    idempotency_key TEXT NOT NULL UNIQUE CHECK (length(idempotency_key) BETWEEN 1 AND 200),
    finding_id      INTEGER REFERENCES findings (id) ON DELETE SET NULL,
    -- Copied from the finding so the record stands alone once the finding is gone.
    value_hash      TEXT CHECK (value_hash IS NULL OR length(value_hash) = 64),
    source          TEXT NOT NULL CHECK (length(source) BETWEEN 1 AND 200),
    ticket_id       TEXT NOT NULL CHECK (length(ticket_id) BETWEEN 1 AND 200),
    part_key        TEXT,
    -- What is done (`redact_comment`, `tag_ticket`, ...); the remediation code owns the list.
    kind            TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 64),
    status          TEXT NOT NULL CHECK (status IN ('planned', 'started', 'done', 'failed')),
    -- What the helpdesk answered, or why it failed. Never a scanned value.
    result          TEXT,
    run_id          INTEGER REFERENCES runs (id),
    planned_at_ms   INTEGER NOT NULL,
    started_at_ms   INTEGER,
    finished_at_ms  INTEGER,
    CHECK ((status IN ('done', 'failed')) = (finished_at_ms IS NOT NULL)),
    CHECK (status = 'planned' OR started_at_ms IS NOT NULL)
) STRICT;

CREATE INDEX remediation_actions_ticket ON remediation_actions (source, ticket_id);

-- Who did what, when. Append-only: the store never updates or deletes rows.
CREATE TABLE audit_log (
    id      INTEGER PRIMARY KEY,
    at_ms   INTEGER NOT NULL,
    -- `leakhound`, a user name, an API key id.
    actor   TEXT NOT NULL CHECK (length(actor) BETWEEN 1 AND 200),
    -- `run.interrupted`, `action.planned`, `action.started`, `action.done`, ...
    event   TEXT NOT NULL CHECK (length(event) BETWEEN 1 AND 100),
    -- What the event is about: `run:12`, `action:7`, `ticket:zendesk:acme/123`.
    subject TEXT NOT NULL,
    -- Free-form JSON details. Never a scanned value.
    detail  TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail))
) STRICT;

CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
