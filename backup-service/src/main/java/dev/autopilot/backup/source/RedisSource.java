package dev.autopilot.backup.source;

import dev.autopilot.backup.config.SourceKind;
import java.util.Optional;

/**
 * A Redis server saved as an RDB snapshot.
 *
 * @param passwordEnv the NAME of the environment variable holding the password, if any
 * @param restorePath the RDB file a restore in mode {@code original} replaces, if configured
 */
public record RedisSource(
    String name,
    String host,
    int port,
    Optional<String> passwordEnv,
    Optional<java.nio.file.Path> restorePath)
    implements BackupSource {
  @Override
  public SourceKind kind() {
    return SourceKind.REDIS;
  }
}
