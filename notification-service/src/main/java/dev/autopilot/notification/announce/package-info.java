/**
 * Maintenance announcements: T-7d, T-1d, start and end of each scheduled window, planned in
 * Postgres and sent by a worker in the transaction that marks them sent.
 */
package dev.autopilot.notification.announce;
