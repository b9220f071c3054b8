package dev.autopilot.backup.source;

import dev.autopilot.backup.config.SourceKind;
import java.util.Optional;

/**
 * A PostgreSQL database to dump.
 *
 * @param passwordEnv the NAME of the environment variable holding the password, if any
 */
public record PostgresSource(
    String name,
    String host,
    int port,
    String database,
    String username,
    Optional<String> passwordEnv)
    implements BackupSource {
  @Override
  public SourceKind kind() {
    return SourceKind.POSTGRES;
  }
}
