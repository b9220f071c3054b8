-- Per service/environment deployment configuration (admin-written: YAML file at start, REST).
create table deploy_target (
    service     text        not null,
    environment text        not null,
    config      jsonb       not null,
    updated_by  text        not null,
    updated_at  timestamptz not null default now(),
    primary key (service, environment)
);

-- The full saga: VALIDATE, approval, MIGRATE, BAKE, ROLLBACK and RESTORE, and their outcomes.
alter table deployment drop constraint deployment_state_known;
alter table deployment add constraint deployment_state_known check (state in
    ('QUEUED', 'VALIDATING', 'AWAITING_APPROVAL', 'BACKING_UP', 'MIGRATING', 'ROLLING_OUT',
     'VERIFYING', 'BAKING', 'ROLLING_BACK', 'RESTORING', 'SUCCEEDED', 'FAILED', 'ROLLED_BACK',
     'REJECTED', 'CANCELLED'));
drop index deployment_one_active;
create unique index deployment_one_active on deployment (service, environment)
    where state in ('VALIDATING', 'AWAITING_APPROVAL', 'BACKING_UP', 'MIGRATING', 'ROLLING_OUT',
                    'VERIFYING', 'BAKING', 'ROLLING_BACK', 'RESTORING');
alter table deployment
    -- what the request said: the checklist is checked on arrival, the window at VALIDATE
    add column requires_window boolean not null default false,
    -- an admin's override of the alert gate and freezes, with the reason (also in audit_log)
    add column override_by     text,
    add column override_reason text,
    -- what has been changed so far, so a rollback undoes exactly that
    add column migrated        boolean not null default false,
    add column rolled_out      boolean not null default false,
    -- why the rollback runs (the failed step's summary)
    add column rollback_reason text,
    add column restore_id      uuid,
    add column bake_until      timestamptz,
    add column bake_failures   integer not null default 0,
    add column watch_until     timestamptz;
create index deployment_baking on deployment (service, environment) where state = 'BAKING';

-- Maintenance windows: one-off (starts_at/ends_at) or recurring (cron + duration + zone).
create table maintenance_window (
    id          uuid primary key,
    services    jsonb       not null,
    environment text        not null,
    description text,
    starts_at   timestamptz,
    ends_at     timestamptz,
    cron        text,
    duration_s  bigint,
    zone        text,
    created_by  text        not null,
    created_at  timestamptz not null default now(),
    deleted_at  timestamptz
);

-- Which maintenance events were emitted for which occurrence: never twice, across restarts.
create table maintenance_emission (
    window_id        uuid        not null references maintenance_window (id),
    occurrence_start timestamptz not null,
    kind             text        not null,
    emitted_at       timestamptz not null default now(),
    primary key (window_id, occurrence_start, kind)
);

-- Deploy freezes: no deployment of the services (all when empty) in the environment (all when
-- null) between starts_at and ends_at, unless an admin overrides with a reason.
create table deploy_freeze (
    id          uuid primary key,
    services    jsonb       not null,
    environment text,
    starts_at   timestamptz not null,
    ends_at     timestamptz not null,
    reason      text        not null,
    created_by  text        not null,
    created_at  timestamptz not null default now()
);

-- Who did what that bypasses a safety net (gate/freeze overrides) or changes configuration.
create table audit_log (
    id         bigserial primary key,
    at         timestamptz not null default now(),
    actor      text        not null,
    action     text        not null,
    subject    text        not null,
    reason     text
);
