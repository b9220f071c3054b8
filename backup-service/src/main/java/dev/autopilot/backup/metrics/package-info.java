/** backup-service's own metrics: how fresh each source's newest good backup is. */
package dev.autopilot.backup.metrics;
