-- Maintenance windows in force, from maintenance.started / maintenance.ended: notifications about
-- the services they cover are muted (recorded as MUTED, never sent) while one runs. Rows are the
-- latest occurrence of each window (recurring windows reuse their id); times are the events' own.
create table maintenance_mute (
    window_id   uuid primary key,
    services    jsonb       not null default '[]'::jsonb,
    environment text,
    ends_at     timestamptz,
    started_at  timestamptz,
    ended_at    timestamptz,
    updated_at  timestamptz not null default now()
);

-- A muted notification is recorded, not dropped: status MUTED, and one MUTED row in the delivery
-- log saying why.
alter table notification drop constraint notification_status_check;
alter table notification add constraint notification_status_check
    check (status in ('PENDING', 'SENT', 'FAILED', 'MUTED'));
alter table delivery_attempt drop constraint delivery_attempt_outcome_check;
alter table delivery_attempt add constraint delivery_attempt_outcome_check
    check (outcome in ('SENT', 'RETRY', 'FAILED', 'THROTTLED', 'MUTED'));

-- Which event told a START/END announcement's news first: maintenance.started/ended supersede the
-- scheduled announcement (or are skipped when it was already sent), so a window starts once.
alter table announcement add column superseded_by text;
