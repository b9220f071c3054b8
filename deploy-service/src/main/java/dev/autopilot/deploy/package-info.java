/**
 * deploy-service: owns "change production safely" — deployment requests, the persisted deployment
 * saga (backup, roll out, verify) and the events that announce each step.
 */
package dev.autopilot.deploy;
