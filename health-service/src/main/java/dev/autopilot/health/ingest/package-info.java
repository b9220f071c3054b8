/**
 * Events health-service reacts to: maintenance.started/ended (targets of covered services show
 * MAINTENANCE and send no degraded events) and deploy.succeeded (the post-deploy watch window).
 * Each effect runs once per event through the platform's EventConsumer (inbox, DLQ).
 */
package dev.autopilot.health.ingest;
