package dev.autopilot.backup;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autopilot.platform.event.Topics;
import dev.autopilot.testing.KafkaTestClient;
import dev.autopilot.testing.SharedStack;
import dev.autopilot.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real pg_dump → real pg_restore: restored over the original database or into a new one, row for
 * row equal; a corrupted file is refused before anything is touched; only admins restore.
 */
@QuarkusTest
@QuarkusTestResource(BackupServiceTestResource.class)
class RestoreTest {
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final String LAB = BackupServiceTestResource.LAB_DATABASE;
  private static KafkaTestClient kafka;

  @BeforeAll
  static void seed() throws Exception {
    kafka = new KafkaTestClient(SharedStack.get().bootstrapServers());
    sql(
        LAB,
        "drop table if exists items, notes",
        "create table items (id int primary key, name text not null, price numeric(10,2))",
        "insert into items select g, 'item-' || g, g * 2.25 from generate_series(1, 1500) g",
        "create table notes (id serial primary key, body text, at timestamptz default now())",
        "insert into notes (body) select md5(g::text) from generate_series(1, 300) g");
  }

  @AfterAll
  static void close() {
    kafka.close();
  }

  @Test
  void restoreOverTheOriginalDatabaseGivesBackEveryRow() throws Exception {
    String backupId = completedBackupOf("lab");
    List<String> items = rows(LAB, "select * from items order by id");
    List<String> notes = rows(LAB, "select * from notes order by id");
    sql(
        LAB,
        "delete from items where id > 700",
        "update items set name = 'changed' where id < 50",
        "truncate notes");
    assertThat(rows(LAB, "select * from items order by id")).isNotEqualTo(items);

    String correlationId = "deploy-" + UUID.randomUUID();
    Response requested = requestRestore(backupId, "original", null, correlationId);
    requested
        .then()
        .statusCode(202)
        .body("status", equalTo("AWAITING_CONFIRMATION"))
        .body("confirmToken", notNullValue())
        .body("expiresAt", notNullValue());
    String restoreId = requested.path("restoreId");
    String token = requested.path("confirmToken");
    // Nothing happens before the confirmation.
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .get("/restores/" + restoreId)
        .then()
        .statusCode(200)
        .body("status", equalTo("AWAITING_CONFIRMATION"))
        .body("mode", equalTo("original"))
        .body("target", equalTo(LAB))
        .body("confirmToken", org.hamcrest.Matchers.nullValue());

    confirm(restoreId, "not-the-token")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", containsString("confirmToken"));
    confirm(restoreId, token)
        .then()
        .statusCode(202)
        .body("restoreId", equalTo(restoreId))
        .body("status", equalTo("RUNNING"));

    JsonNode restored = awaitRestored(correlationId);
    assertThat(restored.get("ok").asBoolean()).isTrue();
    assertThat(restored.get("backupId").asText()).isEqualTo(backupId);
    assertThat(restored.get("source").asText()).isEqualTo("lab");
    assertThat(restored.get("target").asText()).isEqualTo(LAB);
    assertThat(restored.get("restoreSeconds").asDouble()).isPositive();
    assertThat(restored.path("reason").asText(null)).isNull();
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .get("/restores/" + restoreId)
        .then()
        .statusCode(200)
        .body("status", equalTo("SUCCEEDED"))
        .body("attempts", equalTo(1))
        .body("confirmedBy", equalTo("token:test-admin"));
    assertThat(rows(LAB, "select * from items order by id")).isEqualTo(items);
    assertThat(rows(LAB, "select * from notes order by id")).isEqualTo(notes);

    // A token works once.
    confirm(restoreId, token).then().statusCode(409);
  }

