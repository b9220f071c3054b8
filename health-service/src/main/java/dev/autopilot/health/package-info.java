/**
 * health-service: owns "is it up?" — health targets, their probes, their state, the events when a
 * target goes down or comes back, and the public status page.
 */
package dev.autopilot.health;
