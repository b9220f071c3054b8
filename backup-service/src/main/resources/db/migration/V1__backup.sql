-- One row per requested backup: a persisted state machine PENDING -> RUNNING -> COMPLETED | FAILED.
create table backup (
    id               uuid primary key,
    source           text        not null,
    reason           text        not null,
    correlation_id   text,
    requested_by     text        not null,
    traceparent      text,
    status           text        not null
        check (status in ('PENDING', 'RUNNING', 'COMPLETED', 'FAILED')),
    requested_at     timestamptz not null,
    started_at       timestamptz,
    finished_at      timestamptz,
    attempts         int         not null default 0,
    -- The replica running it and until when its claim holds; an expired claim is re-run.
    claimed_by       text,
    claim_expires_at timestamptz,
    size_bytes       bigint,
    sha256           text,
    location         text,
    failure_reason   text
);
-- The worker's queue: only unfinished rows.
create index backup_unfinished on backup (requested_at) where status in ('PENDING', 'RUNNING');
create index backup_requested_at on backup (requested_at desc);
create index backup_source_requested_at on backup (source, requested_at desc);
