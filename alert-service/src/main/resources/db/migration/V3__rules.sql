-- Rules created through the API (file rules are read from their files at start).
create table alert_rule (
    group_name  text        not null,
    name        text        not null,
    definition  jsonb       not null,
    created_by  text        not null,
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    primary key (group_name, name)
);

-- Prometheus's per-instance rule state (pending/firing, activeAt, keep_firing_for), so it
-- survives a restart and is shared by replicas.
create table rule_instance (
    rule_key          text        not null,
    fingerprint       text        not null,
    labels            jsonb       not null,
    value             double precision not null, -- NaN and Inf are valid values
    firing            boolean     not null,
    active_at         timestamptz not null,
    fired_at          timestamptz,
    keep_firing_since timestamptz,
    primary key (rule_key, fingerprint)
);

-- Each rule's last evaluation, as Prometheus's /api/v1/rules shows it.
create table rule_health (
    rule_key        text primary key,
    last_evaluation timestamptz not null,
    duration_ms     double precision not null,
    last_error      text
);

-- Each group's last evaluation: a replica holding the group's advisory lock skips a group another
-- replica has just evaluated.
create table rule_group_state (
    group_key       text primary key,
    last_evaluation timestamptz not null
);

-- Facts from the suite's events that `events` rules read.
create table event_fact (
    id      bigserial primary key,
    kind    text        not null,
    subject text        not null,
    labels  jsonb       not null,
    at      timestamptz not null
);
create index event_fact_kind_subject on event_fact (kind, subject, at desc);
