package dev.autopilot.backup.storage;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The S3 server of the tests: Adobe's s3mock runnable jar (copied to target/s3mock by the build),
 * run as a process on loopback with one bucket.
 */
public final class S3MockServer implements AutoCloseable {
  /** The bucket every test uses. */
  public static final String BUCKET = "backups";

  private final Process process;
  private final int port;

  private S3MockServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Starts s3mock and waits until it answers (at most 180 s: its Spring Boot start takes minutes on
   * a loaded 2-core machine).
   */
  public static S3MockServer start() throws Exception {
    Path jar = Path.of(System.getProperty("s3mock.jar", "target/s3mock/s3mock.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: run the build (generate-test-resources)");
    }
    int http = freePort();
    int https = freePort();
    Path log = Files.createTempFile("s3mock", ".log");
    Process p =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m",
                    "-jar",
                    jar.toString(),
                    "--server.address=127.0.0.1",
                    "--http.port=" + http,
                    "--server.port=" + https,
                    "--com.adobe.testing.s3mock.store.initial-buckets=" + BUCKET,
                    "--com.adobe.testing.s3mock.store.root=" + Files.createTempDirectory("s3mock")))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    S3MockServer server = new S3MockServer(p, http);
    Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
    while (Instant.now().isBefore(deadline)) {
      if (!p.isAlive()) {
        throw new IllegalStateException("s3mock exited: " + Files.readString(log));
      }
      if (server.answers()) {
        return server;
      }
      Thread.sleep(200);
    }
    server.close();
    throw new IllegalStateException("s3mock did not start in 180 s: " + Files.readString(log));
  }

  /** The endpoint URL, {@code http://127.0.0.1:<port>}. */
  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  /** A port nothing listens on, for "S3 is down". */
  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private boolean answers() {
    try {
      HttpURLConnection c =
          (HttpURLConnection) URI.create(endpoint() + "/" + BUCKET).toURL().openConnection();
      c.setConnectTimeout(500);
      c.setReadTimeout(2000);
      int code = c.getResponseCode();
      c.disconnect();
      return code > 0;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
