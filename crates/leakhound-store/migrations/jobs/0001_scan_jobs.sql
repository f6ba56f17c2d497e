-- File-scan jobs of `leakhound serve`: one row per scanned upload, from queued to delivered.
--
-- A job has two phases: 'scan' (extract the file's text, scan it, write the findings
-- document) and 'deliver' (POST the signed notification to the webhook, with retries).
-- A job is 'queued' until a worker claims it once it is due (`next_attempt_at_ms`), then
-- 'running'. A process that dies leaves jobs 'running'; the next start puts them back to
-- 'queued' (`JobQueue::recover_interrupted`), so no accepted scan is lost.
--
-- Times are INTEGER milliseconds since the Unix epoch (UTC). `request` and `result` are JSON
-- written and read by the server; the store does not look inside. Neither holds scanned text:
-- the file stays in the server's data directory, the findings in the findings document.
CREATE TABLE scan_jobs (
    id                 TEXT PRIMARY KEY NOT NULL CHECK (length(id) BETWEEN 1 AND 100),
    phase              TEXT NOT NULL CHECK (phase IN ('scan', 'deliver')),
    state              TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed')),
    -- What to do: the resolved policy, webhook and metadata of the scan request.
    request            TEXT NOT NULL CHECK (json_valid(request)),
    -- What to deliver once scanned: the notification body; NULL in the scan phase.
    result             TEXT CHECK (result IS NULL OR json_valid(result)),
    -- Delivery attempts made in the current phase.
    attempts           INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at_ms INTEGER NOT NULL,
    created_at_ms      INTEGER NOT NULL,
    updated_at_ms      INTEGER NOT NULL CHECK (updated_at_ms >= created_at_ms),
    -- Why the last attempt failed (never scanned text).
    last_error         TEXT,
    CHECK ((phase = 'deliver') = (result IS NOT NULL))
) STRICT;

-- The claim query: the oldest due queued job.
CREATE INDEX scan_jobs_due ON scan_jobs (state, next_attempt_at_ms);
