/** CloudEvents envelope, topic names and the contract every event's data fulfils. */
package dev.autopilot.platform.event;
