package dev.autopilot.backup.source;

import dev.autopilot.backup.config.SourceKind;
import java.util.List;
import java.util.Optional;

/**
 * An admin-configured command whose stdout is the archive (e.g. {@code mongodump --archive}).
 *
 * @param command the argument list, the executable first; run without a shell
 * @param extension the file name extension of its archives, with the dot
 * @param passwordEnv the NAME of an environment variable passed to it as PASSWORD, if any
 * @param restoreCommand the restore command's argument list (archive on stdin), if configured
 */
public record CommandSource(
    String name,
    List<String> command,
    String extension,
    Optional<String> passwordEnv,
    Optional<List<String>> restoreCommand)
    implements BackupSource {
  @Override
  public SourceKind kind() {
    return SourceKind.COMMAND;
  }
}
