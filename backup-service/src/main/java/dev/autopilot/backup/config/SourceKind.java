package dev.autopilot.backup.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The kinds of source backup-service can dump; the value of {@code backup.sources.*.kind}. */
public enum SourceKind {
  /** A PostgreSQL database, dumped with pg_dump in custom format. */
  POSTGRES,
  /** A directory (e.g. uploads), archived as tar.gz. */
  FILES,
  /** A Redis server, saved as an RDB snapshot. */
  REDIS,
  /** An admin-configured command whose stdout is the archive (e.g. mongodump --archive). */
  COMMAND;

  /** The kind as written in configuration: {@code postgres}. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The kind a configuration value names, if it is supported. */
  public static Optional<SourceKind> fromConfig(String value) {
    return Arrays.stream(values()).filter(k -> k.configName().equals(value)).findFirst();
  }

  /** The supported kinds as written in configuration, comma-separated. */
  public static String supported() {
    return Arrays.stream(values()).map(SourceKind::configName).collect(Collectors.joining(", "));
  }
}
