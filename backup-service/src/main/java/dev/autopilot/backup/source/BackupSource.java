package dev.autopilot.backup.source;

import dev.autopilot.backup.config.SourceKind;

/** Something backup-service can back up, as configured; one record type per kind. */
public sealed interface BackupSource
    permits PostgresSource, FilesSource, RedisSource, CommandSource {
  /** The source's name: requests, events, metrics and file paths use it. */
  String name();

  /** What kind of source this is, which decides how it is dumped. */
  SourceKind kind();
}
