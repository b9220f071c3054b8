-- Backups gain VERIFIED (a restore drill proved them) and EXPIRED (retention deleted the object).
alter table backup drop constraint backup_status_check;
alter table backup add constraint backup_status_check
    check (status in ('PENDING', 'RUNNING', 'COMPLETED', 'FAILED', 'VERIFIED', 'EXPIRED'));
alter table backup add column expired_at timestamptz;

-- One row per restore: AWAITING_CONFIRMATION -> RUNNING -> SUCCEEDED | FAILED. A RUNNING restore
-- is claimed by one replica at a time (a lease, like backups), so a stopped replica's restore is
-- resumed (re-run from the start: verification, then pg_restore in one transaction) or given up.
create table restore (
    id                 uuid primary key,
    backup_id          uuid        not null references backup (id),
    source             text        not null,
    mode               text        not null check (mode in ('original', 'new-database', 'folder')),
    target             text        not null,
    correlation_id     text,
    requested_by       text        not null,
    confirmed_by       text,
    traceparent        text,
    -- Only the SHA-256 of the confirm token is kept: the token itself is shown once.
    confirm_token_hash text        not null,
    confirm_expires_at timestamptz not null,
    status             text        not null
        check (status in ('AWAITING_CONFIRMATION', 'RUNNING', 'SUCCEEDED', 'FAILED')),
    requested_at       timestamptz not null,
    confirmed_at       timestamptz,
    finished_at        timestamptz,
    attempts           int         not null default 0,
    claimed_by         text,
    claim_expires_at   timestamptz,
    restore_seconds    double precision,
    failure_reason     text
);
create index restore_running on restore (confirmed_at) where status = 'RUNNING';
create index restore_backup on restore (backup_id);
