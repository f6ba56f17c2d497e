-- Scan results: runs, per-source cursors, tickets and parts seen, findings.
--
-- Conventions:
-- * Every table is STRICT, so a value of the wrong type is an error, not a silent coercion.
-- * Times are INTEGER milliseconds since the Unix epoch (UTC), in columns ending in `_ms`.
-- * A "source" is the connector instance a ticket comes from (`hubspot`, `zendesk:acme`);
--   ticket ids are the helpdesk's ids as text, since helpdesks disagree on their type.
-- * Hashes are lowercase hex HMAC-SHA256 under the store's hash key (see the `meta` table):
--   unkeyed hashes of short values can be reversed by guessing.
-- * Raw matched values are stored only when the user opted in (`findings.raw_value`).

-- Store-wide settings, such as the hash key and its fingerprint.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY NOT NULL CHECK (length(key) BETWEEN 1 AND 100),
    value TEXT NOT NULL
) STRICT;

-- One row per scan run. A run left 'running' by a killed process stays visible until a
-- later run marks it 'interrupted'.
CREATE TABLE runs (
    id             INTEGER PRIMARY KEY,
    kind           TEXT NOT NULL CHECK (kind IN ('full', 'incremental')),
    status         TEXT NOT NULL CHECK (status IN ('running', 'completed', 'failed', 'interrupted')),
    -- JSON array of the source names the run scans.
    sources        TEXT NOT NULL CHECK (json_valid(sources) AND json_type(sources) = 'array'),
    started_at_ms  INTEGER NOT NULL,
    -- NULL exactly while the run is 'running'.
    finished_at_ms INTEGER CHECK (finished_at_ms IS NULL OR finished_at_ms >= started_at_ms),
    -- Counters reported by the pipeline when the run ends (0 while running).
    tickets_fetched   INTEGER NOT NULL DEFAULT 0 CHECK (tickets_fetched >= 0),
    tickets_scanned   INTEGER NOT NULL DEFAULT 0 CHECK (tickets_scanned >= 0),
    parts_scanned     INTEGER NOT NULL DEFAULT 0 CHECK (parts_scanned >= 0),
    parts_skipped     INTEGER NOT NULL DEFAULT 0 CHECK (parts_skipped >= 0),
    findings          INTEGER NOT NULL DEFAULT 0 CHECK (findings >= 0),
    api_calls         INTEGER NOT NULL DEFAULT 0 CHECK (api_calls >= 0),
    rate_limit_waits  INTEGER NOT NULL DEFAULT 0 CHECK (rate_limit_waits >= 0),
    bytes_scanned     INTEGER NOT NULL DEFAULT 0 CHECK (bytes_scanned >= 0),
    errors            INTEGER NOT NULL DEFAULT 0 CHECK (errors >= 0),
    CHECK ((status = 'running') = (finished_at_ms IS NULL))
) STRICT;

CREATE INDEX runs_running ON runs (id) WHERE status = 'running';

-- Where each source's next incremental fetch starts. Opaque to the store (the connector picks
-- the format, usually versioned JSON). Written only by the page commit that stored the data
-- the cursor covers, in the same transaction, so a cursor never runs ahead of the data.
CREATE TABLE cursors (
    source        TEXT PRIMARY KEY NOT NULL CHECK (length(source) BETWEEN 1 AND 200),
    cursor        TEXT NOT NULL,
    run_id        INTEGER NOT NULL REFERENCES runs (id),
    updated_at_ms INTEGER NOT NULL
) STRICT;

-- Tickets seen, with what the connector needs to decide whether a ticket changed.
CREATE TABLE tickets (
    source        TEXT NOT NULL CHECK (length(source) BETWEEN 1 AND 200),
    ticket_id     TEXT NOT NULL CHECK (length(ticket_id) BETWEEN 1 AND 200),
    -- The helpdesk's last-modified time. NULL when only parts of the ticket were stored
    -- (for example comments that arrived on a page before their ticket).
    updated_at_ms INTEGER,
    -- Keyed hash of the ticket-level fields that were scanned; NULL as above.
    content_hash  TEXT,
    last_run_id   INTEGER NOT NULL REFERENCES runs (id),
    PRIMARY KEY (source, ticket_id)
) STRICT, WITHOUT ROWID;

