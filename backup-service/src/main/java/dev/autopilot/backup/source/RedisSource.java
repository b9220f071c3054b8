package dev.autopilot.backup.source;

import dev.autopilot.backup.config.SourceKind;
import java.util.Optional;

/**
 * A Redis server saved as an RDB snapshot.
 *
 * @param passwordEnv the NAME of the environment variable holding the password, if any
 */
public record RedisSource(String name, String host, int port, Optional<String> passwordEnv)
    implements BackupSource {
  @Override
  public SourceKind kind() {
    return SourceKind.REDIS;
  }
}
