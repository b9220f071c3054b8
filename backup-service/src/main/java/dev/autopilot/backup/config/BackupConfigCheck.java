package dev.autopilot.backup.config;

import dev.autopilot.platform.event.v1.Patterns;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Refuses to start with a configuration that could not back anything up safely: an unsupported
 * kind, a missing host or database, names that could be read as options or connection strings.
 */
@ApplicationScoped
public class BackupConfigCheck {
  private static final Logger LOG = Logger.getLogger(BackupConfigCheck.class);

  /** Host names and IPv4/IPv6 addresses; no unix socket directories (JDBC cannot use them). */
  static final String HOST = "^(?:[A-Za-z0-9][A-Za-z0-9.-]{0,252}|[0-9A-Fa-f:]{2,39})$";

  /** Database names: never a libpq connection string (no '=') or URI (no ':' or '/'). */
  static final String DATABASE = "^[A-Za-z_][A-Za-z0-9_.$-]{0,62}$";

  /** Role names, including cloud forms like {@code user@server}. */
  static final String USERNAME = "^[A-Za-z_][A-Za-z0-9_.@$-]{0,62}$";

  /** Environment variable names. */
  static final String ENV_NAME = "^[A-Za-z_][A-Za-z0-9_]{0,127}$";

  void onStart(@Observes StartupEvent event, BackupConfig config) {
    List<String> problems = problems(config);
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          "invalid backup-service configuration: " + String.join("; ", problems));
    }
    config.sources().forEach(BackupConfigCheck::warnIfPasswordMissing);
  }

  /** What is wrong with the configuration; empty when nothing is. */
  public static List<String> problems(BackupConfig config) {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, BackupConfig.Source> entry : config.sources().entrySet()) {
      String name = entry.getKey();
      String prefix = "backup.sources.\"" + name + "\".";
      if (!name.matches(Patterns.NAME)) {
        problems.add("source name '" + name + "' " + Patterns.NAME_MESSAGE);
      }
      BackupConfig.Source source = entry.getValue();
      Optional<SourceKind> kind = SourceKind.fromConfig(source.kind());
      if (kind.isEmpty()) {
        problems.add(
            prefix
                + "kind '"
                + source.kind()
                + "' is not supported (supported: "
                + SourceKind.supported()
                + ")");
      } else if (kind.get() == SourceKind.POSTGRES) {
        postgres(problems, prefix, source);
      }
    }
    BackupConfig.Worker worker = config.worker();
    positive(problems, "backup.worker.poll-interval", worker.pollInterval());
    positive(problems, "backup.worker.heartbeat", worker.heartbeat());
    if (worker.lease().compareTo(worker.heartbeat().multipliedBy(3)) < 0) {
      problems.add("backup.worker.lease must be at least 3 times backup.worker.heartbeat");
    }
    if (worker.maxAttempts() < 1) {
      problems.add("backup.worker.max-attempts must be at least 1");
    }
    positive(problems, "backup.dump.timeout", config.dump().timeout());
    positive(problems, "backup.dump.connect-timeout", config.dump().connectTimeout());
    if (config.storage().directory().isBlank()) {
      problems.add("backup.storage.directory must name a directory");
    }
    return problems;
  }

  private static void postgres(List<String> problems, String prefix, BackupConfig.Source source) {
    if (source.host().isEmpty()) {
      problems.add(prefix + "host is required for kind postgres");
    } else if (!source.host().get().matches(HOST)) {
      problems.add(prefix + "host must be a host name or IP address");
    }
    if (source.database().isEmpty()) {
      problems.add(prefix + "database is required for kind postgres");
    } else if (!source.database().get().matches(DATABASE)) {
      problems.add(prefix + "database must be 1-63 letters, digits, '_', '.', '$' or '-'");
    }
    if (!source.username().matches(USERNAME)) {
      problems.add(prefix + "username must be 1-63 letters, digits, '_', '.', '@', '$' or '-'");
    }
    if (source.port() < 1 || source.port() > 65535) {
      problems.add(prefix + "port must be between 1 and 65535");
    }
    source
        .passwordEnv()
        .filter(env -> !env.matches(ENV_NAME))
        .ifPresent(env -> problems.add(prefix + "password-env must name an environment variable"));
  }

  private static void warnIfPasswordMissing(String name, BackupConfig.Source source) {
    source
        .passwordEnv()
        .filter(env -> System.getenv(env) == null)
        .ifPresent(
            env ->
                LOG.warnf(
                    "backup source %s: environment variable %s is not set;"
                        + " its backups will fail until it is",
                    name, env));
  }

  private static void positive(List<String> problems, String key, Duration value) {
    if (value.isNegative() || value.isZero()) {
      problems.add(key + " must be positive");
    }
  }
}
