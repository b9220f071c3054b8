package dev.autopilot.deploy;

import static dev.autopilot.deploy.SagaFixture.WAIT;
import static dev.autopilot.deploy.SagaFixture.awaitEvent;
import static dev.autopilot.deploy.SagaFixture.request;
import static dev.autopilot.deploy.SagaFixture.uniqueVersion;
import static dev.autopilot.testing.KafkaTestClient.where;
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
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * VALIDATE and the request checks: alert gate, freezes, maintenance windows, checklist, approval.
 */
@QuarkusTest
@QuarkusTestResource(DeployServiceTestResource.class)
class GatesTest {
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
  void firingP0RefusesTheDeploymentWithTheReason() {
    String version = uniqueVersion("1.0.0");
    String id = request("gated", "prod", version);

    JsonNode rejected = kafka.awaitEvent(Topics.DEPLOY_REJECTED, "version", version, WAIT);
    assertThat(rejected.path("reason").asText())
        .contains("alert gate blocked for gated/prod")
        .contains("P0 HighErrorRate");
    JsonPath detail = DeploymentSagaTest.deployment(id);
    assertThat(detail.getString("state")).isEqualTo("REJECTED");
    assertThat(detail.getString("reason")).contains("P0 HighErrorRate");
    assertThat(detail.getList("steps.step")).containsExactly("VALIDATE");
  }

  @Test
  void freezeRefusesAndAnAdminOverrideWithAReasonPassesAudited() {
    given()
        .auth()
        .oauth2(TestTokens.ADMIN)
        .contentType(ContentType.JSON)
        .body(
            "{\"services\":[\"frozen\"],\"environment\":\"prod\",\"startsAt\":\""
                + Instant.now().minusSeconds(60)
                + "\",\"endsAt\":\""
                + Instant.now().plusSeconds(3600)
                + "\",\"reason\":\"end-of-year freeze\"}")
        .post("/freezes")
        .then()
        .statusCode(201);

    String refusedVersion = uniqueVersion("1.1.0");
    String refused = request("frozen", "prod", refusedVersion);
    JsonNode rejected = kafka.awaitEvent(Topics.DEPLOY_REJECTED, "version", refusedVersion, WAIT);
    assertThat(rejected.path("reason").asText()).contains("deploy freeze").contains("end-of-year");
    assertThat(DeploymentSagaTest.deployment(refused).getString("state")).isEqualTo("REJECTED");

    String body = "{\"service\":\"frozen\",\"environment\":\"prod\",\"version\":\"1.1.1\"}";
    given()
        .auth()
        .oauth2(TestTokens.OPERATOR)
        .contentType(ContentType.JSON)
        .queryParam("overrideReason", "hotfix")
        .body(body)
        .post("/deployments")
        .then()
        .statusCode(403);
    String overridden =
        given()
            .auth()
            .oauth2(TestTokens.ADMIN)
            .contentType(ContentType.JSON)
            .queryParam("overrideReason", "security hotfix CVE-1")
            .body(body)
            .post("/deployments")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    awaitEvent(kafka, Topics.DEPLOY_SUCCEEDED, overridden);
    JsonPath detail = DeploymentSagaTest.deployment(overridden);
    assertThat(detail.getString("steps[0].detail"))
        .contains("deploy freeze")
        .contains("overridden by")
        .contains("security hotfix CVE-1");
    given()
        .auth()
        .oauth2(TestTokens.ADMIN)
        .get("/audit")
        .then()
        .statusCode(200)
        .body("find { it.action == 'override-gates' }.reason", equalTo("security hotfix CVE-1"));
  }

