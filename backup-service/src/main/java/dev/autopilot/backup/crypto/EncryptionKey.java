package dev.autopilot.backup.crypto;

import dev.autopilot.backup.config.BackupConfig;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The configured encryption key: 32 bytes, base64, read from the variable named by {@code
 * backup.storage.encryption.key-env}; never logged, never in a manifest (only its id is).
 */
public record EncryptionKey(String id, SecretKey key) {
  /**
   * The configured key, if encryption is on.
   *
   * @throws IllegalStateException when the variable is unset or not a base64 256-bit key
   */
  public static Optional<EncryptionKey> from(BackupConfig.Encryption config) {
    if (config.keyEnv().isEmpty()) {
      return Optional.empty();
    }
    String name = config.keyEnv().get();
    String value = System.getenv(name);
    if (value == null) {
      throw new IllegalStateException(
          "environment variable " + name + " (encryption key) is not set");
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(value.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("environment variable " + name + " is not base64");
    }
    if (bytes.length != 32) {
      throw new IllegalStateException(
          "environment variable " + name + " must hold 32 bytes (AES-256), not " + bytes.length);
    }
    return Optional.of(new EncryptionKey(config.keyId(), new SecretKeySpec(bytes, "AES")));
  }

  @Override
  public String toString() {
    return "EncryptionKey[" + id + "]";
  }
}
