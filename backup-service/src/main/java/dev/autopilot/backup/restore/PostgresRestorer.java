package dev.autopilot.backup.restore;

import dev.autopilot.backup.dump.DumpException;
import dev.autopilot.backup.dump.StreamingProcess;
import dev.autopilot.backup.postgres.PostgresClient;
import dev.autopilot.backup.source.PostgresSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Restores a verified custom-format dump with {@code pg_restore}: over a database ({@code --clean
 * --if-exists}, in a single transaction, so a failed restore leaves the database as it was), or
 * into a database it creates (dropped again if the restore fails).
 */
@ApplicationScoped
public class PostgresRestorer {
  private static final Logger LOG = Logger.getLogger(PostgresRestorer.class);

  private final PostgresClient client;

  public PostgresRestorer(PostgresClient client) {
    this.client = client;
  }

  /** Restores {@code dump} over the existing database {@code database}. */
  public void restoreOver(PostgresSource source, String database, Path dump, Duration timeout)
      throws DumpException, IOException {
    pgRestore(source, database, dump, timeout);
  }

  /**
   * Creates {@code database} and restores {@code dump} into it; drops it again when the restore
   * fails.
   *
   * @param replaceLeftover true on a re-run after a crash: a database of that name is the crashed
   *     attempt's and is dropped first
   */
  public void restoreIntoNew(
      PostgresSource source, String database, Path dump, Duration timeout, boolean replaceLeftover)
      throws DumpException, IOException {
    if (exists(source, database)) {
      if (!replaceLeftover) {
        throw new DumpException("database " + database + " already exists; restore refused");
      }
      drop(source, database);
    }
    execute(source, "create database " + PostgresClient.quoteIdentifier(database));
    boolean ok = false;
    try {
      pgRestore(source, database, dump, timeout);
      ok = true;
    } finally {
      if (!ok) {
        try {
          drop(source, database);
        } catch (DumpException e) {
          LOG.warnf("cannot drop %s after a failed restore: %s", database, e.getMessage());
        }
      }
    }
  }

  /** Drops {@code database} if it exists, disconnecting its sessions. */
  public void drop(PostgresSource source, String database) throws DumpException {
    execute(
        source,
        "drop database if exists " + PostgresClient.quoteIdentifier(database) + " with (force)");
  }

  /** True when {@code database} exists on the source's server. */
  public boolean exists(PostgresSource source, String database) throws DumpException {
    try (Connection c = client.connect(source, source.database());
        PreparedStatement ps = c.prepareStatement("select 1 from pg_database where datname = ?")) {
      ps.setString(1, database);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    } catch (SQLException e) {
      throw new DumpException("cannot look up database " + database + ": " + e.getMessage());
    }
  }

  private void execute(PostgresSource source, String sql) throws DumpException {
    // CREATE/DROP DATABASE cannot run in a transaction block: autocommit, from the source's own
    // database (any database of the server will do).
    try (Connection c = client.connect(source, source.database());
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new DumpException(sql + " failed: " + e.getMessage());
    }
  }

  private void pgRestore(PostgresSource source, String database, Path dump, Duration timeout)
      throws DumpException, IOException {
    Path pgRestore = client.locate("pg_restore", client.serverMajor(source));
    List<String> command =
        List.of(
            pgRestore.toString(),
            "--clean",
            "--if-exists",
            "--single-transaction",
            "--exit-on-error",
            "--no-password",
            "-h",
            source.host(),
            "-p",
            Integer.toString(source.port()),
            "-U",
            source.username(),
            "-d",
            database,
            dump.toString());
    LOG.infof("restore of %s: %s", source.name(), String.join(" ", command));
    StreamingProcess.Result result =
        StreamingProcess.run(
            command, client.environment(source), OutputStream.nullOutputStream(), timeout);
    if (result.timedOut()) {
      throw new DumpException("pg_restore did not finish within " + timeout + " and was killed");
    }
    if (result.exitCode() != 0) {
      String stderr = result.stderr().strip();
      throw new DumpException(
          "pg_restore exited with status "
              + result.exitCode()
              + (stderr.isEmpty() ? "" : ": " + stderr));
    }
  }
}
