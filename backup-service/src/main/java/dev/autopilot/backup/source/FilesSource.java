package dev.autopilot.backup.source;

import dev.autopilot.backup.config.SourceKind;
import java.nio.file.Path;

/** A directory archived as tar.gz (e.g. an uploads folder). */
public record FilesSource(String name, Path path) implements BackupSource {
  @Override
  public SourceKind kind() {
    return SourceKind.FILES;
  }
}
