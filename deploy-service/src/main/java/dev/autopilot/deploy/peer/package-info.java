/**
 * Calls to the other services of the suite (docs/service-contracts.md): alert-service's deploy
 * gate, health-service's on-demand check, backup-service's two-step restore. Quarkus REST clients
 * with the {@code autopilot.client.token} bearer and per-client timeouts.
 */
package dev.autopilot.deploy.peer;
