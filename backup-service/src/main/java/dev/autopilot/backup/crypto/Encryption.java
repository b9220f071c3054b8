package dev.autopilot.backup.crypto;

import dev.autopilot.backup.config.BackupConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** The service's encryption setting, read once at startup (a bad key stops the service). */
@ApplicationScoped
public class Encryption {
  private final Optional<EncryptionKey> key;

  public Encryption(BackupConfig config) {
    this.key = EncryptionKey.from(config.storage().encryption());
  }

  /** The key new backups are encrypted with; empty when encryption is off. */
  public Optional<EncryptionKey> key() {
    return key;
  }
}
