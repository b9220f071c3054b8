/** The library every service shares: events, outbox/inbox, dead letters, errors, auth. */
package dev.autopilot.platform;
