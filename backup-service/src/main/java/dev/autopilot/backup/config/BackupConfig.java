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
  Retention retention();

  /** The retention options (restic's --keep-*), for every source unless it overrides them. */
  interface Retention {
    /** Keep the newest n backups. */
    @WithDefault("0")
    int keepLast();

    /** Keep the newest backup of each of the newest n hours that have one (-1: every hour). */
    @WithDefault("0")
    int keepHourly();

    /** Keep the newest backup of each of the newest n days that have one (-1: every day). */
    @WithDefault("7")
    int keepDaily();

    /** Keep the newest backup of each of the newest n ISO weeks (Monday–Sunday) that have one. */
    @WithDefault("4")
    int keepWeekly();

    /** Keep the newest backup of each of the newest n months that have one. */
    @WithDefault("12")
    int keepMonthly();

    /** Keep the newest backup of each of the newest n years that have one. */
    @WithDefault("0")
    int keepYearly();

    /** Keep every backup within this restic duration (e.g. 1y5m7d2h) of the newest backup. */
    Optional<String> keepWithin();

    /** Keep the newest backup of each hour within this duration of the newest backup. */
    Optional<String> keepWithinHourly();

    /** Keep the newest backup of each day within this duration of the newest backup. */
    Optional<String> keepWithinDaily();

    /** Keep the newest backup of each week within this duration of the newest backup. */
    Optional<String> keepWithinWeekly();

    /** Keep the newest backup of each month within this duration of the newest backup. */
    Optional<String> keepWithinMonthly();

    /** Keep the newest backup of each year within this duration of the newest backup. */
    Optional<String> keepWithinYearly();

    /** PRE_DEPLOY and MIGRATION backups are kept at least this long, whatever the policy. */
    @WithDefault("30d")
    Duration protectedFor();

    /** The time zone whose calendar defines hours, days, weeks, months and years. */
    @WithDefault("UTC")
    String zone();

    /** When retention is applied automatically (Quarkus cron); {@code off} disables it. */
    @WithDefault("0 30 3 * * ?")
    String schedule();
  }

  /** A source's own retention options; each one set replaces the global one. */
  interface SourceRetention {
    /** See {@link Retention#keepLast()}. */
    Optional<Integer> keepLast();

    /** See {@link Retention#keepHourly()}. */
    Optional<Integer> keepHourly();

    /** See {@link Retention#keepDaily()}. */
    Optional<Integer> keepDaily();

    /** See {@link Retention#keepWeekly()}. */
    Optional<Integer> keepWeekly();

    /** See {@link Retention#keepMonthly()}. */
    Optional<Integer> keepMonthly();

    /** See {@link Retention#keepYearly()}. */
    Optional<Integer> keepYearly();

    /** See {@link Retention#keepWithin()}. */
    Optional<String> keepWithin();
  }

  /** How restores run. */
  interface Restore {
    /** How long the confirm token of a requested restore stays valid. */
    @WithDefault("15m")
    Duration confirmTtl();

    /** Longest one pg_restore may run; then it is killed and the restore FAILED. */
    @WithDefault("2h")
    Duration timeout();
  }

  /** One source to back up. Which keys are required depends on its kind. */
  interface Source {
    /** The kind of source: {@code postgres}. Files, redis and command sources come later. */
    String kind();

    /** postgres, redis: host name or IP address of the server (TCP only). */
    Optional<String> host();

    /** postgres, redis: port of the server (defaults: 5432 for postgres, 6379 for redis). */
    Optional<Integer> port();

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

    /** files: the directory to archive (absolute, or relative to the working directory). */
    Optional<String> path();

    /**
     * command: the argument list (no shell), the executable first, comma-separated in properties;
     * its stdout is the archive. Runs with PATH, HOME and LC_ALL only (plus PASSWORD from
     * password-env when set).
     */
    Optional<java.util.List<String>> command();

    /** command: the file name extension of its archives, e.g. {@code .archive}. */
    @WithDefault(".out")
    String extension();

    /**
     * When scheduled backups run (Quartz cron, UTC, e.g. {@code 0 0 2 * * ?}); {@code off} for
     * none. Absent: {@code backup.schedule.default-cron}. An admin can override it through the API.
     */
    Optional<String> schedule();

    /**
     * postgres: SQL queries a restore drill runs in the scratch database; each must return one row
     * whose first column is true.
     */
    Optional<java.util.List<String>> verifyQueries();

    /** This source's retention options, overriding {@code backup.retention.*} one by one. */
    Optional<SourceRetention> retention();
  }

  /** Where backup files are written. */
  interface Storage {
    /** {@code local} (a directory) or {@code s3} (an S3-compatible bucket: AWS, MinIO, ...). */
    @WithDefault("local")
    String kind();

    /**
     * Local directory; each source gets a subdirectory. Relative paths resolve against the working
     * directory.
     */
    @WithDefault("backups")
    String directory();

    /** The S3-compatible bucket, for kind {@code s3}. */
    S3 s3();

    /** Client-side encryption of every new object (AES-256-GCM, streamed). */
    Encryption encryption();
  }

  /** An S3-compatible bucket. */
  interface S3 {
    /** Endpoint URL for MinIO and other S3-compatible servers; absent means AWS. */
    Optional<String> endpoint();

    /** The bucket (it must exist). */
    Optional<String> bucket();

    /** The region (any value for MinIO). */
    @WithDefault("us-east-1")
    String region();

    /** Key prefix before {@code <source>/<file>}, e.g. {@code backups/}. */
    Optional<String> prefix();

    /** Path-style addressing ({@code endpoint/bucket/key}): MinIO and most self-hosted servers. */
    @WithDefault("true")
    boolean pathStyle();

    /** NAME of the variable holding the access key id; absent: the AWS default chain. */
    Optional<String> accessKeyEnv();

    /** NAME of the variable holding the secret access key. */
    Optional<String> secretKeyEnv();

    /** Multipart part size: the only buffer a backup holds in memory (at least 5 MiB). */
    @WithDefault("8388608")
    int partSize();

    /** Attempts per S3 request (the SDK's standard retry strategy with backoff), at least 1. */
    @WithDefault("3")
    int maxAttempts();

    /** Longest one S3 request may take, retries included. */
    @WithDefault("120s")
    Duration requestTimeout();
  }

  /** Client-side encryption. */
  interface Encryption {
    /** NAME of the variable holding the 256-bit key, base64; absent: objects are not encrypted. */
    Optional<String> keyEnv();

    /** The key's id, recorded in every manifest and object header (rotate by changing both). */
    @WithDefault("default")
    String keyId();
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
