/**
 * Where backup files are kept. A file is written under a temporary name and only becomes visible,
 * under its final name, once complete; a failed write leaves nothing behind. Local directories now;
 * S3-compatible storage and encryption plug in behind {@link
 * dev.autopilot.backup.storage.BackupStorage} later.
 */
package dev.autopilot.backup.storage;
