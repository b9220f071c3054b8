-- Alert states: PENDING (rule condition holds, `for` not yet elapsed), FIRING, ACKNOWLEDGED,
-- SUPPRESSED (silence, inhibition, maintenance, down dependency: recorded, never announced) and
-- RESOLVED. At most one non-resolved instance per fingerprint.
drop index alert_firing_fingerprint;
update alert set state = 'ACKNOWLEDGED' where state = 'FIRING' and acknowledged_at is not null;
create unique index alert_active_fingerprint on alert (fingerprint)
    where state in ('PENDING', 'FIRING', 'ACKNOWLEDGED', 'SUPPRESSED');
alter table alert
    add column deployment_id          uuid,
    add column suppressed_reason      text,
    add column dependency_target      text,
    add column fired_at               timestamptz,
    add column first_acknowledged_at  timestamptz;
update alert set fired_at = starts_at, first_acknowledged_at = acknowledged_at;
create index alert_service_environment on alert ((labels ->> 'service'), (labels ->> 'environment'));
create index alert_suppressed on alert (id) where state = 'SUPPRESSED';

-- Every state change of every alert: the history and the source of who acked and when.
create table alert_transition (
    id         bigserial primary key,
    alert_id   uuid        not null references alert (id) on delete cascade,
    from_state text,
    to_state   text        not null,
    at         timestamptz not null,
    actor      text,
    reason     text
);
create index alert_transition_alert on alert_transition (alert_id, id);

-- Nonces of signed acknowledge links already used: a link works once.
create table ack_link_use (
    nonce    text primary key,
    alert_id uuid        not null,
    used_at  timestamptz not null
);

-- The post-deploy watch window per service/environment (from deploy.succeeded).
create table deploy_watch (
    service       text        not null,
    environment   text        not null,
    deployment_id uuid        not null,
    watch_until   timestamptz not null,
    primary key (service, environment)
);

-- Silences with Alertmanager matchers.
create table silence (
    id         uuid primary key,
    matchers   jsonb       not null,
    starts_at  timestamptz not null,
    ends_at    timestamptz not null,
    created_by text        not null,
    comment    text        not null,
    created_at timestamptz not null,
    updated_at timestamptz not null
);
create index silence_ends_at on silence (ends_at);

-- Running maintenance windows (maintenance.started until maintenance.ended).
create table maintenance_window (
    window_id   uuid primary key,
    services    jsonb       not null,
    environment text,
    ends_at     timestamptz,
    started_at  timestamptz not null,
    ended_at    timestamptz
);
