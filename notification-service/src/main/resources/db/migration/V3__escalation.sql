-- One escalation per alert and policy: the persisted timer that pages level after level until the
-- alert is acknowledged or resolved. Every replica's worker polls the due rows (skip locked), so a
-- restart or a replica change resumes where the last one stopped.
create table escalation (
    id          uuid primary key,
    alert_id    uuid        not null,
    policy      text        not null,
    event_id    text        not null,
    severity    text,
    dedup_key   text,
    ack_link    text,
    event_data  jsonb,
    subject     text        not null,
    body_text   text        not null,
    body_html   text        not null,
    level       int         not null default 0,
    cycle       int         not null default 0,
    state       text        not null check (state in ('ACTIVE', 'ACKNOWLEDGED', 'RESOLVED', 'EXHAUSTED')),
    next_at     timestamptz not null,
    paged       int         not null default 0,
    created_at  timestamptz not null default now(),
    stopped_at  timestamptz,
    unique (alert_id, policy)
);
create index escalation_due on escalation (next_at) where state = 'ACTIVE';
