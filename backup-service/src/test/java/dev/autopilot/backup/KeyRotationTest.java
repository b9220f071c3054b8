package dev.autopilot.backup;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autopilot.backup.crypto.EncryptionKey;
import dev.autopilot.backup.crypto.GcmFrames;
import dev.autopilot.testing.KafkaTestClient;
import dev.autopilot.testing.SharedStack;
import dev.autopilot.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Key rotation: two keys configured by id, the newer one active. New backups are encrypted with the
 * active key; a backup written under the older key (as the deployment before the rotation wrote it)
 * is decrypted with the key its manifest names; a backup whose key was removed from the
 * configuration is refused, naming the key, before anything is touched (restore request 409; a
 * drill fails before creating its scratch database).
 */
@QuarkusTest
@TestProfile(KeyRotationTest.Rotated.class)
class KeyRotationTest {
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final String OLD = "2025-01";
  private static final String ACTIVE = "2026-11";
  private static KafkaTestClient kafka;

  /** Keys 2025-01 (the old one) and 2026-11 (active), local storage of its own. */
  public static class Rotated implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "backup.storage.directory",
          "target/rotation-backups",
          "backup.storage.encryption.keys.\"" + OLD + "\".env",
          "BACKUP_TEST_ENCRYPTION_KEY",
          "backup.storage.encryption.keys.\"" + ACTIVE + "\".env",
          "BACKUP_TEST_ENCRYPTION_KEY_2",
          "backup.storage.encryption.active-key",
          ACTIVE);
    }

    @Override
    public List<TestResourceEntry> testResources() {
      return List.of(new TestResourceEntry(BackupServiceTestResource.class));
    }
  }

  @BeforeAll
  static void seed() throws Exception {
    kafka = new KafkaTestClient(SharedStack.get().bootstrapServers());
    RestoreTest.sql(
        "lab",
        "create table if not exists rotation_rows (id int primary key, v text)",
        "insert into rotation_rows select g, md5(g::text) from generate_series(1, 450) g"
            + " on conflict do nothing");
  }

  @AfterAll
  static void close() {
    kafka.close();
  }

  @Test
  void newBackupsUseTheActiveKeyAndRestore() throws Exception {
    List<String> rows = RestoreTest.rows("lab", "select * from rotation_rows order by id");
    String id = RestoreTest.completedBackupOf("lab");
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .get("/backups/" + id + "/manifest")
        .then()
        .body("encryption.keyId", equalTo(ACTIVE));
    assertThat(header(stored(id))).contains(ACTIVE);

    String copy = "lab_rot_" + UUID.randomUUID().toString().substring(0, 8);
    JsonNode restored = restoreInto(id, copy);
    assertThat(restored.get("ok").asBoolean()).as(restored.toString()).isTrue();
    assertThat(RestoreTest.rows(copy, "select * from rotation_rows order by id")).isEqualTo(rows);
  }

  @Test
  void aBackupUnderTheOlderKeyIsDecryptedWithTheKeyItsManifestNames() throws Exception {
    List<String> rows = RestoreTest.rows("lab", "select * from rotation_rows order by id");
    String id = RestoreTest.completedBackupOf("lab");
    // As the deployment before the rotation stored it: the same dump under the old key.
    rekey(id, EncryptionKey.fromEnv(OLD, "BACKUP_TEST_ENCRYPTION_KEY").key(), OLD);
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .get("/backups/" + id + "/manifest")
        .then()
        .body("encryption.keyId", equalTo(OLD));

    String copy = "lab_old_" + UUID.randomUUID().toString().substring(0, 8);
    JsonNode restored = restoreInto(id, copy);
    assertThat(restored.get("ok").asBoolean()).as(restored.toString()).isTrue();
    assertThat(RestoreTest.rows(copy, "select * from rotation_rows order by id")).isEqualTo(rows);
  }

  @Test
  void aBackupWhoseKeyWasRemovedIsRefusedBeforeAnythingIsTouched() throws Exception {
    String id = RestoreTest.completedBackupOf("lab");
    byte[] retired = new byte[32];
    new SecureRandom().nextBytes(retired);
    rekey(id, new SecretKeySpec(retired, "AES"), "2024-retired");

    given()
        .auth()
        .oauth2(TestTokens.ADMIN)
        .contentType("application/json")
        .body("{\"mode\":\"new-database\",\"database\":\"lab_never\"}")
        .post("/backups/" + id + "/restore")
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("detail", containsString("key '2024-retired', which is not configured"))
        .body("detail", containsString("[" + OLD + ", " + ACTIVE + "]"))
        .body("detail", containsString("nothing was touched"));

    // A drill of it (the newest backup of lab) fails on the key, before its scratch database.
    String drillId =
        given()
            .auth()
            .oauth2(TestTokens.OPERATOR)
            .queryParam("source", "lab")
            .post("/drills")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    Awaitility.await().atMost(WAIT).until(() -> !"RUNNING".equals(drill(drillId).get("status")));
    Map<String, Object> drill = drill(drillId);
    assertThat(drill.get("status")).isEqualTo("FAILED");
    assertThat(drill.get("backupId")).isEqualTo(id);
    assertThat((String) drill.get("failureReason")).contains("'2024-retired'");
    assertThat((List<?>) drill.get("checks")).isEmpty();
    assertThat(RestoreTest.rows("postgres", "select datname from pg_database"))
        .doesNotContain((String) drill.get("scratchDatabase"));
  }

  @Test
  void encryptedCommandBackupReachesItsRestoreCommandDecrypted() throws Exception {
    Path out = Path.of("target", "echo-restored.out");
    Files.deleteIfExists(out);
    String id = RestoreTest.completedBackupOf("echo");
    assertThat(header(stored(id))).contains(ACTIVE);
    String correlationId = "rot-echo-" + UUID.randomUUID();
    var requested =
        given()
            .auth()
            .oauth2(TestTokens.ADMIN)
            .contentType("application/json")
            .body("{\"mode\":\"original\",\"correlationId\":\"" + correlationId + "\"}")
            .post("/backups/" + id + "/restore");
    requested.then().statusCode(202);
    confirm(requested.path("restoreId"), requested.path("confirmToken"));
    JsonNode restored = awaitRestored(correlationId);
    // echo's restore command fails on purpose, after saving its stdin: the plaintext archive.
    assertThat(restored.get("reason").asText()).contains("exited with status 4");
    assertThat(Files.readString(out)).isEqualTo("archive-bytes");
  }

  private static JsonNode restoreInto(String backupId, String database) {
    String correlationId = "rot-" + UUID.randomUUID();
    var requested =
        given()
            .auth()
            .oauth2(TestTokens.ADMIN)
            .contentType("application/json")
            .body(
                "{\"mode\":\"new-database\",\"database\":\""
                    + database
                    + "\",\"correlationId\":\""
                    + correlationId
                    + "\"}")
            .post("/backups/" + backupId + "/restore");
    requested.then().statusCode(202);
    confirm(requested.path("restoreId"), requested.path("confirmToken"));
    return awaitRestored(correlationId);
  }

  private static void confirm(String restoreId, String token) {
    given()
        .auth()
        .oauth2(TestTokens.ADMIN)
        .contentType("application/json")
        .body("{\"confirmToken\":\"" + token + "\"}")
        .post("/restores/" + restoreId + "/confirm")
        .then()
        .statusCode(202);
  }

  private static JsonNode awaitRestored(String correlationId) {
    return KafkaTestClient.data(
        kafka
            .awaitRecords(
                dev.autopilot.platform.event.Topics.BACKUP_RESTORED,
                KafkaTestClient.where("correlationId", correlationId),
                1,
                WAIT)
            .get(0));
  }

  private static Map<String, Object> drill(String id) {
    return given().auth().oauth2(TestTokens.VIEWER).get("/drills/" + id).then().extract().path("$");
  }

  private static Path stored(String backupId) {
    String location =
        given()
            .auth()
            .oauth2(TestTokens.VIEWER)
            .get("/backups/" + backupId)
            .then()
            .extract()
            .path("location");
    return DumpFiles.path(location);
  }

  private static String header(Path file) throws Exception {
    try (var in = Files.newInputStream(file)) {
      return new String(in.readNBytes(32), StandardCharsets.ISO_8859_1);
    }
  }

  /**
   * Re-encrypts a stored backup under another key and records it so in the catalog (object, sha256,
   * size, manifest key id): a backup as a deployment with that key active wrote it.
   */
  private static void rekey(String backupId, SecretKey key, String keyId) throws Exception {
    Path file = stored(backupId);
    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    try (var in = Files.newInputStream(file)) {
      GcmFrames.decrypt(
          in, plain, EncryptionKey.fromEnv(ACTIVE, "BACKUP_TEST_ENCRYPTION_KEY_2").key(), ACTIVE);
    }
    ByteArrayOutputStream sealed = new ByteArrayOutputStream();
    try (OutputStream out = GcmFrames.encrypting(sealed, key, keyId)) {
      new ByteArrayInputStream(plain.toByteArray()).transferTo(out);
    }
    byte[] bytes = sealed.toByteArray();
    Files.write(file, bytes);
    String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    try (Connection c = BackupServiceTestResource.connect("backup");
        PreparedStatement ps =
            c.prepareStatement(
                "update backup set sha256 = ?, size_bytes = ?, manifest = jsonb_set(jsonb_set("
                    + "manifest, '{encryption,keyId}', to_jsonb(?::text)), '{sha256}',"
                    + " to_jsonb(?::text)) where id = ?::uuid")) {
      ps.setString(1, sha256);
      ps.setLong(2, bytes.length);
      ps.setString(3, keyId);
      ps.setString(4, sha256);
      ps.setString(5, backupId);
      assertThat(ps.executeUpdate()).isEqualTo(1);
    }
  }
}
