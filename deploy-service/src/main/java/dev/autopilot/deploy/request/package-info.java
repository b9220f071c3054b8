/**
 * Deployment requests, from the API or from {@code deploy.requested} (CI, CloudEvents or plain
 * JSON): validated against the configured services and environments, deduplicated by idempotency
 * key, stored QUEUED for the saga, or refused ({@code deploy.rejected} for events).
 */
package dev.autopilot.deploy.request;
