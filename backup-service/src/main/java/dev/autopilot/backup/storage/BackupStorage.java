package dev.autopilot.backup.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/** Where backup files go; one implementation per kind of storage. */
public interface BackupStorage {
  /**
   * Starts writing a new file for a source; nothing is visible under {@code fileName} until the
   * upload is committed.
   */
  Upload begin(String source, String fileName) throws IOException;

  /** Deletes a committed file by the location its commit returned; absent is fine. */
  void delete(String location) throws IOException;

  /**
   * Reads a committed file by its location.
   *
   * @throws java.nio.file.NoSuchFileException when it is not there (any more)
   */
  InputStream open(String location) throws IOException;

  /**
   * The file on the local file system that holds this location, when the storage is local: a
   * restore can then verify it in place instead of copying it first.
   */
  Optional<Path> localFile(String location);
}
