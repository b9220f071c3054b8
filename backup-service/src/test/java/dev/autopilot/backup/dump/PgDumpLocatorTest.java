package dev.autopilot.backup.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Picking a pg_dump at least as new as the server, over client roots and PATHs laid out in a
 * temporary directory with copies of this machine's real pg_dump (whose version it really asks).
 */
class PgDumpLocatorTest {
  private static Path realPgDump;
  private static int realMajor;

  @TempDir Path dir;

  @BeforeAll
  static void findRealPgDump() throws IOException {
    Path root = Path.of("/usr/lib/postgresql");
    assumeTrue(Files.isDirectory(root), "PostgreSQL client binaries are installed");
    try (Stream<Path> versions = Files.list(root)) {
      Path newest =
          versions
              .filter(v -> v.getFileName().toString().matches("\\d+"))
              .filter(v -> Files.isExecutable(v.resolve("bin/pg_dump")))
              .max(Comparator.comparingInt(v -> Integer.parseInt(v.getFileName().toString())))
              .orElseThrow();
      realPgDump = newest.resolve("bin/pg_dump");
      realMajor = Integer.parseInt(newest.getFileName().toString());
    }
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)|15",
        "pg_dump (PostgreSQL) 17.2|17",
        "pg_dump (PostgreSQL) 9.6.24|9",
        "pg_dump (PostgreSQL) 18beta1|18",
      })
  void readsTheMajorVersionFromVersionOutput(String output, int major) {
    assertThat(PgDumpLocator.majorOfVersionOutput(output)).isEqualTo(OptionalInt.of(major));
  }

  @Test
  void unreadableVersionOutputHasNoMajor() {
    assertThat(PgDumpLocator.majorOfVersionOutput("bash: pg_dump: command not found")).isEmpty();
    assertThat(PgDumpLocator.majorOfVersionOutput(null)).isEmpty();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"150018, 15", "170002, 17", "100023, 10", "90624, 9"})
  void serverMajorComesFromServerVersionNum(int serverVersionNum, int major) {
    assertThat(PgDumpLocator.majorOf(serverVersionNum)).isEqualTo(major);
  }

  @Test
  void picksTheServersMajorWhenInstalled() throws Exception {
    Path root = clientRoot(realMajor - 1, realMajor, realMajor + 1);
    assertThat(new PgDumpLocator(root, "").locate(realMajor))
        .isEqualTo(root.resolve(realMajor + "/bin/pg_dump"));
  }

  @Test
  void picksTheNextNewerMajorWhenTheServersIsMissing() throws Exception {
    Path root = clientRoot(realMajor - 2, realMajor);
    assertThat(new PgDumpLocator(root, "").locate(realMajor - 1))
        .isEqualTo(root.resolve(realMajor + "/bin/pg_dump"));
  }

  @Test
  void fallsBackToPgDumpOnPathWhenItsVersionIsNewEnough() throws Exception {
    Path bin = pathDir();
    Path empty = Files.createDirectory(dir.resolve("empty-root"));
    assertThat(new PgDumpLocator(empty, "/nonexistent:" + bin).locate(realMajor))
        .isEqualTo(bin.resolve("pg_dump"));
  }

  @Test
  void refusesWhenEveryPgDumpIsOlderThanTheServerAndNamesThem() throws Exception {
    Path root = clientRoot(realMajor - 1);
    Path bin = pathDir();
    int server = realMajor + 1;
    assertThatThrownBy(() -> new PgDumpLocator(root, bin.toString()).locate(server))
        .isInstanceOf(DumpException.class)
        .hasMessageContaining("no pg_dump for a PostgreSQL " + server + " server")
        .hasMessageContaining(
            root.resolve((realMajor - 1) + "/bin/pg_dump") + " (" + (realMajor - 1) + ")")
        .hasMessageContaining(bin.resolve("pg_dump") + " (" + realMajor + ")")
        .hasMessageContaining("install postgresql-client-" + server + " or newer");
  }

  @Test
  void refusesWhenThereIsNoPgDumpAtAll() {
    assertThatThrownBy(() -> new PgDumpLocator(dir.resolve("missing"), "").locate(15))
        .isInstanceOf(DumpException.class)
        .hasMessageContaining("found: none");
  }

  /** A client root with {@code <major>/bin/pg_dump} copies for each major. */
  private Path clientRoot(int... majors) throws IOException {
    Path root = Files.createDirectories(dir.resolve("root"));
    for (int major : majors) {
      Path bin = Files.createDirectories(root.resolve(major + "/bin"));
      Files.copy(realPgDump, bin.resolve("pg_dump"), StandardCopyOption.COPY_ATTRIBUTES);
    }
    return root;
  }

  /** A PATH directory whose pg_dump is the real one. */
  private Path pathDir() throws IOException {
    Path bin = Files.createDirectories(dir.resolve("path-bin"));
    Files.copy(realPgDump, bin.resolve("pg_dump"), StandardCopyOption.COPY_ATTRIBUTES);
    return bin;
  }
}
