/**
 * Taking dumps: one {@link dev.autopilot.backup.dump.Dumper} per source kind (pg_dump now), run as
 * child processes with an argument list and a minimal environment (never a shell), streamed to
 * storage as they are produced. A {@link dev.autopilot.backup.dump.DumpException} is a failed
 * backup; its message is the reason recorded and published.
 */
package dev.autopilot.backup.dump;
