-- One row per (event, channel, receiver): what to tell whom, and how delivery went.
create table notification (
    id              uuid primary key,
    event_id        text        not null,
    event_type      text        not null,
    channel         text        not null,
    receiver        text        not null,
    subject         text        not null,
    body_text       text        not null,
    body_html       text        not null,
    status          text        not null check (status in ('PENDING', 'SENT', 'FAILED')),
    attempts        int         not null default 0,
    next_attempt_at timestamptz not null,
    last_error      text,
    created_at      timestamptz not null default now(),
    sent_at         timestamptz,
    -- One email per event and receiver, whatever redeliveries or replays happen upstream.
    unique (event_id, channel, receiver)
);
-- The delivery worker's query: due PENDING rows, oldest first.
create index notification_due on notification (next_attempt_at) where status = 'PENDING';
create index notification_created on notification (created_at desc);

-- The alerts this service has been told about, so "resolved" and "acknowledged" messages can name
-- the alert that fired (their events carry only its id). Escalation will read it too.
create table known_alert (
    alert_id        uuid primary key,
    name            text,
    severity        text,
    summary         text,
    labels          jsonb       not null default '{}'::jsonb,
    fired_at        timestamptz not null,
    resolved_at     timestamptz,
    acknowledged_by text,
    acknowledged_at timestamptz
);
