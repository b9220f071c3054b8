-- Alertmanager's aggregation groups, for routes with group_by: alerts with the same values of the
-- group_by labels, for the same route and receiver, are told together: the first one waits
-- group_wait, later ones are batched every group_interval.
create table alert_group (
    group_key     text primary key,
    route_path    text        not null,
    receiver      text        not null,
    labels        jsonb       not null,
    flush_at      timestamptz,
    flushes       int         not null default 0,
    last_flush_at timestamptz,
    group_interval_ms bigint  not null,
    created_at    timestamptz not null default now()
);
create index alert_group_due on alert_group (flush_at) where flush_at is not null;

create table alert_group_member (
    id          bigserial primary key,
    group_key   text        not null references alert_group (group_key),
    event_id    text        not null,
    event_type  text        not null,
    subject     text        not null,
    body_text   text        not null,
    severity    text,
    dedup_key   text,
    alert_id    uuid,
    ack_link    text,
    event_data  jsonb,
    flushed     boolean     not null default false,
    created_at  timestamptz not null default now(),
    unique (group_key, event_id)
);
