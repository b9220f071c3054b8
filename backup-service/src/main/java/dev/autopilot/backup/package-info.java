/**
 * backup-service: owns "can we get the data back?" — backups of configured sources, their files and
 * the events announcing them. Restores, drills and retention come with the full backup issue.
 */
package dev.autopilot.backup;
