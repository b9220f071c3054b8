package dev.autopilot.backup.dump;

import dev.autopilot.backup.source.PostgresSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pg_dump invocation for a source: a custom-format dump to stdout. The password travels only in
 * the child's environment (PGPASSWORD); the environment is built from scratch, so the service's own
 * secrets never reach the child.
 *
 * @param arguments the argument list, the executable first
 * @param environment the child's whole environment
 */
public record PgDumpCommand(List<String> arguments, Map<String, String> environment) {
  /** The child's application name, as the source server's pg_stat_activity shows it. */
  public static final String APPLICATION_NAME = "autopilot-backup-service";

  /** The command for {@code source}, inheriting only PATH and HOME from {@code parent}. */
  public static PgDumpCommand of(
      Path pgDump,
      PostgresSource source,
      Optional<String> password,
      Duration connectTimeout,
      Map<String, String> parent) {
    return of(pgDump, source, password, connectTimeout, parent, Optional.empty());
  }

  /**
   * The command for {@code source} dumping the exported snapshot {@code snapshot} (so rows counted
   * in that snapshot are exactly the rows dumped).
   */
  public static PgDumpCommand of(
      Path pgDump,
      PostgresSource source,
      Optional<String> password,
      Duration connectTimeout,
      Map<String, String> parent,
      Optional<String> snapshot) {
    List<String> arguments =
        new java.util.ArrayList<>(
            List.of(
                pgDump.toString(),
                "-Fc",
                "-w",
                "-h",
                source.host(),
                "-p",
                Integer.toString(source.port()),
                "-U",
                source.username(),
                "-d",
                source.database()));
    snapshot.ifPresent(id -> arguments.add("--snapshot=" + id));
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("PATH", parent.getOrDefault("PATH", "/usr/bin:/bin"));
    if (parent.containsKey("HOME")) {
      // libpq reads ~/.pgpass when no password is configured
      environment.put("HOME", parent.get("HOME"));
    }
    environment.put("LC_ALL", "C");
    environment.put("PGAPPNAME", APPLICATION_NAME);
    environment.put("PGCONNECT_TIMEOUT", Long.toString(Math.max(2, connectTimeout.toSeconds())));
    password.ifPresent(p -> environment.put("PGPASSWORD", p));
    return new PgDumpCommand(List.copyOf(arguments), Map.copyOf(environment));
  }

  /** The arguments and the names (not values) of the environment: safe to log. */
  @Override
  public String toString() {
    return String.join(" ", arguments) + " (environment: " + environment.keySet() + ")";
  }
}
