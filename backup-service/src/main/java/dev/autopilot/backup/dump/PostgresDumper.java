package dev.autopilot.backup.dump;

import dev.autopilot.backup.config.BackupConfig;
import dev.autopilot.backup.config.SourceKind;
import dev.autopilot.backup.source.BackupSource;
import dev.autopilot.backup.source.PostgresSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import org.jboss.logging.Logger;

/**
 * Dumps a PostgreSQL database with {@code pg_dump -Fc}: asks the server its version over JDBC,
 * picks a pg_dump at least that new, and streams the dump out as pg_dump writes it.
 */
@ApplicationScoped
public class PostgresDumper implements Dumper {
  private static final Logger LOG = Logger.getLogger(PostgresDumper.class);

  private final PgDumpLocator locator;
  private final Duration timeout;
  private final Duration connectTimeout;

  public PostgresDumper(BackupConfig config) {
    this.locator =
        new PgDumpLocator(Path.of(config.dump().postgresClientRoot()), System.getenv("PATH"));
    this.timeout = config.dump().timeout();
    this.connectTimeout = config.dump().connectTimeout();
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
  public void dump(BackupSource source, OutputStream out) throws DumpException, IOException {
    PostgresSource postgres = (PostgresSource) source;
    Optional<String> password = password(postgres);
    int serverMajor = serverMajor(postgres, password);
    Path pgDump = locator.locate(serverMajor);
    PgDumpCommand command =
        PgDumpCommand.of(pgDump, postgres, password, connectTimeout, System.getenv());
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
  }

  private static Optional<String> password(PostgresSource source) throws DumpException {
    if (source.passwordEnv().isEmpty()) {
      return Optional.empty();
    }
    String name = source.passwordEnv().get();
    String value = System.getenv(name);
    if (value == null) {
      throw new DumpException(
          "environment variable "
              + name
              + " (password-env of source "
              + source.name()
              + ") is not set");
    }
    return Optional.of(value);
  }

  /** The server's major version, asked with {@code show server_version_num}. */
  private int serverMajor(PostgresSource source, Optional<String> password) throws DumpException {
    String host = source.host().contains(":") ? "[" + source.host() + "]" : source.host();
    String url = "jdbc:postgresql://" + host + ":" + source.port() + "/" + source.database();
    Properties props = new Properties();
    props.setProperty("user", source.username());
    password.ifPresent(p -> props.setProperty("password", p));
    props.setProperty("connectTimeout", Long.toString(Math.max(1, connectTimeout.toSeconds())));
    props.setProperty("socketTimeout", "60");
    props.setProperty("ApplicationName", PgDumpCommand.APPLICATION_NAME);
    String where = source.host() + ":" + source.port() + "/" + source.database();
    try (Connection c = new org.postgresql.Driver().connect(url, props);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("show server_version_num")) {
      rs.next();
      return PgDumpLocator.majorOf(Integer.parseInt(rs.getString(1).strip()));
    } catch (SQLException e) {
      throw new DumpException("cannot connect to " + where + ": " + e.getMessage());
    } catch (NumberFormatException e) {
      throw new DumpException("cannot read the server version of " + where);
    }
  }
}
