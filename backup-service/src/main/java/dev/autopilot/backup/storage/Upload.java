package dev.autopilot.backup.storage;

import java.io.IOException;
import java.io.OutputStream;

/** A backup file being written: stream into it, then commit it or abort it. */
public interface Upload extends AutoCloseable {
  /** Where the bytes go. Closed by {@link #commit()} or {@link #abort()}, not by the caller. */
  OutputStream stream();

  /**
   * Makes the file durable and visible under its final name.
   *
   * @return the file's location as a URI, e.g. {@code file:///var/backups/demo/...dump}
   */
  String commit() throws IOException;

  /** Deletes what was written; harmless after a commit or a previous abort. */
  void abort();

  /** Aborts unless committed, so try-with-resources never leaves a partial file. */
  @Override
  void close();
}
