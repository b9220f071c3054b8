/**
 * Storage of targets, their current state and their probe results in health-service's own Postgres
 * database, with plain JDBC. Knows nothing of probing or HTTP.
 */
package dev.autopilot.health.store;
