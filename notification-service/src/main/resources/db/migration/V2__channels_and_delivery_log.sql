-- Receivers with several channels: which configured receiver (and which of its integrations) a
-- notification goes to, what the channel needs to address the event (severity, dedup key, alert),
-- and whether it is a fallback for another notification that failed.
alter table notification
    add column receiver_name text not null default 'default',
    add column target        text,
    add column severity      text,
    add column dedup_key     text,
    add column alert_id      uuid,
    add column ack_link      text,
    add column event_data    jsonb,
    add column fallback_of   uuid references notification (id),
    add column fallback_id   uuid;

-- The fingerprint of a fired alert names it at PagerDuty (dedup_key) when it is acknowledged or
-- resolved later, whose events carry only the alert id.
alter table known_alert add column fingerprint text;

-- Every send attempt, successful or not: the delivery log.
create table delivery_attempt (
    id              bigserial primary key,
    notification_id uuid        not null references notification (id),
    event_id        text        not null,
    receiver        text        not null,
    channel         text        not null,
    attempt         int         not null,
    outcome         text        not null check (outcome in ('SENT', 'RETRY', 'FAILED', 'THROTTLED')),
    error           text,
    latency_ms      bigint      not null,
    attempted_at    timestamptz not null default now()
);
create index delivery_attempt_notification on delivery_attempt (notification_id, id);

-- The routing configuration written through the API (YAML text); it wins over the file.
create table routing_config (
    id         int primary key check (id = 1),
    yaml       text        not null,
    updated_by text,
    updated_at timestamptz not null default now()
);
