/**
 * What is up right now: each target joined with its state ({@link
 * dev.autopilot.health.status.HealthOverview}), and the public status board grouped by service and
 * environment ({@link dev.autopilot.health.status.StatusBoard}), which shows no URLs or config.
 */
package dev.autopilot.health.status;
