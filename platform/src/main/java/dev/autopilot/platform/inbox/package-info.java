/** The idempotent-consumer inbox: event ids recorded with the effect they caused. */
package dev.autopilot.platform.inbox;
