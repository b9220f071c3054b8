-- Per-source schedule overrides set through the API (the configuration gives the default).
create table source_schedule (
    source     text primary key,
    cron       text        not null,
    updated_by text        not null,
    updated_at timestamptz not null
);

-- The newest schedule slot each source's scheduled backup was requested for: after downtime the
-- missed slots collapse into one catch-up run.
create table schedule_run (
    source    text primary key,
    last_slot timestamptz not null
);

-- Restore drills: the latest backup restored into a scratch database and checked.
create table drill (
    id              uuid primary key,
    backup_id       uuid        not null references backup (id),
    source          text        not null,
    scratch_db      text        not null,
    status          text        not null check (status in ('RUNNING', 'PASSED', 'FAILED')),
    started_at      timestamptz not null,
    finished_at     timestamptz,
    restore_seconds double precision,
    checks          jsonb,
    failure_reason  text
);
create index drill_source_started on drill (source, started_at desc);
