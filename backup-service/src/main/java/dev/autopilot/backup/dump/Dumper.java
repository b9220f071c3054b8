package dev.autopilot.backup.dump;

import dev.autopilot.backup.config.SourceKind;
import dev.autopilot.backup.source.BackupSource;
import java.io.IOException;
import java.io.OutputStream;

/** Dumps one kind of source into a stream; the caller stores and measures what it writes. */
public interface Dumper {
  /** The kind of source this dumper takes. */
  SourceKind kind();

  /** The file name extension of its dumps, with the dot: {@code .dump}. */
  String fileExtension();

  /**
   * Writes a complete dump of {@code source} to {@code out}; returns only when it is complete.
   *
   * @return what the manifest records about the dump
   * @throws DumpException when the dump failed, with the reason
   * @throws IOException when writing to {@code out} failed
   */
  DumpInfo dump(BackupSource source, OutputStream out) throws DumpException, IOException;
}