  @Test
  void maintenanceWindowRequiredRefusesOutsideAndDeploysInsideAndIsAnnouncedOnce() {
    String outside = uniqueVersion("1.2.0");
    String refused = request("windowed", "maint", outside);
    JsonNode rejected = kafka.awaitEvent(Topics.DEPLOY_REJECTED, "version", outside, WAIT);
    assertThat(rejected.path("reason").asText()).contains("requires a maintenance window");
    assertThat(DeploymentSagaTest.deployment(refused).getString("state")).isEqualTo("REJECTED");

    String windowId =
        given()
            .auth()
            .oauth2(TestTokens.ADMIN)
            .contentType(ContentType.JSON)
            .body(
                "{\"services\":[\"windowed\"],\"environment\":\"maint\",\"startsAt\":\""
                    + Instant.now().plusSeconds(2)
                    + "\",\"endsAt\":\""
                    + Instant.now().plusSeconds(20)
                    + "\",\"description\":\"schema upgrade\"}")
            .post("/maintenance-windows")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    JsonNode scheduled = kafka.awaitEvent(Topics.MAINTENANCE_SCHEDULED, "windowId", windowId, WAIT);
    assertThat(scheduled.path("services").get(0).asText()).isEqualTo("windowed");
    assertThat(scheduled.path("description").asText()).isEqualTo("schema upgrade");
    kafka.awaitEvent(Topics.MAINTENANCE_STARTED, "windowId", windowId, WAIT);

    String inside = request("windowed", "maint", uniqueVersion("1.2.1"));
    awaitEvent(kafka, Topics.DEPLOY_SUCCEEDED, inside);
    assertThat(DeploymentSagaTest.deployment(inside).getString("steps[0].detail"))
        .contains("inside maintenance window " + windowId);

    kafka.awaitEvent(Topics.MAINTENANCE_ENDED, "windowId", windowId, WAIT);
    // Each event once, however many ticks ran.
    assertThat(
            kafka.awaitRecords(
                Topics.MAINTENANCE_STARTED, where("windowId", windowId), 1, Duration.ofSeconds(3)))
        .hasSize(1);
  }

  @Test
  void missingChecklistItemIsRefusedNamingIt() {
    given()
        .auth()
        .oauth2(TestTokens.OPERATOR)
        .contentType(ContentType.JSON)
        .body(
            "{\"service\":\"checked\",\"environment\":\"ci\",\"version\":\"1.0.0\","
                + "\"checks\":{\"testsPassed\":true,\"buildSucceeded\":false}}")
        .post("/deployments")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("checks.buildSucceeded"))
        .body("detail", containsString("reported false"));
    String id =
        given()
            .auth()
            .oauth2(TestTokens.OPERATOR)
            .contentType(ContentType.JSON)
            .body(
                "{\"service\":\"checked\",\"environment\":\"ci\",\"version\":\"1.0.1\","
                    + "\"checks\":{\"testsPassed\":true,\"buildSucceeded\":true,"
                    + "\"migrationsTested\":true}}")
            .post("/deployments")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    awaitEvent(kafka, Topics.DEPLOY_SUCCEEDED, id);
  }

  @Test
  void approvalWaitsForAnOperatorAndQueuedDeploymentsCanBeCancelled() {
    String id = request("approval", "prod", uniqueVersion("1.3.0"));
    Awaitility.await()
        .atMost(WAIT)
        .until(
            () -> "AWAITING_APPROVAL".equals(DeploymentSagaTest.deployment(id).getString("state")));
    String queued = request("approval", "prod", uniqueVersion("1.3.1"));
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .post("/deployments/" + queued + "/cancel")
        .then()
        .statusCode(403);
    given()
        .auth()
        .oauth2(TestTokens.OPERATOR)
        .post("/deployments/" + queued + "/cancel")
        .then()
        .statusCode(200)
        .body("state", equalTo("CANCELLED"));
    given()
        .auth()
        .oauth2(TestTokens.OPERATOR)
        .post("/deployments/" + queued + "/approve")
        .then()
        .statusCode(409);

    given()
        .auth()
        .oauth2(TestTokens.OPERATOR)
        .post("/deployments/" + id + "/approve")
        .then()
        .statusCode(200);
    awaitEvent(kafka, Topics.DEPLOY_SUCCEEDED, id);
    assertThat(DeploymentSagaTest.deployment(id).getString("steps[1].detail"))
        .startsWith("approved by");
  }
}
