-- The announcements of each maintenance window (T-7d, T-1d, START, END), scheduled when
-- maintenance.scheduled is consumed. A worker sends a due one in the same transaction that marks it
-- sent, so a restart neither loses nor repeats one.
create table announcement (
    id          uuid primary key,
    window_id   uuid        not null,
    kind        text        not null check (kind in ('T-7d', 'T-1d', 'START', 'END')),
    due_at      timestamptz not null,
    event_id    text        not null,
    source      text,
    event_data  jsonb       not null,
    sent_at     timestamptz,
    created_at  timestamptz not null default now(),
    unique (window_id, kind)
);
create index announcement_due on announcement (due_at) where sent_at is null;
