/**
 * Maintenance windows (one-off or recurring by cron, in a time zone) and deploy freezes: when a
 * target may or may not be deployed, and the maintenance.scheduled/started/ended events, emitted
 * once per occurrence by a restart-proof scheduler.
 */
package dev.autopilot.deploy.maintenance;
