-- A deployment that requires a maintenance window and arrives outside one is held
-- (AWAITING_WINDOW) until hold_until, when the next window opens, instead of being rejected.
-- It keeps its service/environment meanwhile: one active deployment at a time, the rest queue.
alter table deployment drop constraint deployment_state_known;
alter table deployment add constraint deployment_state_known check (state in
    ('QUEUED', 'VALIDATING', 'AWAITING_WINDOW', 'AWAITING_APPROVAL', 'BACKING_UP', 'MIGRATING',
     'ROLLING_OUT', 'VERIFYING', 'BAKING', 'ROLLING_BACK', 'RESTORING', 'SUCCEEDED', 'FAILED',
     'ROLLED_BACK', 'REJECTED', 'CANCELLED'));
drop index deployment_one_active;
create unique index deployment_one_active on deployment (service, environment)
    where state in ('VALIDATING', 'AWAITING_WINDOW', 'AWAITING_APPROVAL', 'BACKING_UP',
                    'MIGRATING', 'ROLLING_OUT', 'VERIFYING', 'BAKING', 'ROLLING_BACK', 'RESTORING');
alter table deployment add column hold_until timestamptz;
create index deployment_held on deployment (hold_until) where state = 'AWAITING_WINDOW';
