package dev.autopilot.backup.worker;

import dev.autopilot.backup.config.SourceKind;
import dev.autopilot.backup.crypto.Encryption;
import dev.autopilot.backup.crypto.EncryptionKey;
import dev.autopilot.backup.crypto.GcmFrames;
import dev.autopilot.backup.dump.DumpException;
import dev.autopilot.backup.dump.DumpInfo;
import dev.autopilot.backup.dump.Dumper;
import dev.autopilot.backup.dump.MeasuredOutputStream;
import dev.autopilot.backup.source.BackupSource;
import dev.autopilot.backup.source.CommandSource;
import dev.autopilot.backup.source.SourceCatalog;
import dev.autopilot.backup.storage.BackupStorage;
import dev.autopilot.backup.storage.Upload;
import dev.autopilot.backup.store.BackupManifest;
import dev.autopilot.backup.store.BackupRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.io.IOException;
import java.io.OutputStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Runs one claimed backup, outside any transaction: dumps its source straight into storage while
 * measuring size and sha256, and commits the file only when the dump is complete. Touches no
 * database table; the worker records the outcome.
 */
@ApplicationScoped
public class BackupRunner {
  private static final Logger LOG = Logger.getLogger(BackupRunner.class);
  private static final DateTimeFormatter FILE_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final SourceCatalog sources;
  private final BackupStorage storage;
  private final Map<SourceKind, Dumper> dumpers = new EnumMap<>(SourceKind.class);
  private final Encryption encryption;

  public BackupRunner(
      SourceCatalog sources,
      BackupStorage storage,
      Instance<Dumper> dumpers,
      Encryption encryption) {
    this.sources = sources;
    this.storage = storage;
    this.encryption = encryption;
    dumpers.forEach(d -> this.dumpers.put(d.kind(), d));
  }

  /**
   * The file name of a backup: when it was requested (UTC) and its id, e.g. {@code
   * 20261123T100000Z-<id>.dump}. The same for every attempt, so a re-run after a crash overwrites
   * the crashed attempt's partial file instead of leaving it behind.
   */
  public static String fileName(BackupRecord backup, String extension) {
    return FILE_TIME.format(backup.requestedAt()) + "-" + backup.id() + extension;
  }

  private static String extension(BackupSource source, Dumper dumper) {
    return source instanceof CommandSource command ? command.extension() : dumper.fileExtension();
  }

  /** Dumps and stores the backup; never throws. */
  public DumpOutcome run(BackupRecord backup) {
    Optional<BackupSource> source = sources.find(backup.source());
    if (source.isEmpty()) {
      return new DumpOutcome.Failed("source '" + backup.source() + "' is no longer configured");
    }
    Dumper dumper = dumpers.get(source.get().kind());
    if (dumper == null) {
      return new DumpOutcome.Failed("no dumper for sources of kind " + source.get().kind());
    }
    try (Upload upload =
        storage.begin(source.get().name(), fileName(backup, extension(source.get(), dumper)))) {
      // sha256 and size are of the stored bytes (encrypted or not): what a restore verifies first.
      MeasuredOutputStream measured = new MeasuredOutputStream(upload.stream());
      Optional<EncryptionKey> key = encryption.active();
      OutputStream sink =
          key.isPresent()
              ? GcmFrames.encrypting(measured, key.get().key(), key.get().id())
              : measured;
      DumpInfo info = dumper.dump(source.get(), sink);
      sink.close();
      measured.flush();
      String location = upload.commit();
      return new DumpOutcome.Stored(
          location,
          measured.size(),
          measured.sha256Hex(),
          source.get().kind().configName(),
          info,
          key.map(k -> new BackupManifest.Encryption(GcmFrames.ALGORITHM, k.id())).orElse(null));
    } catch (DumpException e) {
      return new DumpOutcome.Failed(e.getMessage());
    } catch (IOException e) {
      return new DumpOutcome.Failed("cannot write the backup file: " + e.getMessage());
    } catch (RuntimeException e) {
      LOG.errorf(e, "backup %s failed unexpectedly", backup.id());
      return new DumpOutcome.Failed("unexpected error: " + e);
    }
  }
}
