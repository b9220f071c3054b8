package dev.autopilot.backup;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.autopilot.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** A files source: tar.gz backup of a real directory, restored into a new folder, equal. */
@QuarkusTest
@QuarkusTestResource(BackupServiceTestResource.class)
class FilesBackupTest {
  private static final Duration WAIT = Duration.ofSeconds(90);

  @Test
  void directoryIsArchivedAndRestoredIntoAFolder() throws Exception {
    Path uploads = Path.of("target/test-uploads").toAbsolutePath();
    Files.createDirectories(uploads.resolve("avatars/2026"));
    Files.createDirectories(uploads.resolve("empty"));
    Files.writeString(uploads.resolve("readme.txt"), "hello ✓", StandardCharsets.UTF_8);
    byte[] blob = new byte[300_000];
    new Random(7).nextBytes(blob);
    Files.write(uploads.resolve("avatars/2026/blob.bin"), blob);
    Files.writeString(
        uploads.resolve("avatars/" + "a-very-long-name-".repeat(8) + ".txt"), "long names too");

    String id = RestoreTest.completedBackupOf("uploads");
    Map<String, Object> backup =
        given().auth().oauth2(TestTokens.VIEWER).get("/backups/" + id).then().extract().path("$");
    assertThat((String) backup.get("location")).endsWith(".tar.gz");
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .get("/backups/" + id + "/manifest")
        .then()
        .statusCode(200)
        .body("kind", equalTo("files"))
        .body("tool", containsString("tar.gz"))
        .body("tableCounts.files", equalTo(3))
        .body("sha256", equalTo(backup.get("sha256")));

    Path folder = Path.of("target/restored-" + UUID.randomUUID()).toAbsolutePath();
    String correlationId = "files-" + UUID.randomUUID();
    Response requested =
        given()
            .auth()
            .oauth2(TestTokens.ADMIN)
            .contentType(ContentType.JSON)
            .body(
                "{\"mode\":\"folder\",\"directory\":\""
                    + folder
                    + "\",\"correlationId\":\""
                    + correlationId
                    + "\"}")
            .post("/backups/" + id + "/restore");
    assertThat(requested.statusCode()).as(requested.asString()).isEqualTo(202);
    given()
        .auth()
        .oauth2(TestTokens.ADMIN)
        .contentType(ContentType.JSON)
        .body("{\"confirmToken\":\"" + requested.path("confirmToken") + "\"}")
        .post("/restores/" + requested.path("restoreId") + "/confirm")
        .then()
        .statusCode(202);
    Awaitility.await()
        .atMost(WAIT)
        .until(
            () ->
                "SUCCEEDED"
                    .equals(
                        given()
                            .auth()
                            .oauth2(TestTokens.VIEWER)
                            .get("/restores/" + requested.path("restoreId"))
                            .path("status")));
    assertThat(tree(folder)).isEqualTo(tree(uploads));
    assertThat(folder.resolve("empty")).isDirectory();

    // A postgres mode for a files backup, or a relative folder: 400 naming the field.
    given()
        .auth()
        .oauth2(TestTokens.ADMIN)
        .contentType(ContentType.JSON)
        .body("{\"mode\":\"original\"}")
        .post("/backups/" + id + "/restore")
        .then()
        .statusCode(400)
        .body(containsString("mode"));
    given()
        .auth()
        .oauth2(TestTokens.ADMIN)
        .contentType(ContentType.JSON)
        .body("{\"mode\":\"folder\",\"directory\":\"relative/../x\"}")
        .post("/backups/" + id + "/restore")
        .then()
        .statusCode(400)
        .body(containsString("directory"));
  }

  /** Relative path → content (directories as "dir"). */
  private static Map<String, String> tree(Path root) throws Exception {
    Map<String, String> tree = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        String name = root.relativize(p).toString();
        tree.put(name, Files.isDirectory(p) ? "dir" : DumpFiles.sha256(p));
      }
    }
    return tree;
  }
}
