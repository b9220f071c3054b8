package dev.autopilot.backup.store;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * What a stored backup is and how it was made; kept with the backup row and shown by {@code GET
 * /backups/{id}/manifest}.
 *
 * @param kind the source's kind ({@code postgres}, {@code files}, ...)
 * @param tool the program or library that wrote the dump
 * @param toolVersion its version
 * @param serverVersion the source server's version, when it has one
 * @param encryption null when the object is not encrypted
 * @param tableCounts postgres: rows per table in the dump's snapshot
 */
@RegisterForReflection
public record BackupManifest(
    int manifestVersion,
    UUID backupId,
    String source,
    String kind,
    String reason,
    String tool,
    String toolVersion,
    String serverVersion,
    String sha256,
    long sizeBytes,
    String location,
    Instant startedAt,
    Instant finishedAt,
    Encryption encryption,
    Map<String, Long> tableCounts) {

  /**
   * How the object is encrypted.
   *
   * @param keyId the configured key's id (never the key)
   */
  @RegisterForReflection
  public record Encryption(String algorithm, String keyId) {}
}
