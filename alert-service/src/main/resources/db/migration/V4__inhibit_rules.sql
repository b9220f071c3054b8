-- Inhibit rules managed through the API (rules from alert.inhibit.rules-file are read from the
-- file). Matchers are kept as written, in Alertmanager's configuration syntax.
create table inhibit_rule (
    id              uuid primary key,
    source_matchers jsonb       not null,
    target_matchers jsonb       not null,
    equal_labels    jsonb       not null,
    comment         text,
    created_by      text        not null,
    created_at      timestamptz not null,
    updated_at      timestamptz not null
);
