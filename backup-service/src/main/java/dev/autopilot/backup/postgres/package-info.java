/** Talking to configured PostgreSQL sources: connections, server version, client environment. */
package dev.autopilot.backup.postgres;
