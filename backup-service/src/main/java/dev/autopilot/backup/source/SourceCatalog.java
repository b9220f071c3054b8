package dev.autopilot.backup.source;

import dev.autopilot.backup.config.BackupConfig;
import dev.autopilot.backup.config.BackupConfigCheck;
import dev.autopilot.backup.config.SourceConfig;
import dev.autopilot.backup.config.SourceKind;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The configured sources by name; built from a configuration that passed its check. */
@ApplicationScoped
public class SourceCatalog {
  private final Map<String, BackupSource> sources;

  public SourceCatalog(BackupConfig config) {
    List<String> problems = BackupConfigCheck.problems(config);
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          "invalid backup-service configuration: " + String.join("; ", problems));
    }
    Map<String, BackupSource> byName = new TreeMap<>();
    config.sources().forEach((name, source) -> byName.put(name, toSource(name, source)));
    this.sources = Map.copyOf(byName);
  }

  /** The source of this name, if configured. */
  public Optional<BackupSource> find(String name) {
    return name == null ? Optional.empty() : Optional.ofNullable(sources.get(name));
  }

  /** The configured source names, sorted. */
  public List<String> names() {
    return sources.keySet().stream().sorted().toList();
  }

  private static BackupSource toSource(String name, SourceConfig source) {
    SourceKind kind = SourceKind.fromConfig(source.kind()).orElseThrow();
    return switch (kind) {
      case POSTGRES ->
          new PostgresSource(
              name,
              source.host().orElseThrow(),
              source.port().orElse(5432),
              source.database().orElseThrow(),
              source.username(),
              source.passwordEnv());
      case FILES -> new FilesSource(name, Path.of(source.path().orElseThrow()).toAbsolutePath());
      case REDIS ->
          new RedisSource(
              name,
              source.host().orElseThrow(),
              source.port().orElse(6379),
              source.passwordEnv(),
              source.restorePath().map(p -> Path.of(p).toAbsolutePath().normalize()));
      case COMMAND ->
          new CommandSource(
              name,
              List.copyOf(source.command().orElseThrow()),
              source.extension(),
              source.passwordEnv(),
              source.restoreCommand().map(List::copyOf));
    };
  }
}
