-- alert.suppressed: alert-service muted an alert it had announced (silence, maintenance window,
-- inhibition, down dependency). The latest suppression and the latest alert.fired of each alert, by
-- the events' own times, so that events arriving out of order across the two topics are judged
-- right: an alert.fired older than the suppression is held; a newer one (alert-service re-fires
-- when the mute ends) releases it, and a suppression older than the latest alert.fired is stale.
create table alert_suppression (
    alert_id      uuid primary key,
    suppressed_at timestamptz,
    reason        text,
    event_id      text,
    last_fired_at timestamptz,
    updated_at    timestamptz not null default now()
);

-- A suppressed escalation stops (state SUPPRESSED, stop_reason says why); a later alert.fired of
-- the same alert starts it again from its first level.
alter table escalation drop constraint escalation_state_check;
alter table escalation add constraint escalation_state_check
    check (state in ('ACTIVE', 'ACKNOWLEDGED', 'RESOLVED', 'EXHAUSTED', 'SUPPRESSED'));
alter table escalation add column stop_reason text;
-- When paging began (created_at for a first start, the restart's time after a suppression): the
-- "unacknowledged since" of escalation pages.
alter table escalation add column started_at timestamptz not null default now();
update escalation set started_at = created_at;

-- Group members of a suppressed alert that were waiting are not told (flushed, with the reason).
alter table alert_group_member add column dropped_reason text;

-- Alerts held by a maintenance window that still fire when it ends are paged then, once
-- (repage/MaintenanceRepage); repaged_at marks a window occurrence whose end was handled. Windows
-- that ended before this migration are marked handled, so nothing old is paged after an upgrade.
alter table maintenance_mute add column repaged_at timestamptz;
update maintenance_mute set repaged_at = now()
    where ended_at >= started_at or ends_at <= now() or started_at is null;
