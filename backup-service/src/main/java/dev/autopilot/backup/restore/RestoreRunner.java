package dev.autopilot.backup.restore;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autopilot.backup.config.BackupConfig;
import dev.autopilot.backup.crypto.Encryption;
import dev.autopilot.backup.crypto.EncryptionKey;
import dev.autopilot.backup.dump.DumpException;
import dev.autopilot.backup.source.BackupSource;
import dev.autopilot.backup.source.PostgresSource;
import dev.autopilot.backup.source.SourceCatalog;
import dev.autopilot.backup.storage.BackupStorage;
import dev.autopilot.backup.store.BackupManifest;
import dev.autopilot.backup.store.BackupRecord;
import dev.autopilot.backup.store.BackupRepository;
import dev.autopilot.backup.store.BackupStatus;
import dev.autopilot.backup.store.RestoreRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
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
    try (VerifiedCopy stored = VerifiedCopy.of(backup, storage);
        VerifiedCopy copy = encrypted == null ? null : stored.decrypted(key(encrypted))) {
      restoreFile(restore, backup, source.get(), copy == null ? stored : copy);
    }
  }

  EncryptionKey key(BackupManifest.Encryption encrypted) throws DumpException {
    EncryptionKey key =
        encryption
            .key()
            .orElseThrow(
                () ->
                    new DumpException(
                        "the backup is encrypted with key '"
                            + encrypted.keyId()
                            + "' but no encryption key is configured; restore refused"));
    if (!key.id().equals(encrypted.keyId())) {
      throw new DumpException(
          "the backup is encrypted with key '"
              + encrypted.keyId()
              + "', the configured key is '"
              + key.id()
              + "'; restore refused");
    }
    return key;
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
    if (RestoreMode.FOLDER.wire().equals(restore.mode())) {
      FilesRestorer.extract(copy.file(), java.nio.file.Path.of(restore.target()));
      return;
    }
    if (!(source instanceof PostgresSource pg)) {
      throw new DumpException("source '" + backup.source() + "' is not a postgres source");
    }
    if (RestoreMode.NEW_DATABASE.wire().equals(restore.mode())) {
      postgres.restoreIntoNew(
          pg, restore.target(), copy.file(), config.restore().timeout(), restore.attempts() > 1);
    } else {
      postgres.restoreOver(pg, restore.target(), copy.file(), config.restore().timeout());
    }
  }
}
