package dev.autopilot.backup;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** What tests check on a backup file: its sha256 and what pg_restore reads in it. */
final class DumpFiles {
  private DumpFiles() {}

  /** The file a {@code file:} location names. */
  static Path path(String location) {
    return Path.of(URI.create(location));
  }

  /** Lowercase hex SHA-256 of a file. */
  static String sha256(Path file) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[64 * 1024];
      for (int n; (n = in.read(buffer)) >= 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** {@code pg_restore --list} of a custom-format dump; fails unless pg_restore accepts it. */
  static String restoreList(Path dump) throws Exception {
    Process p =
        new ProcessBuilder(List.of(pgRestore(), "--list", dump.toString()))
            .redirectErrorStream(true)
            .start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    p.getInputStream().transferTo(out);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError(
          "pg_restore --list " + dump + " failed: " + out.toString(StandardCharsets.UTF_8));
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** The newest versioned pg_restore (Debian layout), else pg_restore on PATH. */
  static String pgRestore() throws IOException {
    Path root = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(root)) {
      try (Stream<Path> versions = Files.list(root)) {
        return versions
            .filter(v -> v.getFileName().toString().matches("\\d+"))
            .max(Comparator.comparingInt(v -> Integer.parseInt(v.getFileName().toString())))
            .map(v -> v.resolve("bin/pg_restore"))
            .filter(Files::isExecutable)
            .map(Path::toString)
            .orElse("pg_restore");
      }
    }
    return "pg_restore";
  }
}
