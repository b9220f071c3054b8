/**
 * health-service's HTTP API: targets with their state (viewer) and the public status page (HTML and
 * JSON, no authentication).
 */
package dev.autopilot.health.api;
