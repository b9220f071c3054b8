/**
 * What touches the deployed service: executors that roll a version out (an admin-configured command
 * today; Kubernetes and webhook executors can implement {@link
 * dev.autopilot.deploy.rollout.RolloutExecutor} later) and the readiness check that verifies it.
 * Nothing here runs inside a transaction or knows about the saga's tables.
 */
package dev.autopilot.deploy.rollout;
