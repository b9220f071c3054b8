/** The transactional outbox: events are rows written with the state change, then published. */
package dev.autopilot.platform.outbox;
