package dev.autopilot.deploy;

import static dev.autopilot.deploy.SagaFixture.WAIT;
import static dev.autopilot.deploy.SagaFixture.awaitEvent;
import static dev.autopilot.deploy.SagaFixture.recordedRun;
import static dev.autopilot.deploy.SagaFixture.request;
import static dev.autopilot.deploy.SagaFixture.uniqueVersion;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
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
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A deployment that requires a maintenance window and arrives outside one is held (AWAITING_WINDOW)
 * until the next window opens, keeping its service/environment; cancellable; rejected only when no
 * window opens within deploy.maintenance.hold-horizon (1h in the tests); resumed from the row after
 * a restart. Targets held/window, held/cancel, held/far, held/restart require a window.
 */
@QuarkusTest
@QuarkusTestResource(DeployServiceTestResource.class)
class MaintenanceHoldTest {
  private static KafkaTestClient kafka;

  @Inject DataSource dataSource;

  @BeforeAll
  static void connect() {
    kafka = new KafkaTestClient(SharedStack.get().bootstrapServers());
  }

  @AfterAll
  static void close() {
    kafka.close();
  }

  @Test
  void heldUntilTheWindowOpensThenDeploys() {
    // Far enough ahead that even a loaded machine validates (and holds) before it opens.
    Instant opens = Instant.now().plusSeconds(45).truncatedTo(ChronoUnit.SECONDS);
    String windowId = window("window", opens, opens.plusSeconds(120));

    String id = request("held", "window", uniqueVersion("4.0.0"));
    JsonPath held = awaitState(id, "AWAITING_WINDOW");
    assertThat(Instant.parse(held.getString("holdUntil"))).isEqualTo(opens);
    assertThat(held.getList("steps.step")).containsExactly("VALIDATE", "WINDOW");
    assertThat(held.getList("steps.outcome")).containsExactly("HELD", "RUNNING");
    assertThat(held.getString("steps[0].detail"))
        .contains("requires a maintenance window and none is open for held/window")
        .contains("held until maintenance window " + windowId + " opens at " + opens);
    JsonNode step = kafka.awaitEvent(Topics.DEPLOY_STEP_COMPLETED, "deploymentId", id, WAIT);
    assertThat(step.path("step").asText()).isEqualTo("VALIDATE");
    assertThat(step.path("outcome").asText()).isEqualTo("HELD");

    Awaitility.await()
        .atMost(Duration.ofSeconds(180))
        .until(() -> "SUCCEEDED".equals(DeploymentSagaTest.deployment(id).getString("state")));
    awaitEvent(kafka, Topics.DEPLOY_SUCCEEDED, id);
    JsonPath done = DeploymentSagaTest.deployment(id);
    assertThat(done.getList("steps.step"))
        .containsExactly(
            "VALIDATE", "WINDOW", "VALIDATE", "BACKUP", "MIGRATE", "ROLLOUT", "VERIFY", "BAKE");
    assertThat(done.getList("steps.outcome"))
        .containsExactly(
            "HELD",
            "SUCCEEDED",
            "SUCCEEDED",
            "SKIPPED",
            "SKIPPED",
            "SUCCEEDED",
            "SUCCEEDED",
            "SKIPPED");
    assertThat(done.getString("steps[2].detail")).contains("inside maintenance window " + windowId);
    // Validated again and rolled out only once the window was open.
    assertThat(Instant.parse(done.getString("steps[2].startedAt"))).isAfterOrEqualTo(opens);
    assertThat(Instant.parse(done.getString("steps[5].startedAt"))).isAfterOrEqualTo(opens);
    assertThat(recordedRun(id)).startsWith("held window 4.0.0");
  }

  /**
   * The held deployment keeps its service/environment (the next waits QUEUED behind it), and a
   * window created later that opens sooner releases it at once.
   */
  @Test
  void aHeldDeploymentKeepsTheTargetAndAnEarlierWindowReleasesIt() {
    Instant later = Instant.now().plus(Duration.ofMinutes(40)).truncatedTo(ChronoUnit.SECONDS);
    window("queue", later, later.plus(Duration.ofHours(1)));
    String first = request("held", "queue", uniqueVersion("4.4.0"));
    JsonPath held = awaitState(first, "AWAITING_WINDOW");
    assertThat(Instant.parse(held.getString("holdUntil"))).isEqualTo(later);

    String second = request("held", "queue", uniqueVersion("4.4.1"));
    Awaitility.await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                "QUEUED".equals(DeploymentSagaTest.deployment(second).getString("state"))
                    && "AWAITING_WINDOW"
                        .equals(DeploymentSagaTest.deployment(first).getString("state")));

