package dev.autopilot.backup.dump;

import dev.autopilot.backup.config.BackupConfig;
import dev.autopilot.backup.config.SourceKind;
import dev.autopilot.backup.postgres.PostgresClient;
import dev.autopilot.backup.source.BackupSource;
import dev.autopilot.backup.source.PostgresSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * Dumps a PostgreSQL database with {@code pg_dump -Fc}: asks the server its version over JDBC,
 * picks a pg_dump at least that new, and streams the dump out as pg_dump writes it. The rows of
 * every table are counted in a repeatable-read transaction whose snapshot pg_dump then dumps
 * ({@code --snapshot}), so the counts a restore drill checks are exactly the rows in the dump.
 */
@ApplicationScoped
public class PostgresDumper implements Dumper {
  private static final Logger LOG = Logger.getLogger(PostgresDumper.class);

  private final PgDumpLocator locator;
  private final Duration timeout;
  private final Duration connectTimeout;
  private final PostgresClient client;
  private final boolean countRows;

  public PostgresDumper(BackupConfig config, PostgresClient client) {
    this.client = client;
    this.locator =
        new PgDumpLocator(Path.of(config.dump().postgresClientRoot()), System.getenv("PATH"));
    this.timeout = config.dump().timeout();
    this.connectTimeout = config.dump().connectTimeout();
    this.countRows = config.dump().countRows();
  }

  @Override
  public SourceKind kind() {
    return SourceKind.POSTGRES;
  }

  @Override
  public String fileExtension() {
    return ".dump";
  }

  @Override
  public DumpInfo dump(BackupSource source, OutputStream out) throws DumpException, IOException {
    PostgresSource postgres = (PostgresSource) source;
    Optional<String> password = PostgresClient.password(postgres);
    int serverMajor = client.serverMajor(postgres);
    Path pgDump = locator.locate(serverMajor);
    String toolVersion = version(pgDump);
    // The snapshot's transaction stays open until pg_dump is done with it.
    try (Connection snapshot = client.connect(postgres, postgres.database())) {
      String serverVersion;
      String snapshotId;
      Map<String, Long> counts = null;
      try {
        snapshot.setAutoCommit(false);
        try (Statement s = snapshot.createStatement()) {
          s.execute("set transaction isolation level repeatable read, read only");
          snapshotId = single(s, "select pg_export_snapshot()");
          serverVersion = single(s, "show server_version");
        }
        if (countRows) {
          counts = countRows(snapshot);
        }
      } catch (SQLException e) {
        throw new DumpException(
            "cannot take a snapshot of " + postgres.database() + ": " + e.getMessage());
      }
      PgDumpCommand command =
          PgDumpCommand.of(
              pgDump, postgres, password, connectTimeout, System.getenv(), Optional.of(snapshotId));
      LOG.infof("backup of %s: %s", source.name(), command);
      StreamingProcess.Result result =
          StreamingProcess.run(command.arguments(), command.environment(), out, timeout);
      if (result.timedOut()) {
        throw new DumpException("pg_dump did not finish within " + timeout + " and was killed");
      }
      if (result.exitCode() != 0) {
        String stderr = result.stderr().strip();
        throw new DumpException(
            "pg_dump exited with status "
                + result.exitCode()
                + (stderr.isEmpty() ? "" : ": " + stderr));
      }
      try {
        snapshot.rollback();
      } catch (SQLException e) {
        // read-only: nothing to keep; closing ends the transaction anyway
      }
      return new DumpInfo("pg_dump", toolVersion, serverVersion, counts);
    } catch (SQLException e) {
      throw new DumpException("cannot close the snapshot connection: " + e.getMessage());
    }
  }

  /** Exact row counts of every ordinary table (partitions included), in the open snapshot. */
  public static Map<String, Long> countRows(Connection c) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select quote_ident(n.nspname) || '.' || quote_ident(c.relname)"
                    + " from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                    + " where c.relkind = 'r' and n.nspname not in ('pg_catalog',"
                    + " 'information_schema') and n.nspname not like 'pg\\_toast%'"
                    + " and n.nspname not like 'pg\\_temp%' order by 1")) {
      while (rs.next()) {
        tables.add(rs.getString(1));
      }
    }
    Map<String, Long> counts = new TreeMap<>();
    try (Statement s = c.createStatement()) {
      for (String table : tables) {
        // The name comes from quote_ident above: safe to splice.
        try (ResultSet rs = s.executeQuery("select count(*) from " + table)) {
          rs.next();
          counts.put(table, rs.getLong(1));
        }
      }
    }
    return counts;
  }

  private static String single(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static String version(Path tool) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      StreamingProcess.run(
          List.of(tool.toString(), "--version"),
          Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin")),
          out,
          Duration.ofSeconds(10));
      return out.toString(StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      return "unknown";
    }
  }
}
