-- The deployment saga: one row per deployment, its state moved only by deploy-service's saga.
create table deployment (
    id               uuid primary key,
    service          text        not null,
    environment      text        not null,
    version          text        not null,
    previous_version text,
    state            text        not null,
    step             text,
    idempotency_key  text unique,
    requested_by     text        not null,
    backup_id        uuid,
    reason           text,
    -- The worker holding the running step (ROLLING_OUT, VERIFYING) and until when; a lapsed
    -- lease means its worker died and any replica may resume the step.
    lease_owner      text,
    lease_until      timestamptz,
    created_at       timestamptz not null default now(),
    started_at       timestamptz,
    updated_at       timestamptz not null default now(),
    finished_at      timestamptz,
    constraint deployment_state_known check (state in
        ('QUEUED', 'BACKING_UP', 'ROLLING_OUT', 'VERIFYING', 'SUCCEEDED', 'FAILED'))
);
-- One active deployment per service/environment, whatever races between replicas.
create unique index deployment_one_active on deployment (service, environment)
    where state in ('BACKING_UP', 'ROLLING_OUT', 'VERIFYING');
create index deployment_queued on deployment (service, environment, created_at)
    where state = 'QUEUED';
create index deployment_newest on deployment (created_at desc);
create index deployment_last_success on deployment (service, environment, finished_at desc)
    where state = 'SUCCEEDED';

-- Each attempt at a step; detail holds bounded, redacted command output.
create table deployment_step (
    id            bigserial primary key,
    deployment_id uuid        not null references deployment (id),
    step          text        not null,
    outcome       text        not null,
    started_at    timestamptz not null,
    finished_at   timestamptz,
    detail        text
);
create index deployment_step_of on deployment_step (deployment_id, id);
-- At most one running attempt per step of a deployment.
create unique index deployment_step_running on deployment_step (deployment_id, step)
    where outcome = 'RUNNING';
