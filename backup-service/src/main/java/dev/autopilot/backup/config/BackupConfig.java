package dev.autopilot.backup.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * backup-service configuration ({@code backup.*}); checked at startup by {@link BackupConfigCheck}.
 */
@ConfigMapping(prefix = "backup")
public interface BackupConfig {
  /**
   * What can be backed up, by source name: {@code backup.sources."<name>".*}. The name appears in
   * requests, events, metrics and file paths, so it must match {@code Patterns.NAME}.
   */
  Map<String, Source> sources();

  /** Where backup files are written. */
  Storage storage();

  /** The worker that takes requested backups. */
  Worker worker();

  /** How dumps are taken. */
  Dump dump();

  /** One source to back up. Which keys are required depends on its kind. */
  interface Source {
    /** The kind of source: {@code postgres}. Files, redis and command sources come later. */
    String kind();

    /** postgres: host name or IP address of the database server (TCP only). */
    Optional<String> host();

    /** postgres: port of the database server. */
    @WithDefault("5432")
    int port();

    /** postgres: the database to dump. */
    Optional<String> database();

    /** postgres: the role pg_dump connects as. */
    @WithDefault("postgres")
    String username();

    /**
     * postgres: NAME of the environment variable holding the password (never the password itself).
     * It reaches pg_dump as PGPASSWORD in the child's environment, never on a command line. Absent:
     * no password (trust, peer, or a ~/.pgpass file).
     */
    Optional<String> passwordEnv();
  }

  /** Where backup files are written. */
  interface Storage {
    /**
     * Local directory; each source gets a subdirectory. Relative paths resolve against the working
     * directory. S3-compatible storage comes with the full backup issue.
     */
    @WithDefault("backups")
    String directory();
  }

  /** The worker that takes requested backups. */
  interface Worker {
    /** How often the worker looks for PENDING backups (and expired claims). */
    @WithDefault("1s")
    Duration pollInterval();

    /**
     * How long a claim on a RUNNING backup lasts unless renewed. A replica that stops (crash,
     * redeploy) stops renewing; once its claims expire, any replica re-runs those backups.
     */
    @WithDefault("60s")
    Duration lease();

    /** How often running backups' claims are renewed; well under {@link #lease()}. */
    @WithDefault("10s")
    Duration heartbeat();

    /** Runs of one backup (a re-run after a crash counts) before it is given up as FAILED. */
    @WithDefault("3")
    int maxAttempts();
  }

  /** How dumps are taken. */
  interface Dump {
    /** Longest one dump may run; then it is killed and the backup FAILED. */
    @WithDefault("1h")
    Duration timeout();

    /** Longest to wait for a connection to a source (version check and pg_dump). */
    @WithDefault("10s")
    Duration connectTimeout();

    /**
     * Where versioned PostgreSQL client binaries live ({@code <root>/<major>/bin/pg_dump}, the
     * Debian layout). pg_dump on PATH is the fallback.
     */
    @WithDefault("/usr/lib/postgresql")
    String postgresClientRoot();
  }
}
