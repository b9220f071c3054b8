-- The full target model: kind + address instead of url, Gatus conditions instead of one expected
-- status, dependencies, labels, headers (secret values by env-var name) and a password env var.
alter table target rename column url to address;
alter table target add column kind text not null default 'HTTP';
alter table target add column conditions jsonb not null default '[]';
update target set conditions = jsonb_build_array('[STATUS] == ' || expected_status);
alter table target drop column expected_status;
alter table target add column depends_on jsonb not null default '[]';
alter table target add column labels jsonb not null default '{}';
alter table target add column headers jsonb not null default '[]';
alter table target add column password_env text;

-- Results during maintenance are kept but do not count against uptime.
alter table probe_result add column counted boolean not null default true;

-- Per-minute rollups of probe results, kept 90 days (raw results: 7 days).
create table probe_rollup (
    target_id text             not null references target (id) on delete cascade,
    minute    timestamptz      not null,
    probes    int              not null,
    failures  int              not null,
    p50_ms    double precision not null,
    p95_ms    double precision not null,
    primary key (target_id, minute)
);
create index probe_rollup_minute on probe_rollup (minute);

-- Maintenance windows in progress (from maintenance.started until maintenance.ended / ends_at).
create table maintenance_window (
    window_id   uuid primary key,
    services    jsonb       not null default '[]',
    environment text,
    ends_at     timestamptz,
    description text,
    started_at  timestamptz not null
);

-- Post-deploy watch windows (from deploy.succeeded.watchUntil), one per service/environment.
create table deploy_watch (
    service       text        not null,
    environment   text        not null,
    deployment_id uuid        not null,
    watch_until   timestamptz not null,
    primary key (service, environment)
);

-- Scale-out: which replica probes which target. A replica renews its leases; an expired lease
-- is free for any replica. Replicas announce themselves so each can take its fair share.
create table target_lease (
    target_id  text primary key references target (id) on delete cascade,
    owner      text        not null,
    expires_at timestamptz not null
);
create index target_lease_owner on target_lease (owner);
create table health_replica (
    owner      text primary key,
    seen_until timestamptz not null
);
