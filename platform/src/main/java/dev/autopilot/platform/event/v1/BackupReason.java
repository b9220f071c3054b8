package dev.autopilot.platform.event.v1;

/** Why a backup was taken; drives retention (migration backups are kept longer). */
public enum BackupReason {
  SCHEDULED,
  PRE_DEPLOY,
  MANUAL,
  MIGRATION
}
