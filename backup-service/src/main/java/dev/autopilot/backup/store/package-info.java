/** Backup rows in backup-service's own Postgres database, with plain SQL. */
package dev.autopilot.backup.store;
