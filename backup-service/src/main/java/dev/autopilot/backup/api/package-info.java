/** backup-service's HTTP API: ask for a backup (operator), list and read backups (viewer). */
package dev.autopilot.backup.api;
