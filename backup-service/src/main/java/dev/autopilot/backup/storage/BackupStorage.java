package dev.autopilot.backup.storage;

import java.io.IOException;

/** Where backup files go; one implementation per kind of storage. */
public interface BackupStorage {
  /**
   * Starts writing a new file for a source; nothing is visible under {@code fileName} until the
   * upload is committed.
   */
  Upload begin(String source, String fileName) throws IOException;

  /** Deletes a committed file by the location its commit returned; absent is fine. */
  void delete(String location) throws IOException;
}
