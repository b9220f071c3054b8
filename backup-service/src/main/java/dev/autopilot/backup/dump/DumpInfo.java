package dev.autopilot.backup.dump;

import java.util.Map;

/**
 * What a dumper knows about the dump it wrote, for the backup's manifest.
 *
 * @param tool the program or library that wrote it, e.g. {@code pg_dump}
 * @param toolVersion its version line, e.g. {@code pg_dump (PostgreSQL) 15.18}
 * @param serverVersion the source server's version, when there is one
 * @param tableCounts rows per table ({@code schema.table}) in the dump's own snapshot, for restore
 *     drills to check; null when not counted
 */
public record DumpInfo(
    String tool, String toolVersion, String serverVersion, Map<String, Long> tableCounts) {}
