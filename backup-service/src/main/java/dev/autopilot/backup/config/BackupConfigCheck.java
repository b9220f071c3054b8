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
  public static final String DATABASE = "^[A-Za-z_][A-Za-z0-9_.$-]{0,62}$";

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
    for (Map.Entry<String, SourceConfig> entry : config.sources().entrySet()) {
      String name = entry.getKey();
      String prefix = "backup.sources.\"" + name + "\".";
      if (!name.matches(Patterns.NAME)) {
        problems.add("source name '" + name + "' " + Patterns.NAME_MESSAGE);
      }
      SourceConfig source = entry.getValue();
      source.schedule().ifPresent(cron -> cron(problems, prefix + "schedule", cron));
      Optional<SourceKind> kind = SourceKind.fromConfig(source.kind());
      if (kind.isEmpty()) {
        problems.add(
            prefix
                + "kind '"
                + source.kind()
                + "' is not supported (supported: "
                + SourceKind.supported()
                + ")");
      } else {
        switch (kind.get()) {
          case POSTGRES -> postgres(problems, prefix, source);
          case FILES -> files(problems, prefix, source);
          case REDIS -> redis(problems, prefix, source);
          case COMMAND -> command(problems, prefix, source);
        }
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
    problems.addAll(dev.autopilot.backup.retention.RetentionPolicies.problems(config));
    positive(problems, "backup.restore.confirm-ttl", config.restore().confirmTtl());
    positive(problems, "backup.restore.timeout", config.restore().timeout());
    storage(problems, config.storage());
    cron(problems, "backup.schedule.default-cron", config.schedule().defaultCron());
    cron(problems, "backup.drill.schedule", config.drill().schedule());
    if (config.storage().directory().isBlank()) {
      problems.add("backup.storage.directory must name a directory");
    }
    return problems;
  }

  private static void postgres(List<String> problems, String prefix, SourceConfig source) {
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
    port(problems, prefix, source);
    passwordEnv(problems, prefix, source);
  }

  private static void cron(List<String> problems, String key, String cron) {
    try {
      dev.autopilot.backup.schedule.CronSchedule.parse(cron);
    } catch (IllegalArgumentException e) {
      problems.add(key + " " + e.getMessage());
    }
  }

  private static void storage(List<String> problems, StorageConfig storage) {
    if (!storage.kind().equals("local") && !storage.kind().equals("s3")) {
      problems.add("backup.storage.kind must be 'local' or 's3'");
    }
    if (storage.kind().equals("s3")) {
      StorageConfig.S3 s3 = storage.s3();
      if (s3.bucket().isEmpty()) {
        problems.add("backup.storage.s3.bucket is required for storage kind s3");
      }
      if (s3.partSize() < 5 * 1024 * 1024) {
        problems.add("backup.storage.s3.part-size must be at least 5 MiB (5242880)");
      }
      if (s3.maxAttempts() < 1) {
        problems.add("backup.storage.s3.max-attempts must be at least 1");
      }
      if (s3.accessKeyEnv().isPresent() != s3.secretKeyEnv().isPresent()) {
        problems.add("backup.storage.s3: set both access-key-env and secret-key-env, or neither");
      }
    }
    problems.addAll(dev.autopilot.backup.crypto.Encryption.problems(storage.encryption()));
  }

  private static void files(List<String> problems, String prefix, SourceConfig source) {
    if (source.path().isEmpty() || source.path().get().isBlank()) {
      problems.add(prefix + "path is required for kind files");
    }
  }

  private static void redis(List<String> problems, String prefix, SourceConfig source) {
    if (source.host().isEmpty()) {
      problems.add(prefix + "host is required for kind redis");
    } else if (!source.host().get().matches(HOST)) {
      problems.add(prefix + "host must be a host name or IP address");
    }
    port(problems, prefix, source);
    passwordEnv(problems, prefix, source);
    source
        .restorePath()
        .filter(path -> path.isBlank() || path.endsWith("/"))
        .ifPresent(path -> problems.add(prefix + "restore-path must name a file (the RDB)"));
  }

  private static void command(List<String> problems, String prefix, SourceConfig source) {
    if (source.command().isEmpty() || source.command().get().isEmpty()) {
      problems.add(prefix + "command is required for kind command (the argument list)");
    } else if (!source.command().get().get(0).startsWith("/")) {
      problems.add(prefix + "command must start with the executable's absolute path");
    }
    if (!source.extension().matches("^\\.[A-Za-z0-9][A-Za-z0-9.]{0,15}$")) {
      problems.add(prefix + "extension must be like .archive");
    }
    if (source.restoreCommand().isPresent()) {
      if (source.restoreCommand().get().isEmpty()) {
        problems.add(prefix + "restore-command must not be empty (the argument list)");
      } else if (!source.restoreCommand().get().get(0).startsWith("/")) {
        problems.add(prefix + "restore-command must start with the executable's absolute path");
      }
    }
    passwordEnv(problems, prefix, source);
  }

  private static void port(List<String> problems, String prefix, SourceConfig source) {
    if (source.port().isPresent() && (source.port().get() < 1 || source.port().get() > 65535)) {
      problems.add(prefix + "port must be between 1 and 65535");
    }
  }

  private static void passwordEnv(List<String> problems, String prefix, SourceConfig source) {
    source
        .passwordEnv()
        .filter(env -> !env.matches(ENV_NAME))
        .ifPresent(env -> problems.add(prefix + "password-env must name an environment variable"));
  }

  private static void warnIfPasswordMissing(String name, SourceConfig source) {
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
