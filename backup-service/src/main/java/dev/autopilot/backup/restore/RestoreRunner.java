package dev.autopilot.backup.restore;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autopilot.backup.config.BackupConfig;
import dev.autopilot.backup.crypto.Encryption;
import dev.autopilot.backup.crypto.EncryptionKey;
import dev.autopilot.backup.dump.DumpException;
import dev.autopilot.backup.source.BackupSource;
import dev.autopilot.backup.source.CommandSource;
import dev.autopilot.backup.source.PostgresSource;
import dev.autopilot.backup.source.RedisSource;
import dev.autopilot.backup.source.SourceCatalog;
import dev.autopilot.backup.storage.BackupStorage;
import dev.autopilot.backup.store.BackupManifest;
import dev.autopilot.backup.store.BackupRecord;
import dev.autopilot.backup.store.BackupRepository;
import dev.autopilot.backup.store.BackupStatus;
import dev.autopilot.backup.store.RestoreRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Runs one confirmed restore, outside any transaction: checks the stored object against the
 * catalog's sha256 first (nothing is touched when it differs), then restores it into its target.
 */
@ApplicationScoped
public class RestoreRunner {
  private static final Logger LOG = Logger.getLogger(RestoreRunner.class);

  private final BackupRepository backups;
  private final SourceCatalog sources;
  private final BackupStorage storage;
  private final PostgresRestorer postgres;
  private final BackupConfig config;
  private final Encryption encryption;
  private final ObjectMapper mapper;

  public RestoreRunner(
      BackupRepository backups,
      SourceCatalog sources,
      BackupStorage storage,
      PostgresRestorer postgres,
      BackupConfig config,
      Encryption encryption,
      ObjectMapper mapper) {
    this.encryption = encryption;
    this.mapper = mapper;
    this.backups = backups;
    this.sources = sources;
    this.storage = storage;
    this.postgres = postgres;
    this.config = config;
  }

  /** Verifies and restores; never throws. */
  public RestoreOutcome run(RestoreRecord restore) {
    long start = System.nanoTime();
    String failure;
    try {
      restoreVerified(restore);
      failure = null;
    } catch (DumpException e) {
      failure = e.getMessage();
    } catch (IOException e) {
      failure = "cannot read the backup: " + e.getMessage();
    } catch (RuntimeException e) {
      LOG.errorf(e, "restore %s failed unexpectedly", restore.id());
      failure = "unexpected error: " + e;
    }
    return new RestoreOutcome(failure, (System.nanoTime() - start) / 1e9);
  }

  private void restoreVerified(RestoreRecord restore) throws DumpException, IOException {
    BackupRecord backup =
        backups
            .find(restore.backupId())
            .orElseThrow(() -> new DumpException("backup " + restore.backupId() + " is gone"));
    if (backup.status() != BackupStatus.COMPLETED && backup.status() != BackupStatus.VERIFIED) {
      throw new DumpException("backup " + backup.id() + " is " + backup.status());
    }
    Optional<BackupSource> source = sources.find(backup.source());
    if (source.isEmpty()) {
      throw new DumpException("source '" + backup.source() + "' is no longer configured");
    }
    BackupManifest.Encryption encrypted =
        manifest(backup).map(BackupManifest::encryption).orElse(null);
    // The key first: a backup whose key was removed is refused before anything is read or touched.
    EncryptionKey key = encrypted == null ? null : key(encrypted);
    try (VerifiedCopy stored = VerifiedCopy.of(backup, storage);
        VerifiedCopy copy = key == null ? null : stored.decrypted(key)) {
      restoreFile(restore, backup, source.get(), copy == null ? stored : copy);
    }
  }

  /** The configured key a backup was encrypted with; refused when it is not configured. */
  EncryptionKey key(BackupManifest.Encryption encrypted) throws DumpException {
    return encryption.forBackup(encrypted.keyId());
  }

  Optional<BackupManifest> manifest(BackupRecord backup) throws DumpException {
    Optional<String> json = backups.manifest(backup.id());
    if (json.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(mapper.readValue(json.get(), BackupManifest.class));
    } catch (java.io.IOException e) {
      throw new DumpException("cannot read the manifest of backup " + backup.id());
    }
  }

  private void restoreFile(
      RestoreRecord restore, BackupRecord backup, BackupSource source, VerifiedCopy copy)
      throws DumpException, IOException {
    LOG.infof(
        "restore %s: backup %s verified (sha256 %s); restoring into %s (%s)",
        restore.id(), backup.id(), backup.sha256(), restore.target(), restore.mode());
    boolean rerun = restore.attempts() > 1;
    if (source instanceof RedisSource redis) {
      if (RestoreMode.FOLDER.wire().equals(restore.mode())) {
        Path written = RedisRestorer.intoFolder(copy.file(), Path.of(restore.target()), rerun);
        LOG.infof(
            "restore %s: wrote %s; start redis-server with --dir %s --dbfilename %s",
            restore.id(), written, written.getParent(), RedisRestorer.FOLDER_FILE);
      } else {
        Path target =
            redis
                .restorePath()
                .orElseThrow(
                    () ->
                        new DumpException(
                            "source '"
                                + redis.name()
                                + "' has no restore-path configured any more"));
        Path kept = RedisRestorer.replace(copy.file(), target, restore.id().toString());
        LOG.infof(
            "restore %s: replaced %s (previous file kept as %s); restart its redis-server"
                + " (SHUTDOWN NOSAVE, then start) to load it",
            restore.id(), target, kept);
      }
      return;
    }
    if (source instanceof CommandSource command) {
      CommandRestorer.restore(command, copy.file(), config.restore().timeout());
      return;
    }
    if (RestoreMode.FOLDER.wire().equals(restore.mode())) {
      FilesRestorer.extract(copy.file(), Path.of(restore.target()));
      return;
    }
    if (!(source instanceof PostgresSource pg)) {
      throw new DumpException("source '" + backup.source() + "' is not a postgres source");
    }
    if (RestoreMode.NEW_DATABASE.wire().equals(restore.mode())) {
      postgres.restoreIntoNew(pg, restore.target(), copy.file(), config.restore().timeout(), rerun);
    } else {
      postgres.restoreOver(pg, restore.target(), copy.file(), config.restore().timeout());
    }
  }
}
