/**
 * Deployment storage in deploy-service's own Postgres database: deployments (the saga's state, its
 * claims) and their steps. Plain SQL; every state change happens inside the caller's transaction.
 */
package dev.autopilot.deploy.store;
