-- The manifest of each stored backup (source, tools and versions, sha256, size, times, encryption
-- key id, row counts per table for restore drills), as JSON.
alter table backup add column manifest jsonb;
