package dev.autopilot.backup;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autopilot.backup.storage.S3MockResource;
import dev.autopilot.platform.event.Topics;
import dev.autopilot.testing.KafkaTestClient;
import dev.autopilot.testing.SharedStack;
import dev.autopilot.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * S3 storage (s3mock, a real S3 server) with client-side encryption: a real dump is uploaded
 * encrypted, verified and decrypted on restore, row for row equal; S3 down → backup.failed.
 */
@QuarkusTest
@TestProfile(S3EncryptedBackupTest.S3Encrypted.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class S3EncryptedBackupTest {
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static KafkaTestClient kafka;

  /** The shared stack plus s3mock, with S3 storage and encryption on. */
  public static class S3Encrypted implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
      return List.of(
          new TestResourceEntry(BackupServiceTestResource.class),
          new TestResourceEntry(S3MockResource.class));
    }
  }

  @BeforeAll
  static void connect() {
    kafka = new KafkaTestClient(SharedStack.get().bootstrapServers());
  }

  @AfterAll
  static void close() {
    kafka.close();
  }

  @Test
  @Order(1)
  void encryptedS3BackupRestoresIntoANewDatabase() throws Exception {
    RestoreTest.sql(
        "lab",
        "create table if not exists s3_rows (id int primary key, v text)",
        "insert into s3_rows select g, md5(g::text) from generate_series(1, 700) g"
            + " on conflict do nothing");
    List<String> rows = RestoreTest.rows("lab", "select * from s3_rows order by id");
    String id = RestoreTest.completedBackupOf("lab");
    Map<String, Object> backup =
        given().auth().oauth2(TestTokens.VIEWER).get("/backups/" + id).then().extract().path("$");
    assertThat((String) backup.get("location")).startsWith("s3://backups/suite/lab/");
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .get("/backups/" + id + "/manifest")
        .then()
        .body("encryption.keyId", equalTo("test-key-1"))
        .body("encryption.algorithm", equalTo("AES-256-GCM, 64 KiB frames"))
        .body("location", equalTo(backup.get("location")));
    // The stored object is the ciphertext: not a pg_dump archive.
    byte[] head = new byte[6];
    try (var in =
        java.net
            .URI
            .create(
                S3MockResource.server.endpoint()
                    + "/"
                    + ((String) backup.get("location")).substring("s3://".length()))
            .toURL()
            .openStream()) {
      assertThat(in.readNBytes(head, 0, 6)).isEqualTo(6);
    }
    assertThat(new String(head)).isEqualTo("APGCM1");

    String copy = "lab_s3_" + UUID.randomUUID().toString().substring(0, 8);
    String correlationId = "s3-" + UUID.randomUUID();
    Response requested =
        given()
            .auth()
            .oauth2(TestTokens.ADMIN)
            .contentType(ContentType.JSON)
            .body(
                "{\"mode\":\"new-database\",\"database\":\""
                    + copy
                    + "\",\"correlationId\":\""
                    + correlationId
                    + "\"}")
            .post("/backups/" + id + "/restore");
    requested.then().statusCode(202);
    given()
        .auth()
        .oauth2(TestTokens.ADMIN)
        .contentType(ContentType.JSON)
        .body("{\"confirmToken\":\"" + requested.path("confirmToken") + "\"}")
        .post("/restores/" + requested.path("restoreId") + "/confirm")
        .then()
        .statusCode(202);
    JsonNode restored =
        KafkaTestClient.data(
            kafka
                .awaitRecords(
                    Topics.BACKUP_RESTORED,
                    KafkaTestClient.where("correlationId", correlationId),
                    1,
                    WAIT)
                .get(0));
    assertThat(restored.get("ok").asBoolean()).as(restored.toString()).isTrue();
    assertThat(RestoreTest.rows(copy, "select * from s3_rows order by id")).isEqualTo(rows);
  }

  @Test
  @Order(2)
  void s3DownFailsTheBackupWithTheReason() {
    S3MockResource.server.close();
    String correlationId = "s3-down-" + UUID.randomUUID();
    kafka.send(
        Topics.BACKUP_REQUESTED,
        "lab",
        "{\"source\":\"lab\",\"correlationId\":\"" + correlationId + "\"}",
        BackupRequestedFlowTest.cloudEvent("lab", null));
    JsonNode failed =
        KafkaTestClient.data(
            kafka
                .awaitRecords(
                    Topics.BACKUP_FAILED,
                    KafkaTestClient.where("correlationId", correlationId),
                    1,
                    WAIT)
                .get(0));
    assertThat(failed.get("reason").asText()).contains("S3 upload").contains("lab/");
  }
}
