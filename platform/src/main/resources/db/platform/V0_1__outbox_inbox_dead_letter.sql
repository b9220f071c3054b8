-- Platform tables every service owns in its own database.
create table outbox (
    id         bigserial primary key,
    event_id   text        not null,
    topic      text        not null,
    msg_key    text,
    headers    jsonb       not null,
    payload    bytea       not null,
    created_at timestamptz not null default now(),
    sent_at    timestamptz
);
create index outbox_unsent on outbox (id) where sent_at is null;

create table inbox (
    consumer     text        not null,
    event_id     text        not null,
    processed_at timestamptz not null default now(),
    primary key (consumer, event_id)
);

create table dead_letter (
    id              bigserial primary key,
    consumer        text        not null,
    topic           text        not null,
    record_partition int        not null,
    record_offset   bigint      not null,
    msg_key         text,
    headers         jsonb       not null,
    payload         bytea,
    reason          text        not null,
    failed_at       timestamptz not null default now(),
    replayed_at     timestamptz,
    unique (consumer, topic, record_partition, record_offset)
);