  @Test
  void restoreIntoANewDatabaseCopiesEveryRow() throws Exception {
    String backupId = completedBackupOf("lab");
    List<String> items = rows(LAB, "select * from items order by id");
    // The manifest records the rows of every table in the dump's own snapshot.
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .get("/backups/" + backupId + "/manifest")
        .then()
        .statusCode(200)
        .body("kind", equalTo("postgres"))
        .body("tool", equalTo("pg_dump"))
        .body("toolVersion", containsString("PostgreSQL"))
        .body("serverVersion", notNullValue())
        .body("tableCounts.'public.items'", equalTo(items.size()))
        .body("tableCounts.'public.notes'", notNullValue())
        .body("backupId", equalTo(backupId));
    String copy = "lab_copy_" + UUID.randomUUID().toString().substring(0, 8);
    String correlationId = "copy-" + UUID.randomUUID();
    Response requested = requestRestore(backupId, "new-database", copy, correlationId);
    requested.then().statusCode(202);
    confirm(requested.path("restoreId"), requested.path("confirmToken")).then().statusCode(202);
    JsonNode restored = awaitRestored(correlationId);
    assertThat(restored.get("ok").asBoolean()).as(restored.toString()).isTrue();
    assertThat(restored.get("target").asText()).isEqualTo(copy);
    assertThat(rows(copy, "select * from items order by id")).isEqualTo(items).hasSize(1500);

    // The same name again: refused at run time (it exists now), nothing dropped.
    String again = "again-" + UUID.randomUUID();
    Response second = requestRestore(backupId, "new-database", copy, again);
    confirm(second.path("restoreId"), second.path("confirmToken")).then().statusCode(202);
    JsonNode refused = awaitRestored(again);
    assertThat(refused.get("ok").asBoolean()).isFalse();
    assertThat(refused.get("reason").asText()).contains("already exists");
    assertThat(rows(copy, "select count(*) from items")).containsExactly("1500");
  }

  @Test
  void corruptedBackupIsRefusedAndTheDatabaseUntouched() throws Exception {
    String backupId = completedBackupOf("lab");
    String location =
        given()
            .auth()
            .oauth2(TestTokens.VIEWER)
            .get("/backups/" + backupId)
            .then()
            .extract()
            .path("location");
    sql(LAB, "insert into items values (999001, 'after the backup', 1)");
    List<String> before = rows(LAB, "select * from items order by id");
    flipAByte(DumpFiles.path(location));

    String correlationId = "corrupt-" + UUID.randomUUID();
    Response requested = requestRestore(backupId, "original", null, correlationId);
    confirm(requested.path("restoreId"), requested.path("confirmToken")).then().statusCode(202);
    JsonNode restored = awaitRestored(correlationId);
    assertThat(restored.get("ok").asBoolean()).isFalse();
    assertThat(restored.get("reason").asText())
        .contains("sha256 mismatch")
        .contains("nothing was touched");
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .get("/restores/" + requested.path("restoreId"))
        .then()
        .body("status", equalTo("FAILED"))
        .body("failureReason", containsString("sha256 mismatch"));
    assertThat(rows(LAB, "select * from items order by id")).isEqualTo(before);
  }

  @Test
  void onlyAdminsRestoreAndConfirm() {
    String backupId = UUID.randomUUID().toString();
    String body = "{\"mode\":\"original\"}";
    given()
        .contentType(ContentType.JSON)
        .body(body)
        .post("/backups/" + backupId + "/restore")
        .then()
        .statusCode(401)
        .contentType("application/problem+json");
    for (String token :
        List.of(TestTokens.VIEWER, TestTokens.OPERATOR, TestTokens.jwt("operator"))) {
      given()
          .auth()
          .oauth2(token)
          .contentType(ContentType.JSON)
          .body(body)
          .post("/backups/" + backupId + "/restore")
          .then()
          .statusCode(403)
          .contentType("application/problem+json");
      given()
          .auth()
          .oauth2(token)
          .contentType(ContentType.JSON)
          .body("{\"confirmToken\":\"x\"}")
          .post("/restores/" + UUID.randomUUID() + "/confirm")
          .then()
          .statusCode(403);
    }
    given().get("/restores/" + UUID.randomUUID()).then().statusCode(401);
    given()
        .auth()
        .oauth2(TestTokens.ADMIN)
        .contentType(ContentType.JSON)
        .body("{\"confirmToken\":\"x\"}")
        .post("/restores/" + UUID.randomUUID() + "/confirm")
        .then()
        .statusCode(404);
  }

