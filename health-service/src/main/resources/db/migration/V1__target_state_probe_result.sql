-- What to probe. managed_by says who owns a row: 'config' rows are rewritten from
-- health.targets.* at every start (and deleted when gone from it); REST-managed rows come later.
create table target (
    id                text primary key,
    url               text        not null,
    service           text        not null,
    environment       text        not null,
    role              text        not null,
    interval_ms       bigint      not null,
    timeout_ms        bigint      not null,
    expected_status   int         not null,
    failure_threshold int         not null,
    success_threshold int         not null,
    criticality       text        not null,
    managed_by        text        not null default 'config',
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now()
);

-- The current state of each target: one row, locked while a probe result is applied.
create table target_state (
    target_id             text primary key references target (id) on delete cascade,
    status                text        not null,
    consecutive_failures  int         not null default 0,
    consecutive_successes int         not null default 0,
    since                 timestamptz not null,
    last_checked_at       timestamptz,
    last_duration_ms      bigint,
    last_error            text
);

-- Every probe, for uptime history; purged after health.history.retention.
create table probe_result (
    id          bigserial primary key,
    target_id   text        not null references target (id) on delete cascade,
    at          timestamptz not null,
    ok          boolean     not null,
    duration_ms bigint      not null,
    error       text
);
create index probe_result_target_at on probe_result (target_id, at desc);
create index probe_result_at on probe_result (at);