-- Parts of a ticket that were scanned (`subject`, `content`, `description`,
-- `comment:123456`, `note:789`) and the hash of the text scanned, so a rerun skips a part
-- whose hash did not change.
CREATE TABLE parts (
    source       TEXT NOT NULL,
    ticket_id    TEXT NOT NULL,
    part_key     TEXT NOT NULL CHECK (length(part_key) BETWEEN 1 AND 200),
    content_hash TEXT NOT NULL,
    last_run_id  INTEGER NOT NULL REFERENCES runs (id),
    PRIMARY KEY (source, ticket_id, part_key),
    FOREIGN KEY (source, ticket_id) REFERENCES tickets (source, ticket_id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

-- What the scans found. One row per (part, range, detector): a rerun updates the row instead
-- of adding one, and a rescanned part loses the findings it no longer has.
CREATE TABLE findings (
    id              INTEGER PRIMARY KEY,
    source          TEXT NOT NULL,
    ticket_id       TEXT NOT NULL,
    ticket_url      TEXT,
    part_key        TEXT NOT NULL,
    -- The detector's display name (the rule's name for it, else the native name).
    detector        TEXT NOT NULL CHECK (length(detector) BETWEEN 1 AND 200),
    detector_uuid   TEXT,
    -- The scan-API name of a native detector (`CREDIT_CARD_NUMBER`), NULL for custom ones.
    native_detector TEXT,
    -- 0 VERY_UNLIKELY, 1 UNLIKELY, 2 POSSIBLE, 3 LIKELY, 4 VERY_LIKELY: a number so that
    -- "at least LIKELY" is a plain comparison.
    confidence      INTEGER NOT NULL CHECK (confidence BETWEEN 0 AND 4),
    -- Offsets within the part's text, end exclusive.
    byte_start      INTEGER NOT NULL CHECK (byte_start >= 0),
    byte_end        INTEGER NOT NULL CHECK (byte_end >= byte_start),
    codepoint_start INTEGER NOT NULL CHECK (codepoint_start >= 0),
    codepoint_end   INTEGER NOT NULL CHECK (codepoint_end >= codepoint_start),
    -- The value with only 3 characters readable, computed by the caller.
    fragment        TEXT NOT NULL,
    -- HMAC-SHA256 of the value under the store's hash key, lowercase hex.
    value_hash      TEXT NOT NULL CHECK (length(value_hash) = 64),
    -- The raw value: NULL unless the user opted in to storing values.
    raw_value       TEXT,
    -- JSON array of {"name": ..., "uuid": ...} for the detection rules that matched.
    matched_rules   TEXT NOT NULL DEFAULT '[]'
                    CHECK (json_valid(matched_rules) AND json_type(matched_rules) = 'array'),
    explanation     TEXT,
    first_seen_run  INTEGER NOT NULL REFERENCES runs (id),
    last_seen_run   INTEGER NOT NULL REFERENCES runs (id),
    created_at_ms   INTEGER NOT NULL,
    CHECK (last_seen_run >= first_seen_run),
    UNIQUE (source, ticket_id, part_key, byte_start, byte_end, detector),
    FOREIGN KEY (source, ticket_id, part_key)
        REFERENCES parts (source, ticket_id, part_key) ON DELETE CASCADE
) STRICT;

-- The UNIQUE constraint's index serves report order and per-part replacement; these serve
-- per-run summaries and lookups by value.
CREATE INDEX findings_last_seen_run ON findings (last_seen_run, detector);
CREATE INDEX findings_value_hash ON findings (value_hash);
