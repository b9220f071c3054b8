create table alert (
    id              uuid primary key,
    fingerprint     text        not null,
    name            text        not null,
    severity        text        not null,
    state           text        not null,
    labels          jsonb       not null,
    annotations     jsonb       not null,
    value           double precision,
    source          text        not null,
    starts_at       timestamptz not null,
    ends_at         timestamptz,
    acknowledged_by text,
    acknowledged_at timestamptz
);
-- At most one firing instance per fingerprint: a redelivered or concurrent "fire" cannot double it.
create unique index alert_firing_fingerprint on alert (fingerprint) where state = 'FIRING';
create index alert_starts_at on alert (starts_at desc);
