/**
 * Scale-out: which replica probes which target, through Postgres leases ({@link
 * dev.autopilot.health.lease.LeaseBalancer}, one round; {@link
 * dev.autopilot.health.lease.LeaseKeeper}, the schedule and this replica's owned set).
 */
package dev.autopilot.health.lease;
