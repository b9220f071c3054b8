package dev.autopilot.backup.postgres;

import dev.autopilot.backup.config.BackupConfig;
import dev.autopilot.backup.dump.DumpException;
import dev.autopilot.backup.dump.PgDumpCommand;
import dev.autopilot.backup.dump.PgDumpLocator;
import dev.autopilot.backup.source.PostgresSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * JDBC connections to a configured PostgreSQL source (as its configured role, the password read
 * from its password-env variable), the server's version, and the environment its client programs
 * run with. Shared by dumps, restores and drills.
 */
@ApplicationScoped
public class PostgresClient {
  private final Duration connectTimeout;
  private final Path clientRoot;

  public PostgresClient(BackupConfig config) {
    this.connectTimeout = config.dump().connectTimeout();
    this.clientRoot = Path.of(config.dump().postgresClientRoot());
  }

  /** The source's password from its password-env variable; empty when none is configured. */
  public static Optional<String> password(PostgresSource source) throws DumpException {
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

  /** A connection to {@code database} on the source's server. */
  public Connection connect(PostgresSource source, String database) throws DumpException {
    Optional<String> password = password(source);
    String host = source.host().contains(":") ? "[" + source.host() + "]" : source.host();
    String url = "jdbc:postgresql://" + host + ":" + source.port() + "/" + database;
    Properties props = new Properties();
    props.setProperty("user", source.username());
    password.ifPresent(p -> props.setProperty("password", p));
    props.setProperty("connectTimeout", Long.toString(Math.max(1, connectTimeout.toSeconds())));
    props.setProperty("ApplicationName", PgDumpCommand.APPLICATION_NAME);
    try {
      return new org.postgresql.Driver().connect(url, props);
    } catch (SQLException e) {
      throw new DumpException(
          "cannot connect to "
              + source.host()
              + ":"
              + source.port()
              + "/"
              + database
              + ": "
              + e.getMessage());
    }
  }

  /** The server's major version, asked with {@code show server_version_num}. */
  public int serverMajor(PostgresSource source) throws DumpException {
    try (Connection c = connect(source, source.database());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("show server_version_num")) {
      rs.next();
      return PgDumpLocator.majorOf(Integer.parseInt(rs.getString(1).strip()));
    } catch (SQLException | NumberFormatException e) {
      throw new DumpException(
          "cannot read the server version of " + source.host() + ":" + source.port());
    }
  }

  /** A client program ({@code pg_restore}, ...) at least as new as the source's server. */
  public Path locate(String tool, int serverMajor) throws DumpException {
    return new PgDumpLocator(clientRoot, System.getenv("PATH"), tool).locate(serverMajor);
  }

  /** How long connecting may take. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /**
   * The environment of a client program run for {@code source}: built from scratch (PATH, HOME for
   * ~/.pgpass, LC_ALL, PGAPPNAME, PGCONNECT_TIMEOUT) and the password only as PGPASSWORD.
   */
  public Map<String, String> environment(PostgresSource source) throws DumpException {
    Optional<String> password = password(source);
    Map<String, String> parent = System.getenv();
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("PATH", parent.getOrDefault("PATH", "/usr/bin:/bin"));
    if (parent.containsKey("HOME")) {
      environment.put("HOME", parent.get("HOME"));
    }
    environment.put("LC_ALL", "C");
    environment.put("PGAPPNAME", PgDumpCommand.APPLICATION_NAME);
    environment.put("PGCONNECT_TIMEOUT", Long.toString(Math.max(2, connectTimeout.toSeconds())));
    password.ifPresent(p -> environment.put("PGPASSWORD", p));
    return environment;
  }

  /** A SQL identifier quoted for PostgreSQL (double quotes doubled). */
  public static String quoteIdentifier(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }
}
