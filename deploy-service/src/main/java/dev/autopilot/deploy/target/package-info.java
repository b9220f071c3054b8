/**
 * Deployment targets: how one service is deployed to one environment (executor and its commands,
 * health gate, restore point, bake, checklist, maintenance window, rollback policy). Admin-written,
 * from a YAML file at start and over REST; stored in Postgres.
 */
package dev.autopilot.deploy.target;
