package dev.autopilot.alert;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autopilot.platform.event.Topics;
import dev.autopilot.testing.KafkaTestClient;
import dev.autopilot.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The deploy gate, alert search, and the health.degraded contract (severity, labels, deploys). */
@QuarkusTest
@QuarkusTestResource(AlertServiceTestResource.class)
class GateAndHealthTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final KafkaTestClient kafka = KafkaTestClient.shared();

  @Test
  void gateBlocksOnFiringOrAcknowledgedP0P1Only() {
    String service = "gate-" + UUID.randomUUID().toString().substring(0, 8);
    String run = UUID.randomUUID().toString();
    gate(service, "prod").body("blocked", equalTo(false)).body("alerts", hasSize(0));
    TestAlerts.fire(
        Map.of(
            "alertname",
            "Slow",
            "run",
            run,
            "service",
            service,
            "environment",
            "prod",
            "severity",
            "warning"));
    gate(service, "prod").body("blocked", equalTo(false));
    String critical =
        TestAlerts.fire(
            Map.of(
                "alertname",
                "Down",
                "run",
                run,
                "service",
                service,
                "environment",
                "prod",
                "severity",
                "critical"));
    gate(service, "prod")
        .body("service", equalTo(service))
        .body("environment", equalTo("prod"))
        .body("blocked", equalTo(true))
        .body("alerts", hasSize(1))
        .body("alerts[0].id", equalTo(critical))
        .body("alerts[0].name", equalTo("Down"))
        .body("alerts[0].severity", equalTo("P0"))
        .body("alerts[0].state", equalTo("FIRING"));
    gate(service, "staging").body("blocked", equalTo(false));
    given()
        .auth()
        .oauth2(TestTokens.OPERATOR)
        .post("/alerts/" + critical + "/ack")
        .then()
        .statusCode(200);
    gate(service, "prod")
        .body("blocked", equalTo(true))
        .body("alerts[0].state", equalTo("ACKNOWLEDGED"));
    TestAlerts.post(
        "resolved",
        Map.of(
            "alertname",
            "Down",
            "run",
            run,
            "service",
            service,
            "environment",
            "prod",
            "severity",
            "critical"));
    gate(service, "prod").body("blocked", equalTo(false));

    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .get("/alerts/gate?service=" + service)
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("environment"));
    given().get("/alerts/gate?service=a&environment=b").then().statusCode(401);

    // Search by service, severity, state and time range.
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .queryParam("service", service)
        .queryParam("severity", "P0")
        .queryParam("state", "RESOLVED")
        .queryParam("since", "2026-11-23T00:00:00Z")
        .queryParam("until", "2026-11-24T00:00:00Z")
        .get("/alerts")
        .then()
        .statusCode(200)
        .body("id", equalTo(List.of(critical)));
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .queryParam("service", service)
        .queryParam("since", "2026-11-24T00:00:00Z")
        .get("/alerts")
        .then()
        .statusCode(200)
        .body("", hasSize(0));
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .queryParam("severity", "P9")
        .get("/alerts")
        .then()
        .statusCode(400);
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .queryParam("since", "2026-11-24T00:00:00Z")
        .queryParam("until", "2026-11-23T00:00:00Z")
        .get("/alerts")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("until"));
  }

  @Test
  void healthDegradedCarriesSeverityLabelsAndTheDeployOfTheWatchWindow() {
    String service = "shop-" + UUID.randomUUID().toString().substring(0, 8);
    String deployment = UUID.randomUUID().toString();
    kafka.sendCloudEvent(
        Topics.DEPLOY_SUCCEEDED,
        Topics.typeOf(Topics.DEPLOY_SUCCEEDED),
        "/deploy-service",
        service + "/prod",
        "{\"deploymentId\":\""
            + deployment
            + "\",\"service\":\""
            + service
            + "\",\"environment\":\"prod\",\"version\":\"1.2.0\",\"watchUntil\":\""
            + Instant.now().plus(Duration.ofHours(48))
            + "\"}");
    // Wait until the watch window is recorded: an alert fired now must carry the deployment.
    String target = service + "-ready";
    Awaitility.await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              String probe = target + "-probe-" + UUID.randomUUID();
              degraded(probe, service, null, null, null);
              JsonNode fired =
                  kafka
                      .awaitRecords(
                          Topics.ALERT_FIRED,
                          r ->
                              probe.equals(
                                  KafkaTestClient.data(r).path("labels").path("target").asText()),
                          1,
                          WAIT)
                      .stream()
                      .map(KafkaTestClient::data)
                      .findFirst()
                      .orElseThrow();
              return deployment.equals(fired.path("deploymentId").asText());
            });

    degraded(
        target, service, "P0", null, "{\"team\":\"payments\",\"targetId\":\"" + target + "\"}");
    JsonNode fired =
        KafkaTestClient.data(
            kafka
                .awaitRecords(
                    Topics.ALERT_FIRED,
                    r ->
                        target.equals(
                            KafkaTestClient.data(r).path("labels").path("target").asText()),
                    1,
                    WAIT)
                .get(0));
    assertThat(fired.get("severity").asText()).isEqualTo("P0");
    assertThat(fired.path("labels").path("service").asText()).isEqualTo(service);
    assertThat(fired.path("labels").path("environment").asText()).isEqualTo("prod");
    assertThat(fired.path("labels").path("team").asText()).isEqualTo("payments");
    assertThat(fired.path("labels").path("targetId").asText()).isEqualTo(target);
    assertThat(fired.path("deploymentId").asText()).isEqualTo(deployment);

    // An explicit deploymentId on the event wins over the watch window.
    String explicit = UUID.randomUUID().toString();
    String other = target + "-2";
    degraded(other, service, null, explicit, null);
    JsonNode second =
        KafkaTestClient.data(
            kafka
                .awaitRecords(
                    Topics.ALERT_FIRED,
                    r ->
                        other.equals(
                            KafkaTestClient.data(r).path("labels").path("target").asText()),
                    1,
                    WAIT)
                .get(0));
    assertThat(second.path("deploymentId").asText()).isEqualTo(explicit);
    assertThat(second.get("severity").asText()).isEqualTo("P1");

    // Recovery (no labels) resolves the alert with the extra labels.
    kafka.sendCloudEvent(
        Topics.HEALTH_RECOVERED,
        Topics.typeOf(Topics.HEALTH_RECOVERED),
        "/health-service",
        target,
        "{\"targetId\":\""
            + target
            + "\",\"service\":\""
            + service
            + "\",\"environment\":\"prod\"}");
    kafka.awaitEvent(Topics.ALERT_RESOLVED, "alertId", fired.get("alertId").asText(), WAIT);
  }

  @Test
  void dependentTargetIsInhibitedByItsDownRootCause() {
    String root = "db-" + UUID.randomUUID();
    String dependent = "api-" + UUID.randomUUID();
    degraded(root, "db", "P1", null, null);
    JsonNode rootFired =
        KafkaTestClient.data(
            kafka
                .awaitRecords(
                    Topics.ALERT_FIRED,
                    r ->
                        root.equals(KafkaTestClient.data(r).path("labels").path("target").asText()),
                    1,
                    WAIT)
                .get(0));
    kafka.sendCloudEvent(
        Topics.HEALTH_DEGRADED,
        Topics.typeOf(Topics.HEALTH_DEGRADED),
        "/health-service",
        dependent,
        "{\"targetId\":\""
            + dependent
            + "\",\"service\":\"api\",\"environment\":\"prod\","
            + "\"status\":\"DOWN\",\"suppressedBy\":\""
            + root
            + "\"}");
    Awaitility.await().atMost(WAIT).until(() -> healthAlert(dependent) != null);
    Map<String, Object> muted = healthAlert(dependent);
    assertThat(muted.get("state")).isEqualTo("SUPPRESSED");
    assertThat(muted.get("suppressedReason")).isEqualTo("dependency:" + root);

    // The root cause recovers; the dependent, still down, now fires on its own.
    kafka.sendCloudEvent(
        Topics.HEALTH_RECOVERED,
        Topics.typeOf(Topics.HEALTH_RECOVERED),
        "/health-service",
        root,
        "{\"targetId\":\"" + root + "\",\"service\":\"db\",\"environment\":\"prod\"}");
    kafka.awaitEvent(Topics.ALERT_RESOLVED, "alertId", rootFired.get("alertId").asText(), WAIT);
    String id = muted.get("id").toString();
    Awaitility.await().atMost(WAIT).until(() -> "FIRING".equals(TestAlerts.state(id)));
    kafka.awaitEvent(Topics.ALERT_FIRED, "alertId", id, WAIT);
  }

  private static Map<String, Object> healthAlert(String target) {
    List<Map<String, Object>> all =
        given()
            .auth()
            .oauth2(TestTokens.VIEWER)
            .queryParam("name", "TargetUnhealthy")
            .queryParam("limit", 1000)
            .get("/alerts")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("$");
    return all.stream()
        .filter(a -> target.equals(((Map<?, ?>) a.get("labels")).get("target")))
        .findFirst()
        .orElse(null);
  }

  private static void degraded(
      String target, String service, String severity, String deploymentId, String labels) {
    kafka.sendCloudEvent(
        Topics.HEALTH_DEGRADED,
        Topics.typeOf(Topics.HEALTH_DEGRADED),
        "/health-service",
        target,
        "{\"targetId\":\""
            + target
            + "\",\"service\":\""
            + service
            + "\",\"environment\":\"prod\",\"status\":\"DOWN\""
            + (severity == null ? "" : ",\"severity\":\"" + severity + "\"")
            + (deploymentId == null ? "" : ",\"deploymentId\":\"" + deploymentId + "\"")
            + (labels == null ? "" : ",\"labels\":" + labels)
            + "}");
  }

  private static io.restassured.response.ValidatableResponse gate(String service, String env) {
    return given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .queryParam("service", service)
        .queryParam("environment", env)
        .get("/alerts/gate")
        .then()
        .statusCode(200);
  }
}
