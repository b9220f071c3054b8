package dev.autopilot.backup;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autopilot.platform.event.Topics;
import dev.autopilot.testing.KafkaTestClient;
import dev.autopilot.testing.SharedStack;
import dev.autopilot.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Restores of redis and command backups through the API, against the real things: the RDB taken
 * from the shared Redis over SYNC is written where a real redis-server loads it (a folder, or the
 * source's configured restore-path), and that server then answers with the backed-up value; command
 * backups go through their configured restore command on stdin (a real tar round trip; a failing
 * command's status and stderr).
 */
@QuarkusTest
@QuarkusTestResource(BackupServiceTestResource.class)
class RedisCommandRestoreTest {
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static KafkaTestClient kafka;

  @BeforeAll
  static void connect() {
    kafka = new KafkaTestClient(SharedStack.get().bootstrapServers());
  }

  @AfterAll
  static void close() {
    kafka.close();
  }

  @Test
  void redisBackupRestoredIntoAFolderLoadsInARealRedisServer() throws Exception {
    String key = "restore-me-" + UUID.randomUUID();
    String value = "value-" + UUID.randomUUID();
    redis(SharedStack.get().redisPort(), "SET", key, value);
    String backupId = RestoreTest.completedBackupOf("cache");
    Path folder = Path.of("target", "redis-folder-" + UUID.randomUUID()).toAbsolutePath();

    String correlationId = "redis-folder-" + UUID.randomUUID();
    JsonNode restored =
        restoreAndConfirm(
            backupId,
            "{\"mode\":\"folder\",\"directory\":\""
                + folder
                + "\",\"correlationId\":\""
                + correlationId
                + "\"}",
            correlationId);
    assertThat(restored.get("ok").asBoolean()).as(restored.toString()).isTrue();
    assertThat(restored.get("target").asText()).isEqualTo(folder.toString());
    assertThat(restored.get("source").asText()).isEqualTo("cache");
    Path rdb = folder.resolve("dump.rdb");
    assertThat(rdb).exists();
    assertThat(DumpFiles.sha256(rdb)).isEqualTo(backupOf(backupId).getString("sha256"));

    try (RedisServerProcess server = RedisServerProcess.start(folder)) {
      assertThat(redis(server.port, "GET", key)).isEqualTo(value);
    }

    // A folder that is not empty is refused at run time, and left as it was.
    String again = "redis-again-" + UUID.randomUUID();
    JsonNode refused =
        restoreAndConfirm(
            backupId,
            "{\"mode\":\"folder\",\"directory\":\""
                + folder
                + "\",\"correlationId\":\""
                + again
                + "\"}",
            again);
    assertThat(refused.get("ok").asBoolean()).isFalse();
    assertThat(refused.get("reason").asText()).contains("is not empty");
  }

  @Test
  void redisBackupReplacesTheConfiguredRdbAndKeepsThePreviousFile() throws Exception {
    String key = "live-" + UUID.randomUUID();
    redis(SharedStack.get().redisPort(), "SET", key, "from-the-backup");
    String backupId = RestoreTest.completedBackupOf("cache");
    Path live = Path.of("target", "redis-live").toAbsolutePath();
    Files.createDirectories(live);
    Path rdb = live.resolve("dump.rdb");
    Files.writeString(rdb, "the file the server had before");

    String correlationId = "redis-original-" + UUID.randomUUID();
    JsonNode restored =
        restoreAndConfirm(
            backupId,
            "{\"mode\":\"original\",\"correlationId\":\"" + correlationId + "\"}",
            correlationId);
    assertThat(restored.get("ok").asBoolean()).as(restored.toString()).isTrue();
    assertThat(restored.get("target").asText()).isEqualTo(rdb.toString());
    assertThat(DumpFiles.sha256(rdb)).isEqualTo(backupOf(backupId).getString("sha256"));
    try (Stream<Path> files = Files.list(live)) {
      List<Path> kept =
          files
              .filter(p -> p.getFileName().toString().startsWith("dump.rdb.before-restore-"))
              .toList();
      assertThat(kept)
          .anySatisfy(
              p -> assertThat(Files.readString(p)).isEqualTo("the file the server had before"));
    }

    // What the operator does next: start (or restart) redis-server on that file.
    try (RedisServerProcess server = RedisServerProcess.start(live)) {
      assertThat(redis(server.port, "GET", key)).isEqualTo("from-the-backup");
    }
  }

  @Test
  void badRedisAndCommandRestoreRequestsAreRefused() {
    String redisBackup = RestoreTest.completedBackupOf("cache");
    request(redisBackup, "{\"mode\":\"new-database\",\"database\":\"x\"}")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body(containsString("mode"));
    request(redisBackup, "{\"mode\":\"folder\"}")
        .then()
        .statusCode(400)
        .body(containsString("directory"));
    request(redisBackup, "{\"mode\":\"folder\",\"directory\":\"relative/dir\"}")
        .then()
        .statusCode(400)
        .body(containsString("directory"));
    String plain = RestoreTest.completedBackupOf("plain");
    request(plain, "{\"mode\":\"original\"}")
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("detail", containsString("no restore-command configured"));
    String echo = RestoreTest.completedBackupOf("echo");
    request(echo, "{\"mode\":\"folder\",\"directory\":\"/tmp/x\"}")
        .then()
        .statusCode(400)
        .body(containsString("mode"));
    for (String token : List.of(TestTokens.VIEWER, TestTokens.OPERATOR)) {
      given()
          .auth()
          .oauth2(token)
          .contentType(ContentType.JSON)
          .body("{\"mode\":\"original\"}")
          .post("/backups/" + echo + "/restore")
          .then()
          .statusCode(403);
    }
  }

  @Test
  void commandBackupRestoresThroughItsRestoreCommandOnStdin() throws Exception {
    Path source = Path.of("target", "tree-source");
    Path restoredDir = Path.of("target", "tree-restored");
    deleteTree(source);
    deleteTree(restoredDir);
    Files.createDirectories(source.resolve("nested"));
    Files.writeString(source.resolve("a.txt"), "alpha " + UUID.randomUUID());
    Files.write(source.resolve("nested/b.bin"), new byte[] {0, 1, 2, (byte) 255});
    String backupId = RestoreTest.completedBackupOf("tree");
    Files.createDirectories(restoredDir);

    String correlationId = "tree-" + UUID.randomUUID();
    JsonNode restored =
        restoreAndConfirm(
            backupId,
            "{\"mode\":\"original\",\"correlationId\":\"" + correlationId + "\"}",
            correlationId);
    assertThat(restored.get("ok").asBoolean()).as(restored.toString()).isTrue();
    assertThat(restored.get("target").asText()).isEqualTo("command /bin/tar");
    assertThat(Files.readString(restoredDir.resolve("a.txt")))
        .isEqualTo(Files.readString(source.resolve("a.txt")));
    assertThat(Files.readAllBytes(restoredDir.resolve("nested/b.bin")))
        .containsExactly(0, 1, 2, 255);
  }

  @Test
  void failingRestoreCommandFailsTheRestoreWithItsStatusAndStderr() throws Exception {
    Path out = Path.of("target", "echo-restored.out");
    Files.deleteIfExists(out);
    String backupId = RestoreTest.completedBackupOf("echo");
    String correlationId = "echo-" + UUID.randomUUID();
    JsonNode restored =
        restoreAndConfirm(
            backupId,
            "{\"mode\":\"original\",\"correlationId\":\"" + correlationId + "\"}",
            correlationId);
    assertThat(restored.get("ok").asBoolean()).isFalse();
    assertThat(restored.get("reason").asText())
        .contains("/bin/sh exited with status 4")
        .contains("restore saw no mongod");
    // It got the archive on stdin, byte for byte.
    assertThat(Files.readString(out)).isEqualTo("archive-bytes");
  }

  /** Requests a restore as admin, confirms it, and returns its backup.restored event. */
  static JsonNode restoreAndConfirm(String backupId, String body, String correlationId) {
    Response requested = request(backupId, body);
    requested.then().statusCode(202).body("status", equalTo("AWAITING_CONFIRMATION"));
    given()
        .auth()
        .oauth2(TestTokens.ADMIN)
        .contentType(ContentType.JSON)
        .body("{\"confirmToken\":\"" + requested.path("confirmToken") + "\"}")
        .post("/restores/" + requested.path("restoreId") + "/confirm")
        .then()
        .statusCode(202);
    return KafkaTestClient.data(
        kafka
            .awaitRecords(
                Topics.BACKUP_RESTORED,
                KafkaTestClient.where("correlationId", correlationId),
                1,
                WAIT)
            .get(0));
  }

  private static Response request(String backupId, String body) {
    return given()
        .auth()
        .oauth2(TestTokens.ADMIN)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/backups/" + backupId + "/restore");
  }

  private static io.restassured.path.json.JsonPath backupOf(String id) {
    return given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .get("/backups/" + id)
        .then()
        .extract()
        .jsonPath();
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /**
   * Sends one command over RESP and returns a simple or bulk string reply (null for a nil reply).
   */
  static String redis(int port, String... parts) throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      StringBuilder cmd = new StringBuilder("*").append(parts.length).append("\r\n");
      for (String p : parts) {
        byte[] bytes = p.getBytes(StandardCharsets.UTF_8);
        cmd.append('$').append(bytes.length).append("\r\n").append(p).append("\r\n");
      }
      OutputStream out = s.getOutputStream();
      out.write(cmd.toString().getBytes(StandardCharsets.UTF_8));
      out.flush();
      BufferedReader in =
          new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
      String first = in.readLine();
      if (first.startsWith("$-1")) {
        return null;
      }
      if (first.startsWith("$")) {
        return in.readLine();
      }
      if (first.startsWith("-")) {
        throw new IOException("redis error: " + first);
      }
      return first.substring(1);
    }
  }

  /** A real redis-server (the system's binary) loading {@code dump.rdb} from a folder. */
  static final class RedisServerProcess implements AutoCloseable {
    final int port;
    private final Process process;

    private RedisServerProcess(int port, Process process) {
      this.port = port;
      this.process = process;
    }

    static RedisServerProcess start(Path dir) throws IOException {
      int port;
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        port = socket.getLocalPort();
      }
      Process process =
          new ProcessBuilder(
                  "redis-server",
                  "--port",
                  Integer.toString(port),
                  "--bind",
                  "127.0.0.1",
                  "--dir",
                  dir.toAbsolutePath().toString(),
                  "--dbfilename",
                  "dump.rdb",
                  "--save",
                  "",
                  "--appendonly",
                  "no",
                  "--protected-mode",
                  "no")
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("redis-server.log").toFile())
              .start();
      RedisServerProcess server = new RedisServerProcess(port, process);
      try {
        Awaitility.await()
            .atMost(Duration.ofSeconds(20))
            .ignoreExceptions()
            .until(() -> "PONG".equals(redis(port, "PING")));
      } catch (RuntimeException e) {
        server.close();
        throw e;
      }
      return server;
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
}
