package dev.autopilot.backup.restore;

import dev.autopilot.backup.config.BackupConfig;
import dev.autopilot.backup.config.BackupConfigCheck;
import dev.autopilot.backup.crypto.Encryption;
import dev.autopilot.backup.dump.DumpException;
import dev.autopilot.backup.source.BackupSource;
import dev.autopilot.backup.source.CommandSource;
import dev.autopilot.backup.source.FilesSource;
import dev.autopilot.backup.source.PostgresSource;
import dev.autopilot.backup.source.RedisSource;
import dev.autopilot.backup.source.SourceCatalog;
import dev.autopilot.backup.store.BackupManifest;
import dev.autopilot.backup.store.BackupRecord;
import dev.autopilot.backup.store.BackupRepository;
import dev.autopilot.backup.store.BackupStatus;
import dev.autopilot.backup.store.NewRestoreRow;
import dev.autopilot.backup.store.RestoreRecord;
import dev.autopilot.backup.store.RestoreRepository;
import dev.autopilot.backup.store.RestoreStatus;
import dev.autopilot.platform.event.TraceContext;
import dev.autopilot.platform.problem.ProblemException;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The two steps of a restore: asking for one records it with a one-time confirm token and does
 * nothing else; confirming it with that token (before it expires) hands it to the worker.
 */
@ApplicationScoped
public class RestoreRequests {
  private final BackupRepository backups;
  private final RestoreRepository restores;
  private final SourceCatalog sources;
  private final BackupConfig config;
  private final RestoreRunner runner;
  private final Encryption encryption;

  public RestoreRequests(
      BackupRepository backups,
      RestoreRepository restores,
      SourceCatalog sources,
      BackupConfig config,
      RestoreRunner runner,
      Encryption encryption) {
    this.runner = runner;
    this.encryption = encryption;
    this.backups = backups;
    this.restores = restores;
    this.sources = sources;
    this.config = config;
  }

  /** A recorded restore and its confirm token, shown only this once. */
  @RegisterForReflection
  public record Requested(
      UUID restoreId, String confirmToken, Instant expiresAt, RestoreStatus status) {}

  /**
   * Records a restore of a backup awaiting confirmation.
   *
   * @param mode {@code original}, {@code new-database} (postgres) or {@code folder} (files, redis)
   * @param database the new database's name (new-database only)
   * @param directory the absolute folder (folder only)
   * @throws ProblemException 404 for an unknown backup, 409 for one that cannot be restored (not
   *     stored, no restore-path/restore-command configured, its encryption key removed), 400 for a
   *     bad mode, database or directory
   */
  @Transactional
  public Requested request(
      UUID backupId,
      String mode,
      String database,
      String directory,
      String correlationId,
      String requestedBy) {
    BackupRecord backup =
        backups
            .find(backupId)
            .orElseThrow(() -> ProblemException.notFound("backup " + backupId + " does not exist"));
    if (backup.status() != BackupStatus.COMPLETED && backup.status() != BackupStatus.VERIFIED) {
      throw ProblemException.conflict(
          "backup " + backupId + " is " + backup.status() + "; only a stored backup is restored");
    }
    BackupSource source =
        sources
            .find(backup.source())
            .orElseThrow(
                () ->
                    ProblemException.conflict(
                        "source '" + backup.source() + "' of this backup is no longer configured"));
    RestoreMode restoreMode =
        RestoreMode.fromWire(mode == null ? RestoreMode.ORIGINAL.wire() : mode)
            .orElseThrow(
                () ->
                    ProblemException.badField(
                        "mode", "must be 'original', 'new-database' or 'folder'"));
    String target;
    if (source instanceof PostgresSource postgres) {
      target = target(restoreMode, postgres, database);
    } else if (source instanceof FilesSource) {
      target = folder(restoreMode, directory, "files");
    } else if (source instanceof RedisSource redis) {
      target = redisTarget(restoreMode, redis, directory);
    } else if (source instanceof CommandSource command) {
      target = commandTarget(restoreMode, command);
    } else {
      throw ProblemException.conflict(
          "restoring sources of kind " + source.kind().configName() + " is not supported");
    }
    checkKey(backup);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    String token = ConfirmTokens.generate();
    Instant expiresAt = now.plus(config.restore().confirmTtl());
    UUID id = UUID.randomUUID();
    restores.insert(
        new NewRestoreRow(
            id,
            backupId,
            backup.source(),
            restoreMode.wire(),
            target,
            correlationId,
            requestedBy,
            TraceContext.childOrNew(),
            ConfirmTokens.hash(token),
            expiresAt,
            now));
    return new Requested(id, token, expiresAt, RestoreStatus.AWAITING_CONFIRMATION);
  }

