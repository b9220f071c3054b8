package dev.autopilot.backup;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autopilot.platform.event.Topics;
import dev.autopilot.testing.KafkaTestClient;
import dev.autopilot.testing.SharedStack;
import dev.autopilot.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Restore drills on real Postgres: restored into a scratch database, row counts checked against the
 * backup's snapshot, verification queries run, scratch dropped, backup.verified emitted.
 */
@QuarkusTest
@QuarkusTestResource(BackupServiceTestResource.class)
class DrillTest {
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static KafkaTestClient kafka;

  @jakarta.inject.Inject dev.autopilot.backup.restore.RestoreDrills drills;

  @BeforeAll
  static void seed() throws Exception {
    kafka = new KafkaTestClient(SharedStack.get().bootstrapServers());
    RestoreTest.sql(
        "lab",
        "create table if not exists drill_rows (id int primary key)",
        "insert into drill_rows select generate_series(1, 321) on conflict do nothing");
  }

  @AfterAll
  static void close() {
    kafka.close();
  }

  @Test
  void drillPassesAndMarksTheBackupVerified() throws Exception {
    String backupId = RestoreTest.completedBackupOf("lab");
    Map<String, Object> drill = startDrill("lab");
    assertThat(drill.get("status")).isEqualTo("RUNNING");
    assertThat(drill.get("backupId")).isEqualTo(backupId);
    Map<String, Object> done = awaitDrill((String) drill.get("id"));
    assertThat(done.get("status")).as(done.toString()).isEqualTo("PASSED");
    @SuppressWarnings("unchecked")
    List<String> checks = (List<String>) done.get("checks");
    assertThat(checks)
        .anyMatch(c -> c.startsWith("sha256 "))
        .anyMatch(c -> c.startsWith("pg_restore succeeded"))
        .contains("public.drill_rows: 321 rows, as at backup time")
        .contains("verification query passed: select exists (select 1 from drill_rows)");
    assertThat((Float) done.get("restoreSeconds")).isPositive();
    JsonNode verified = awaitVerified(backupId);
    assertThat(verified.get("ok").asBoolean()).isTrue();
    assertThat(verified.get("source").asText()).isEqualTo("lab");
    assertThat(verified.get("checks").size()).isEqualTo(checks.size());
    assertThat(
            given()
                .auth()
                .oauth2(TestTokens.VIEWER)
                .get("/backups/" + backupId)
                .then()
                .extract()
                .<String>path("status"))
        .isEqualTo("VERIFIED");
    assertThat(RestoreTest.rows("postgres", "select datname from pg_database"))
        .doesNotContain((String) drill.get("scratchDatabase"));
  }

  @Test
  void failingVerificationQueryFailsTheDrill() throws Exception {
    String backupId = RestoreTest.completedBackupOf("drillfail");
    Map<String, Object> done = awaitDrill((String) startDrill("drillfail").get("id"));
    assertThat(done.get("status")).isEqualTo("FAILED");
    assertThat((String) done.get("failureReason"))
        .isEqualTo("verification query failed: select count(*) > 1000000 from drill_rows");
    JsonNode verified = awaitVerified(backupId);
    assertThat(verified.get("ok").asBoolean()).isFalse();
    assertThat(verified.get("reason").asText()).contains("verification query failed");
    assertThat(
            given()
                .auth()
                .oauth2(TestTokens.VIEWER)
                .get("/backups/" + backupId)
                .then()
                .extract()
                .<String>path("status"))
        .isEqualTo("COMPLETED");
  }

  @Test
  void aDrillAbandonedByAStoppedReplicaIsEndedAndItsScratchDropped() throws Exception {
    String backupId = RestoreTest.completedBackupOf("lab");
    String drillId = java.util.UUID.randomUUID().toString();
    String scratch = "drill_lab_" + drillId.substring(0, 8);
    RestoreTest.sql("postgres", "create database " + scratch);
    RestoreTest.sql(
        "backup",
        "insert into drill (id, backup_id, source, scratch_db, status, started_at) values ('"
            + drillId
            + "', '"
            + backupId
            + "', 'lab', '"
            + scratch
            + "', 'RUNNING', now() - interval '1 day')");
    assertThat(drills.abandonStale()).isEqualTo(1);
    Map<String, Object> done =
        given()
            .auth()
            .oauth2(TestTokens.VIEWER)
            .get("/drills/" + drillId)
            .then()
            .extract()
            .path("$");
    assertThat(done.get("status")).isEqualTo("FAILED");
    assertThat((String) done.get("failureReason")).contains("abandoned");
    assertThat(RestoreTest.rows("postgres", "select datname from pg_database"))
        .doesNotContain(scratch);
    JsonNode verified = awaitVerified(backupId);
    assertThat(verified.get("ok").asBoolean()).isFalse();
    assertThat(drills.abandonStale()).isZero();
  }

  @Test
  void drillsNeedAnOperatorAndAKnownPostgresSource() {
    given().queryParam("source", "lab").post("/drills").then().statusCode(401);
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .queryParam("source", "lab")
        .post("/drills")
        .then()
        .statusCode(403);
    given()
        .auth()
        .oauth2(TestTokens.OPERATOR)
        .queryParam("source", "nope")
        .post("/drills")
        .then()
        .statusCode(404);
    given()
        .auth()
        .oauth2(TestTokens.OPERATOR)
        .queryParam("source", "echo")
        .post("/drills")
        .then()
        .statusCode(409);
    given().auth().oauth2(TestTokens.OPERATOR).post("/drills").then().statusCode(400);
  }

  private static Map<String, Object> startDrill(String source) {
    return given()
        .auth()
        .oauth2(TestTokens.OPERATOR)
        .queryParam("source", source)
        .post("/drills")
        .then()
        .statusCode(202)
        .extract()
        .path("$");
  }

  private static Map<String, Object> awaitDrill(String id) {
    Awaitility.await()
        .atMost(WAIT)
        .until(
            () ->
                !"RUNNING"
                    .equals(
                        given()
                            .auth()
                            .oauth2(TestTokens.VIEWER)
                            .get("/drills/" + id)
                            .path("status")));
    return given().auth().oauth2(TestTokens.VIEWER).get("/drills/" + id).then().extract().path("$");
  }

  private static JsonNode awaitVerified(String backupId) {
    return KafkaTestClient.data(
        kafka
            .awaitRecords(
                Topics.BACKUP_VERIFIED, KafkaTestClient.where("backupId", backupId), 1, WAIT)
            .get(0));
  }
}
