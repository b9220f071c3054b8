package dev.autopilot.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The system's PostgreSQL server binaries run as a throw-away cluster: initdb into a fresh
 * directory, trust authentication, fsync off, loopback only. As root, initdb refuses to run, so the
 * directory is given to the {@code postgres} user and the binaries run through {@code runuser}.
 */
final class PostgresServer {
  private static final String BIN_PROPERTY = "autopilot.postgres.bin";

  private final Path bin;
  private final Path root;
  private final Path data;
  private final Path socketDir;
  private final int port;
  private final boolean asPostgresUser;

  private PostgresServer(Path bin, Path root, int port, boolean asPostgresUser) {
    this.bin = bin;
    this.root = root;
    this.data = root.resolve("data");
    // A unix socket path may not exceed 107 bytes; a deep target/ directory would.
    this.socketDir = root.toString().length() < 80 ? root : tmpDir("autopilot-pgsock-");
    this.port = port;
    this.asPostgresUser = asPostgresUser;
  }

  /** Creates the cluster under {@code parent} and starts it on a free port. */
  static PostgresServer start(Path parent) {
    boolean root = "root".equals(System.getProperty("user.name"));
    Path dir = parent.resolve("postgres");
    if (root && !traversableByPostgres(parent)) {
      dir = tmpDir("autopilot-pg-");
    }
    PostgresServer server = new PostgresServer(findBin(), dir, FreePorts.next(), root);
    server.initdbAndStart();
    return server;
  }

  /** The port on 127.0.0.1. */
  int port() {
    return port;
  }

  /** The JDBC URL of {@code database}. */
  String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  /** Creates {@code name} unless it exists; safe to call concurrently. */
  synchronized void createDatabase(String name) {
    if (!name.matches("[A-Za-z_][A-Za-z0-9_-]{0,62}")) {
      throw new IllegalArgumentException("not a plain database name: " + name);
    }
    try (Connection c = connect("postgres");
        PreparedStatement exists =
            c.prepareStatement("SELECT 1 FROM pg_database WHERE datname=?")) {
      exists.setString(1, name);
      try (ResultSet rs = exists.executeQuery()) {
        if (rs.next()) {
          return;
        }
      }
      try (Statement create = c.createStatement()) {
        create.execute("CREATE DATABASE \"" + name + "\"");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name, e);
    }
  }

  /** A connection as {@code postgres}, through the driver directly (no DriverManager lookup). */
  Connection connect(String database) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", "postgres");
    props.setProperty("password", "postgres");
    return new org.postgresql.Driver().connect(jdbcUrl(database), props);
  }

  /** The command a watchdog shell runs to stop this server. */
  String stopCommand() {
    return String.join(" ", command("pg_ctl", "-D", data.toString(), "-m", "immediate", "stop"));
  }

  /** The directories this server wrote, to delete once it is stopped. */
  List<Path> dirs() {
    return socketDir.equals(root) ? List.of(root) : List.of(root, socketDir);
  }

  /** Stops the server at once (no checkpoint: the data is thrown away anyway). */
  void stop() {
    run(command("pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "stop"));
  }

  private void initdbAndStart() {
    try {
      Files.createDirectories(root);
      if (asPostgresUser) {
        run(List.of("chown", "-R", "postgres:postgres", root.toString(), socketDir.toString()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    run(
        command(
            "initdb",
            "-D",
            data.toString(),
            "-U",
            "postgres",
            "--auth=trust",
            "--no-sync",
            "-E",
            "UTF8",
            "--locale=C"));
    String options =
        "-p "
            + port
            + " -k "
            + socketDir
            + " -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"
            + " -c synchronous_commit=off -c full_page_writes=off";
    run(
        command(
            "pg_ctl",
            "-D",
            data.toString(),
            "-l",
            root.resolve("postgres.log").toString(),
            "-w",
            "-t",
            "30",
            "-o",
            options,
            "start"));
  }

  private List<String> command(String program, String... args) {
    List<String> cmd = new ArrayList<>();
    if (asPostgresUser) {
      cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    cmd.add(bin.resolve(program).toString());
    cmd.addAll(List.of(args));
    return cmd;
  }

  private void run(List<String> cmd) {
    try {
      Path log = Files.createTempFile(root.getParent(), "pg-cmd-", ".log");
      // Output to a file, never a pipe: the server started by pg_ctl inherits the descriptors.
      Process p =
          new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("timed out: " + cmd);
      }
      String output = Files.readString(log, StandardCharsets.UTF_8);
      Files.deleteIfExists(log);
      if (p.exitValue() != 0) {
        throw new IllegalStateException("failed (" + p.exitValue() + "): " + cmd + "\n" + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + cmd, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + cmd, e);
    }
  }

  /** The newest /usr/lib/postgresql/N/bin with an initdb, or {@code -Dautopilot.postgres.bin}. */
  private static Path findBin() {
    String configured = System.getProperty(BIN_PROPERTY);
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    Path base = Path.of("/usr/lib/postgresql");
    try (Stream<Path> versions = Files.list(base)) {
      return versions
          .filter(v -> v.getFileName().toString().matches("\\d+(\\.\\d+)?"))
          .filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
          .max(Comparator.comparingDouble(v -> Double.parseDouble(v.getFileName().toString())))
          .map(v -> v.resolve("bin"))
          .orElseThrow(() -> new IllegalStateException("no PostgreSQL server under " + base));
    } catch (IOException e) {
      throw new IllegalStateException(
          "PostgreSQL server binaries not found under "
              + base
              + " (apt-get install postgresql, or set -D"
              + BIN_PROPERTY
              + ")",
          e);
    }
  }

  /** Whether the postgres user can reach (execute-traverse) {@code dir}. */
  private static boolean traversableByPostgres(Path dir) {
    try {
      Process p =
          new ProcessBuilder("runuser", "-u", "postgres", "--", "test", "-x", dir.toString())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static Path tmpDir(String prefix) {
    try {
      return Files.createTempDirectory(Path.of("/tmp"), prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
