package dev.autopilot.backup.crypto;

import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * One configured encryption key: 32 bytes, base64, read from an environment variable named in the
 * configuration; never logged, never in a manifest (only its id is).
 */
public record EncryptionKey(String id, SecretKey key) {
  /**
   * The key {@code id} held by the variable {@code envName}.
   *
   * @throws IllegalStateException when the variable is unset or not a base64 256-bit key
   */
  public static EncryptionKey fromEnv(String id, String envName) {
    String value = System.getenv(envName);
    if (value == null) {
      throw new IllegalStateException(
          "environment variable " + envName + " (encryption key '" + id + "') is not set");
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(value.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "environment variable " + envName + " (encryption key '" + id + "') is not base64");
    }
    if (bytes.length != 32) {
      throw new IllegalStateException(
          "environment variable "
              + envName
              + " (encryption key '"
              + id
              + "') must hold 32 bytes (AES-256), not "
              + bytes.length);
    }
    return new EncryptionKey(id, new SecretKeySpec(bytes, "AES"));
  }

  @Override
  public String toString() {
    return "EncryptionKey[" + id + "]";
  }
}
