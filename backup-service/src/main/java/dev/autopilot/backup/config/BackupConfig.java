package dev.autopilot.backup.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

/**
 * backup-service configuration ({@code backup.*}); checked at startup by {@link BackupConfigCheck}.
 */
@ConfigMapping(prefix = "backup")
public interface BackupConfig {
  /**
   * What can be backed up, by source name: {@code backup.sources."<name>".*}. The name appears in
   * requests, events, metrics and file paths, so it must match {@code Patterns.NAME}.
   */
  Map<String, SourceConfig> sources();

  /** Where backup files are written. */
  StorageConfig storage();

  /** The worker that takes requested backups. */
  Worker worker();

  /** How dumps are taken. */
  Dump dump();

  /** How restores run. */
  Restore restore();

  /** Scheduled backups. */
  Schedule schedule();

  /** Restore drills. */
  Drill drill();

  /** Scheduled backups. */
  interface Schedule {
    /** Off: no scheduled backups at all (the API and events still work). */
    @WithDefault("true")
    boolean enabled();

    /** The schedule of a source that sets none (Quartz cron, UTC): daily at 02:00. */
    @WithDefault("0 0 2 * * ?")
    String defaultCron();

    /** How often the scheduler looks for due slots. */
    @WithDefault("30s")
    Duration checkInterval();
  }

  /** Restore drills: restore the latest backup into a scratch database and check it. */
  interface Drill {
    /** When drills run (Quartz cron, UTC): weekly, Sunday 04:00; {@code off} disables them. */
    @WithDefault("0 0 4 ? * SUN")
    String schedule();

    /**
     * How often drills abandoned by a stopped replica are looked for ({@code off} disables it); a
     * drill is abandoned once RUNNING for the restore timeout plus 10 minutes.
     */
    @WithDefault("5m")
    String abandonedCheck();
  }

  /**
   * Retention with restic's forget semantics; a source's own {@code retention.*} keys override
   * these one by one.
   */
  RetentionConfig retention();

  /** How restores run. */
  interface Restore {
    /** How long the confirm token of a requested restore stays valid. */
    @WithDefault("15m")
    Duration confirmTtl();

    /** Longest one pg_restore may run; then it is killed and the restore FAILED. */
    @WithDefault("2h")
    Duration timeout();
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

    /**
     * postgres: count every table's rows in the dump's snapshot (for restore drills to check).
     * Exact counts read every table; turn off for very large databases.
     */
    @WithDefault("true")
    boolean countRows();
  }
}