    String now = window("queue", Instant.now(), Instant.now().plus(Duration.ofMinutes(10)));
    awaitEvent(kafka, Topics.DEPLOY_SUCCEEDED, first);
    JsonPath done = DeploymentSagaTest.deployment(first);
    assertThat(done.getString("steps[1].detail"))
        .contains("maintenance window " + now + " is open");
    assertThat(done.getString("steps[2].detail")).contains("inside maintenance window " + now);
    awaitEvent(kafka, Topics.DEPLOY_SUCCEEDED, second);
    assertThat(DeploymentSagaTest.deployment(second).getList("steps.outcome"))
        .first()
        .isEqualTo("SUCCEEDED");
  }

  @Test
  void aHeldDeploymentCanBeCancelled() {
    Instant opens = Instant.now().plus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.SECONDS);
    window("cancel", opens, opens.plus(Duration.ofHours(2)));
    String id = request("held", "cancel", uniqueVersion("4.1.0"));
    awaitState(id, "AWAITING_WINDOW");

    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .post("/deployments/" + id + "/cancel")
        .then()
        .statusCode(403);
    given()
        .auth()
        .oauth2(TestTokens.OPERATOR)
        .post("/deployments/" + id + "/cancel")
        .then()
        .statusCode(200)
        .body("state", equalTo("CANCELLED"));
    JsonPath detail = DeploymentSagaTest.deployment(id);
    assertThat(detail.getList("steps.step")).containsExactly("VALIDATE", "WINDOW");
    assertThat(detail.getList("steps.outcome")).containsExactly("HELD", "CANCELLED");
    // The target is free again: the next deployment is held in its turn, not queued behind.
    String next = request("held", "cancel", uniqueVersion("4.1.1"));
    awaitState(next, "AWAITING_WINDOW");
    given()
        .auth()
        .oauth2(TestTokens.OPERATOR)
        .post("/deployments/" + next + "/cancel")
        .then()
        .statusCode(200);
  }

  @Test
  void noWindowWithinTheHorizonIsRejectedSayingWhy() {
    Instant opens = Instant.now().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
    window("far", opens, opens.plus(Duration.ofHours(2)));
    String version = uniqueVersion("4.2.0");
    String id = request("held", "far", version);

    JsonNode rejected = kafka.awaitEvent(Topics.DEPLOY_REJECTED, "version", version, WAIT);
    assertThat(rejected.path("reason").asText())
        .contains("requires a maintenance window and none is open for held/far")
        .contains("none opens within PT1H (deploy.maintenance.hold-horizon)")
        .contains("the next one opens at " + opens);
    JsonPath detail = DeploymentSagaTest.deployment(id);
    assertThat(detail.getString("state")).isEqualTo("REJECTED");
    assertThat(detail.getList("steps.step")).containsExactly("VALIDATE");
  }

  /**
   * The hold lives in the row: a deployment a previous process left AWAITING_WINDOW (its window has
   * opened since) is released by this one, validated again and deployed.
   */
  @Test
  void aHoldLeftByAPreviousProcessIsReleasedOnceTheWindowIsOpen() throws Exception {
    window("restart", Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofHours(1)));
    String id = UUID.randomUUID().toString();
    String version = uniqueVersion("4.3.0");
    try (Connection c = dataSource.getConnection();
        PreparedStatement deployment =
            c.prepareStatement(
                "insert into deployment (id, service, environment, version, state, step,"
                    + " requested_by, started_at, hold_until) values (?::uuid, 'held', 'restart',"
                    + " ?, 'AWAITING_WINDOW', 'WINDOW', 'test', now() - interval '1 hour',"
                    + " now() - interval '1 second')");
        PreparedStatement steps =
            c.prepareStatement(
                "insert into deployment_step (deployment_id, step, outcome, started_at,"
                    + " finished_at) values (?::uuid, 'VALIDATE', 'HELD', now() - interval"
                    + " '1 hour', now() - interval '1 hour'), (?::uuid, 'WINDOW', 'RUNNING',"
                    + " now() - interval '1 hour', null)")) {
      deployment.setString(1, id);
      deployment.setString(2, version);
      deployment.executeUpdate();
      steps.setString(1, id);
      steps.setString(2, id);
      steps.executeUpdate();
    }

    awaitEvent(kafka, Topics.DEPLOY_SUCCEEDED, id);
    JsonPath detail = DeploymentSagaTest.deployment(id);
    assertThat(detail.getList("steps.step"))
        .containsExactly(
            "VALIDATE", "WINDOW", "VALIDATE", "BACKUP", "MIGRATE", "ROLLOUT", "VERIFY", "BAKE");
    assertThat(detail.getString("steps[1].outcome")).isEqualTo("SUCCEEDED");
    assertThat(recordedRun(id)).startsWith("held restart " + version);
  }

  private static JsonPath awaitState(String id, String state) {
    return Awaitility.await()
        .atMost(WAIT)
        .until(
            () -> DeploymentSagaTest.deployment(id),
            detail -> state.equals(detail.getString("state")));
  }

  /** A one-off window for held/{environment}; returns its id. */
  private static String window(String environment, Instant startsAt, Instant endsAt) {
    return given()
        .auth()
        .oauth2(TestTokens.ADMIN)
        .contentType(ContentType.JSON)
        .body(
            "{\"services\":[\"held\"],\"environment\":\""
                + environment
                + "\",\"startsAt\":\""
                + startsAt
                + "\",\"endsAt\":\""
                + endsAt
                + "\",\"description\":\"held test\"}")
        .post("/maintenance-windows")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }
}
