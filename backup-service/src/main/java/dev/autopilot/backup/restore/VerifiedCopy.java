package dev.autopilot.backup.restore;

import dev.autopilot.backup.crypto.EncryptionKey;
import dev.autopilot.backup.crypto.GcmFrames;
import dev.autopilot.backup.dump.DumpException;
import dev.autopilot.backup.dump.MeasuredOutputStream;
import dev.autopilot.backup.storage.BackupStorage;
import dev.autopilot.backup.store.BackupRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A stored backup whose bytes were checked against the catalog's sha256 and size, as a local file
 * the restore tools read. Local storage is verified in place; anything else is first copied to a
 * private temporary file while hashing, and that copy is what is restored, so the bytes checked are
 * the bytes restored.
 */
final class VerifiedCopy implements AutoCloseable {
  private final Path file;
  private final boolean temporary;

  private VerifiedCopy(Path file, boolean temporary) {
    this.file = file;
    this.temporary = temporary;
  }

  /**
   * Verifies {@code backup}'s stored object.
   *
   * @throws DumpException when it is missing or its sha256 or size differ from the catalog's
   */
  static VerifiedCopy of(BackupRecord backup, BackupStorage storage)
      throws DumpException, IOException {
    Optional<Path> local = storage.localFile(backup.location());
    Path file;
    boolean temporary = local.isEmpty();
    if (temporary) {
      file = Files.createTempFile("restore-" + backup.id(), ".spool");
    } else {
      file = local.get();
    }
    boolean ok = false;
    try (InputStream in = storage.open(backup.location());
        OutputStream sink =
            temporary ? Files.newOutputStream(file) : OutputStream.nullOutputStream()) {
      MeasuredOutputStream measured = new MeasuredOutputStream(sink);
      in.transferTo(measured);
      measured.flush();
      if (!measured.sha256Hex().equals(backup.sha256())) {
        throw new DumpException(
            "sha256 mismatch: the catalog says "
                + backup.sha256()
                + " but the stored object "
                + backup.location()
                + " has "
                + measured.sha256Hex()
                + " ("
                + measured.size()
                + " bytes); restore refused, nothing was touched");
      }
      if (backup.sizeBytes() != null && measured.size() != backup.sizeBytes()) {
        throw new DumpException(
            "size mismatch: the catalog says "
                + backup.sizeBytes()
                + " bytes, the stored object has "
                + measured.size()
                + "; restore refused, nothing was touched");
      }
      ok = true;
      return new VerifiedCopy(file, temporary);
    } catch (NoSuchFileException e) {
      throw new DumpException(
          "the stored object " + backup.location() + " is missing; restore refused");
    } finally {
      if (!ok && temporary) {
        Files.deleteIfExists(file);
      }
    }
  }

  /**
   * The verified object decrypted into a private temporary file (GCM authenticates every frame, so
   * a wrong key or altered bytes fail here, before anything is restored).
   */
  VerifiedCopy decrypted(EncryptionKey key) throws DumpException, IOException {
    Path plain = Files.createTempFile("restore-plain", ".spool");
    boolean ok = false;
    try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file));
        OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(plain))) {
      GcmFrames.decrypt(in, out, key.key(), key.id());
      ok = true;
    } catch (IOException e) {
      throw new DumpException("cannot decrypt the backup: " + e.getMessage() + "; restore refused");
    } finally {
      if (!ok) {
        Files.deleteIfExists(plain);
      }
    }
    return new VerifiedCopy(plain, true);
  }

  /** The verified file. */
  Path file() {
    return file;
  }

  @Override
  public void close() throws IOException {
    if (temporary) {
      Files.deleteIfExists(file);
    }
  }
}
