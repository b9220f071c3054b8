package dev.autopilot.backup;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.autopilot.testing.SharedStack;
import dev.autopilot.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Redis (RDB over SYNC) and admin-defined command sources, against the real things. */
@QuarkusTest
@QuarkusTestResource(BackupServiceTestResource.class)
class OtherSourcesTest {
  private static final Duration WAIT = Duration.ofSeconds(90);

  @Test
  void redisSnapshotIsAnRdbHoldingTheData() throws Exception {
    String key = "backup-test-" + UUID.randomUUID();
    redis("SET", key, "precious-value");
    String id = RestoreTest.completedBackupOf("cache");
    Map<String, Object> backup = backup(id);
    Path rdb = DumpFiles.path((String) backup.get("location"));
    byte[] bytes = Files.readAllBytes(rdb);
    assertThat(new String(bytes, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("REDIS");
    assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).contains(key);
    assertThat(rdb.getFileName().toString()).endsWith(".rdb");
    assertThat(DumpFiles.sha256(rdb)).isEqualTo(backup.get("sha256"));
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .get("/backups/" + id + "/manifest")
        .then()
        .body("kind", equalTo("redis"))
        .body("serverVersion", containsString("redis "));
  }

  @Test
  void commandStdoutIsTheArchive() throws Exception {
    String id = RestoreTest.completedBackupOf("echo");
    Path archive = DumpFiles.path((String) backup(id).get("location"));
    assertThat(archive.getFileName().toString()).endsWith(".archive");
    assertThat(Files.readString(archive)).isEqualTo("archive-bytes");
  }

  @Test
  void failingCommandFailsTheBackupWithItsStderr() {
    String id =
        given()
            .auth()
            .oauth2(TestTokens.OPERATOR)
            .contentType(ContentType.JSON)
            .body("{\"source\":\"boom\"}")
            .post("/backups")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    Awaitility.await().atMost(WAIT).until(() -> "FAILED".equals(backup(id).get("status")));
    assertThat((String) backup(id).get("failureReason"))
        .contains("/bin/sh exited with status 3")
        .contains("boom");
  }

  private static Map<String, Object> backup(String id) {
    return given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .get("/backups/" + id)
        .then()
        .extract()
        .path("$");
  }

  private static void redis(String... parts) throws Exception {
    try (Socket s = new Socket("127.0.0.1", SharedStack.get().redisPort())) {
      StringBuilder cmd = new StringBuilder("*").append(parts.length).append("\r\n");
      for (String p : parts) {
        cmd.append('$').append(p.length()).append("\r\n").append(p).append("\r\n");
      }
      OutputStream out = s.getOutputStream();
      out.write(cmd.toString().getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = s.getInputStream();
      assertThat((char) in.read()).isEqualTo('+');
    }
  }
}