  /**
   * Confirms a restore with its token: it becomes RUNNING and a worker takes it.
   *
   * @throws ProblemException 404 unknown, 400 wrong token, 409 not awaiting confirmation or expired
   */
  @Transactional
  public RestoreRecord confirm(UUID restoreId, String token, String confirmedBy) {
    RestoreRecord restore =
        restores
            .find(restoreId)
            .orElseThrow(
                () -> ProblemException.notFound("restore " + restoreId + " does not exist"));
    String hash = restores.confirmTokenHash(restoreId).orElseThrow();
    if (!ConfirmTokens.matches(token, hash)) {
      throw ProblemException.badField("confirmToken", "does not match this restore's token");
    }
    if (restore.status() != RestoreStatus.AWAITING_CONFIRMATION) {
      throw ProblemException.conflict(
          "restore " + restoreId + " is " + restore.status() + ", not awaiting confirmation");
    }
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    if (!restore.confirmExpiresAt().isAfter(now)
        || !restores.confirm(restoreId, confirmedBy, null, now)) {
      throw ProblemException.conflict(
          "the confirm token of restore "
              + restoreId
              + " expired at "
              + restore.confirmExpiresAt()
              + "; request the restore again");
    }
    return restores.find(restoreId).orElseThrow();
  }

  /** Refuses a backup whose encryption key is no longer configured before anything is recorded. */
  private void checkKey(BackupRecord backup) {
    try {
      BackupManifest.Encryption encrypted =
          runner.manifest(backup).map(BackupManifest::encryption).orElse(null);
      if (encrypted != null) {
        encryption.forBackup(encrypted.keyId());
      }
    } catch (DumpException e) {
      throw ProblemException.conflict(e.getMessage());
    }
  }

  private static String redisTarget(RestoreMode mode, RedisSource source, String directory) {
    if (mode == RestoreMode.FOLDER) {
      return folder(mode, directory, "redis");
    }
    if (mode != RestoreMode.ORIGINAL) {
      throw ProblemException.badField("mode", "must be 'original' or 'folder' for a redis backup");
    }
    return source
        .restorePath()
        .orElseThrow(
            () ->
                ProblemException.conflict(
                    "source '"
                        + source.name()
                        + "' has no restore-path configured (the RDB file its redis-server"
                        + " loads); restore into a folder (mode 'folder') instead"))
        .toString();
  }

  private static String commandTarget(RestoreMode mode, CommandSource source) {
    if (mode != RestoreMode.ORIGINAL) {
      throw ProblemException.badField(
          "mode", "must be 'original' for a command backup (its restore-command restores it)");
    }
    if (source.restoreCommand().isEmpty()) {
      throw ProblemException.conflict(
          "source '"
              + source.name()
              + "' has no restore-command configured; its backups can be read from storage");
    }
    return CommandRestorer.target(source);
  }

  private static String folder(RestoreMode mode, String directory, String kind) {
    if (mode != RestoreMode.FOLDER) {
      throw ProblemException.badField("mode", "must be 'folder' for a " + kind + " backup");
    }
    if (directory == null || directory.isBlank()) {
      throw ProblemException.badField("directory", "is required for mode 'folder'");
    }
    java.nio.file.Path path;
    try {
      path = java.nio.file.Path.of(directory);
    } catch (java.nio.file.InvalidPathException e) {
      throw ProblemException.badField("directory", "is not a path");
    }
    if (!path.isAbsolute() || !path.normalize().equals(path)) {
      throw ProblemException.badField("directory", "must be an absolute path without '..'");
    }
    return path.toString();
  }

  private static String target(RestoreMode mode, PostgresSource source, String database) {
    if (mode == RestoreMode.FOLDER) {
      throw ProblemException.badField("mode", "must be 'original' or 'new-database' for postgres");
    }
    if (mode == RestoreMode.ORIGINAL) {
      if (database != null && !database.equals(source.database())) {
        throw ProblemException.badField(
            "database", "must be absent (or the source's database) for mode 'original'");
      }
      return source.database();
    }
    if (database == null || database.isBlank()) {
      throw ProblemException.badField("database", "is required for mode 'new-database'");
    }
    if (!database.matches(BackupConfigCheck.DATABASE)) {
      throw ProblemException.badField(
          "database", "must be 1-63 letters, digits, '_', '.', '$' or '-', starting with a letter");
    }
    if (database.equals(source.database())) {
      throw ProblemException.badField(
          "database", "is the source's own database; use mode 'original' to restore over it");
    }
    return database;
  }
}
