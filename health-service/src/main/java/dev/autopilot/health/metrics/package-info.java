/** Micrometer meters of health-service: probes by target and outcome, latency, current state. */
package dev.autopilot.health.metrics;
