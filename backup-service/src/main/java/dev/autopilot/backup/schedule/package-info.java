/** Scheduled backups per source (Quartz cron in UTC), once across replicas, with catch-up. */
package dev.autopilot.backup.schedule;
