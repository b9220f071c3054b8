package dev.autopilot.backup.config;

import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/**
 * One source to back up: {@code backup.sources."<name>".*}. Which keys are required depends on its
 * kind; {@link BackupConfigCheck} says which.
 */
public interface SourceConfig {
  /** The kind of source: {@code postgres}, {@code files}, {@code redis} or {@code command}. */
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
   * NAME of the environment variable holding the password (never the password itself). postgres: it
   * reaches pg_dump as PGPASSWORD in the child's environment, never on a command line; redis: AUTH;
   * command: PASSWORD in its environment. Absent: no password (trust, peer, ~/.pgpass).
   */
  Optional<String> passwordEnv();

  /** files: the directory to archive (absolute, or relative to the working directory). */
  Optional<String> path();

  /**
   * command: the argument list (no shell), the executable first, comma-separated in properties; its
   * stdout is the archive. Runs with PATH, HOME and LC_ALL only (plus PASSWORD from password-env
   * when set).
   */
  Optional<List<String>> command();

  /** command: the file name extension of its archives, e.g. {@code .archive}. */
  @WithDefault(".out")
  String extension();

  /**
   * command: the restore command's argument list (no shell, absolute executable first, e.g. {@code
   * /usr/bin/mongorestore,--archive,--drop}); it gets the verified, decrypted archive on stdin and
   * the same environment as {@link #command()}. Absent: command backups are not restorable through
   * the API.
   */
  Optional<List<String>> restoreCommand();

  /**
   * redis: the RDB file a restore in mode {@code original} replaces (e.g. {@code
   * /var/lib/redis/dump.rdb}, the server's {@code dir}/{@code dbfilename}); the previous file is
   * kept beside it. Absent: redis backups are restored into a folder only.
   */
  Optional<String> restorePath();

  /**
   * When scheduled backups run (Quartz cron, UTC, e.g. {@code 0 0 2 * * ?}); {@code off} for none.
   * Absent: {@code backup.schedule.default-cron}. An admin can override it through the API.
   */
  Optional<String> schedule();

  /**
   * postgres: SQL queries a restore drill runs in the scratch database; each must return one row
   * whose first column is true.
   */
  Optional<List<String>> verifyQueries();

  /** This source's retention options, overriding {@code backup.retention.*} one by one. */
  Optional<Retention> retention();

  /** A source's own retention options; each one set replaces the global one. */
  interface Retention {
    /** See {@link RetentionConfig#keepLast()}. */
    Optional<Integer> keepLast();

    /** See {@link RetentionConfig#keepHourly()}. */
    Optional<Integer> keepHourly();

    /** See {@link RetentionConfig#keepDaily()}. */
    Optional<Integer> keepDaily();

    /** See {@link RetentionConfig#keepWeekly()}. */
    Optional<Integer> keepWeekly();

    /** See {@link RetentionConfig#keepMonthly()}. */
    Optional<Integer> keepMonthly();

    /** See {@link RetentionConfig#keepYearly()}. */
    Optional<Integer> keepYearly();

    /** See {@link RetentionConfig#keepWithin()}. */
    Optional<String> keepWithin();
  }
}