  @Test
  void badRestoreRequestsNameTheField() {
    String backupId = completedBackupOf("lab");
    requestRestore(backupId, null, null, null)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body(containsString("mode"));
    requestRestore(backupId, "sideways", null, null)
        .then()
        .statusCode(400)
        .body(containsString("mode"));
    requestRestore(backupId, "new-database", null, null)
        .then()
        .statusCode(400)
        .body(containsString("database"));
    requestRestore(backupId, "new-database", "x;drop", null)
        .then()
        .statusCode(400)
        .body(containsString("database"));
    requestRestore(UUID.randomUUID().toString(), "original", null, null).then().statusCode(404);
    given()
        .auth()
        .oauth2(TestTokens.ADMIN)
        .contentType(ContentType.JSON)
        .body("{}")
        .post("/restores/" + UUID.randomUUID() + "/confirm")
        .then()
        .statusCode(400)
        .body(containsString("confirmToken"));
  }

  /** Requests a backup of {@code source} as an operator and waits until it is COMPLETED. */
  static String completedBackupOf(String source) {
    String id =
        given()
            .auth()
            .oauth2(TestTokens.OPERATOR)
            .contentType(ContentType.JSON)
            .body("{\"source\":\"" + source + "\"}")
            .post("/backups")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    Awaitility.await()
        .atMost(WAIT)
        .until(
            () ->
                "COMPLETED"
                    .equals(
                        given()
                            .auth()
                            .oauth2(TestTokens.VIEWER)
                            .get("/backups/" + id)
                            .path("status")));
    return id;
  }

  private static Response requestRestore(
      String backupId, String mode, String database, String correlationId) {
    StringBuilder body = new StringBuilder("{");
    if (mode != null) {
      body.append("\"mode\":\"").append(mode).append("\",");
    }
    if (database != null) {
      body.append("\"database\":\"").append(database).append("\",");
    }
    if (correlationId != null) {
      body.append("\"correlationId\":\"").append(correlationId).append("\",");
    }
    if (body.length() > 1) {
      body.setLength(body.length() - 1);
    }
    body.append('}');
    return given()
        .auth()
        .oauth2(TestTokens.ADMIN)
        .contentType(ContentType.JSON)
        .body(body.toString())
        .post("/backups/" + backupId + "/restore");
  }

  private static Response confirm(String restoreId, String token) {
    return given()
        .auth()
        .oauth2(TestTokens.ADMIN)
        .contentType(ContentType.JSON)
        .body("{\"confirmToken\":\"" + token + "\"}")
        .post("/restores/" + restoreId + "/confirm");
  }

  private static JsonNode awaitRestored(String correlationId) {
    return KafkaTestClient.data(
        kafka
            .awaitRecords(
                Topics.BACKUP_RESTORED,
                KafkaTestClient.where("correlationId", correlationId),
                1,
                WAIT)
            .get(0));
  }

  private static void flipAByte(Path file) throws Exception {
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long at = ch.size() / 2;
      ByteBuffer one = ByteBuffer.allocate(1);
      ch.read(one, at);
      one.flip();
      byte b = one.get();
      ch.write(ByteBuffer.wrap(new byte[] {(byte) (b ^ 0x5a)}), at);
    }
  }

  static void sql(String database, String... statements) throws Exception {
    try (Connection c = BackupServiceTestResource.connect(database);
        Statement s = c.createStatement()) {
      for (String statement : statements) {
        s.execute(statement);
      }
    }
  }

  static List<String> rows(String database, String query) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection c = BackupServiceTestResource.connect(database);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(query)) {
      ResultSetMetaData meta = rs.getMetaData();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          row.append(i == 1 ? "" : "|").append(rs.getString(i));
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }
}
