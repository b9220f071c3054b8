/**
 * Retention with restic's {@code forget} semantics per source, plus the backups restic cannot know
 * to keep (recent pre-deploy/migration backups, the newest verified one, those being restored); a
 * dry-run preview and an apply that deletes objects and marks them EXPIRED.
 */
package dev.autopilot.backup.retention;
