/** Guarding the Prometheus endpoint. */
package dev.autopilot.platform.metrics;
