package dev.autopilot.backup.dump;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds a pg_dump able to dump a server: its major version must be at least the server's (an older
 * pg_dump refuses a newer server). Looks in {@code <root>/<major>/bin/pg_dump} for the server's
 * major then newer ones (the Debian layout), then at {@code pg_dump} on PATH, whose version it
 * asks.
 */
public final class PgDumpLocator {
  private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\)\\s+(\\d+)");
  private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(10);

  private final Path clientRoot;
  private final String path;
  private final String tool;

  /**
   * @param clientRoot directory of versioned client installations, e.g. {@code /usr/lib/postgresql}
   * @param path the PATH to search last, as in the environment
   */
  public PgDumpLocator(Path clientRoot, String path) {
    this(clientRoot, path, "pg_dump");
  }

  /**
   * A locator for another client program of the same installations, e.g. {@code pg_restore} (which,
   * like pg_dump, must be at least as new as the server and the dump).
   */
  public PgDumpLocator(Path clientRoot, String path, String tool) {
    this.clientRoot = clientRoot;
    this.path = path == null ? "" : path;
    this.tool = tool;
  }

  /** The major version of a server from its {@code server_version_num} (150018 is 15). */
  public static int majorOf(int serverVersionNum) {
    return serverVersionNum / 10_000;
  }

  /**
   * The major version in {@code pg_dump --version} output, e.g. 15 in "pg_dump (PostgreSQL) 15.18".
   */
  public static OptionalInt majorOfVersionOutput(String output) {
    Matcher m = VERSION.matcher(output == null ? "" : output);
    return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
  }

  /**
   * The pg_dump to use for a server of major version {@code serverMajor}.
   *
   * @throws DumpException naming the server's version and every pg_dump found, when none will do
   */
  public Path locate(int serverMajor) throws DumpException {
    List<String> tooOld = new ArrayList<>();
    for (Map.Entry<Integer, Path> installed : versioned().entrySet()) {
      if (installed.getKey() >= serverMajor) {
        return installed.getValue();
      }
      tooOld.add(installed.getValue() + " (" + installed.getKey() + ")");
    }
    Optional<Path> onPath = onPath();
    if (onPath.isPresent()) {
      OptionalInt major = versionOf(onPath.get());
      if (major.isPresent() && major.getAsInt() >= serverMajor) {
        return onPath.get();
      }
      tooOld.add(
          onPath.get()
              + " ("
              + (major.isPresent() ? Integer.toString(major.getAsInt()) : "version unknown")
              + ")");
    }
    throw new DumpException(
        "no "
            + tool
            + " for a PostgreSQL "
            + serverMajor
            + " server ("
            + tool
            + " must be version "
            + serverMajor
            + " or newer); found: "
            + (tooOld.isEmpty() ? "none" : String.join(", ", tooOld))
            + "; install postgresql-client-"
            + serverMajor
            + " or newer");
  }

  /** Executable {@code <root>/<major>/bin/pg_dump}s by major version, lowest first. */
  private TreeMap<Integer, Path> versioned() {
    TreeMap<Integer, Path> found = new TreeMap<>();
    if (!Files.isDirectory(clientRoot)) {
      return found;
    }
    try (Stream<Path> dirs = Files.list(clientRoot)) {
      dirs.filter(d -> d.getFileName().toString().matches("\\d{1,3}"))
          .forEach(
              d -> {
                Path pgDump = d.resolve("bin").resolve(tool);
                if (Files.isRegularFile(pgDump) && Files.isExecutable(pgDump)) {
                  found.put(Integer.parseInt(d.getFileName().toString()), pgDump);
                }
              });
    } catch (IOException e) {
      // an unreadable root is the same as an empty one: PATH is still searched
    }
    return found;
  }

  private Optional<Path> onPath() {
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isBlank()) {
        continue;
      }
      Path candidate = Path.of(dir, tool);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate.toAbsolutePath());
      }
    }
    return Optional.empty();
  }

  private OptionalInt versionOf(Path pgDump) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      StreamingProcess.Result result =
          StreamingProcess.run(
              List.of(pgDump.toString(), "--version"), Map.of("PATH", path), out, VERSION_TIMEOUT);
      return result.succeeded()
          ? majorOfVersionOutput(out.toString(StandardCharsets.UTF_8))
          : OptionalInt.empty();
    } catch (IOException e) {
      return OptionalInt.empty();
    }
  }
}
