package dev.autopilot.alert;

import static dev.autopilot.testing.KafkaTestClient.data;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autopilot.platform.event.Topics;
import dev.autopilot.testing.KafkaTestClient;
import dev.autopilot.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** POST /webhooks/alertmanager with Alertmanager 0.25's real webhook body (version 4). */
@QuarkusTest
@QuarkusTestResource(AlertServiceTestResource.class)
class AlertmanagerWebhookTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PATH = "/webhooks/alertmanager";
  private static final KafkaTestClient kafka = KafkaTestClient.shared();

  @Test
  void realWebhookFiresOnceAndResolvedVersionResolves() throws Exception {
    ObjectNode firing = fixture();
    ObjectNode resolved = withStatus(fixture(), "resolved", "2026-11-23T11:31:51Z");
    // A database reused from an earlier run may still have the fixture's alert firing.
    post(TestTokens.OPERATOR, resolved.toString()).statusCode(200);

    post(TestTokens.OPERATOR, firing.toString())
        .statusCode(200)
        .contentType(ContentType.JSON)
        .body("fired", equalTo(1))
        .body("resolved", equalTo(0))
        .body("unchanged", equalTo(0));
    String alertId = firingIdOf("FeasTestAlert", "orders");
    JsonNode fired = kafka.awaitEvent(Topics.ALERT_FIRED, "alertId", alertId, WAIT);
    assertThat(fired.get("name").asText()).isEqualTo("FeasTestAlert");
    assertThat(fired.get("severity").asText()).isEqualTo("P0");
    assertThat(JSON.convertValue(fired.get("labels"), Map.class))
        .isEqualTo(
            Map.of("alertname", "FeasTestAlert", "service", "orders", "severity", "critical"));
    assertThat(fired.path("annotations").path("summary").asText())
        .isEqualTo("Test alert from feasibility check");
    assertThat(fired.path("annotations").path("description").asText())
        .isEqualTo("fired via POST /api/v2/alerts");
    assertThat(fired.get("startsAt").asText()).startsWith("2026-11-23T11:26:51.021");
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .get("/alerts/" + alertId)
        .then()
        .statusCode(200)
        .body("state", equalTo("FIRING"))
        .body("source", equalTo("alertmanager"));

    // Alertmanager repeats a group every repeat_interval and retries failed deliveries.
    post(TestTokens.OPERATOR, firing.toString())
        .statusCode(200)
        .body("fired", equalTo(0))
        .body("unchanged", equalTo(1));
    assertThat(firingIdOf("FeasTestAlert", "orders")).isEqualTo(alertId);

    post(TestTokens.OPERATOR, resolved.toString())
        .statusCode(200)
        .body("fired", equalTo(0))
        .body("resolved", equalTo(1))
        .body("unchanged", equalTo(0));
    JsonNode done = kafka.awaitEvent(Topics.ALERT_RESOLVED, "alertId", alertId, WAIT);
    assertThat(done.get("name").asText()).isEqualTo("FeasTestAlert");
    assertThat(done.get("endsAt").asText()).startsWith("2026-11-23T11:31:51");
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .get("/alerts/" + alertId)
        .then()
        .statusCode(200)
        .body("state", equalTo("RESOLVED"));
    post(TestTokens.OPERATOR, resolved.toString())
        .statusCode(200)
        .body("resolved", equalTo(0))
        .body("unchanged", equalTo(1));
  }

  @Test
  void groupOfSeveralAlertsIsAppliedTogether() throws Exception {
    String run = UUID.randomUUID().toString();
    ObjectNode body = fixture();
    ArrayNode alerts = body.putArray("alerts");
    alerts.add(alert("firing", "DiskFull", run, "warning", "runbook_url", "https://wiki/disk"));
    alerts.add(alert("firing", "QueueSlow", run, null, "runbookUrl", "https://wiki/queue"));
    alerts.add(alert("resolved", "NeverFired", run, "critical", null, null));
    post(TestTokens.OPERATOR, body.toString())
        .statusCode(200)
        .body("fired", equalTo(2))
        .body("resolved", equalTo(0))
        .body("unchanged", equalTo(1));

    List<ConsumerRecord<String, byte[]>> fired =
        kafka.awaitRecords(
            Topics.ALERT_FIRED,
            r -> run.equals(data(r).path("labels").path("run").asText()),
            2,
            WAIT);
    Map<String, JsonNode> byName =
        Map.of(
            data(fired.get(0)).get("name").asText(), data(fired.get(0)),
            data(fired.get(1)).get("name").asText(), data(fired.get(1)));
    assertThat(byName.get("DiskFull").get("severity").asText()).isEqualTo("P2");
    assertThat(byName.get("DiskFull").path("annotations").path("runbookUrl").asText())
        .isEqualTo("https://wiki/disk");
    // No severity label: alert.alertmanager.default-severity (P2).
    assertThat(byName.get("QueueSlow").get("severity").asText()).isEqualTo("P2");
    assertThat(byName.get("QueueSlow").path("annotations").path("runbookUrl").asText())
        .isEqualTo("https://wiki/queue");

    alerts.removeAll();
    alerts.add(alert("resolved", "DiskFull", run, "warning", null, null));
    alerts.add(alert("firing", "QueueSlow", run, null, null, null));
    post(TestTokens.OPERATOR, body.toString())
        .statusCode(200)
        .body("fired", equalTo(0))
        .body("resolved", equalTo(1))
        .body("unchanged", equalTo(1));
  }

  @Test
  void operatorTokenIsRequired() throws Exception {
    String body = fixture().toString();
    given()
        .contentType(ContentType.JSON)
        .body(body)
        .post(PATH)
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .header("WWW-Authenticate", containsString("Bearer"));
    post("ap_not_a_token", body).statusCode(401);
    post(TestTokens.VIEWER, body).statusCode(403).contentType("application/problem+json");
    post(TestTokens.OPERATOR, body).statusCode(200);
    post(TestTokens.jwt("operator"), body).statusCode(200);
  }

  @Test
  void badBodiesAre400NamingTheField() throws Exception {
    ObjectNode v3 = fixture().put("version", "3");
    post(TestTokens.OPERATOR, v3.toString())
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", hasItem("version"));
    ObjectNode noVersion = fixture();
    noVersion.remove("version");
    post(TestTokens.OPERATOR, noVersion.toString())
        .statusCode(400)
        .body("errors.field", hasItem("version"));

    ObjectNode empty = fixture();
    empty.putArray("alerts");
    post(TestTokens.OPERATOR, empty.toString())
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", hasItem("alerts"));
    ObjectNode missing = fixture();
    missing.remove("alerts");
    post(TestTokens.OPERATOR, missing.toString())
        .statusCode(400)
        .body("errors.field", hasItem("alerts"));

    ObjectNode noName = fixture();
    ((ObjectNode) noName.get("alerts").get(0).get("labels")).remove("alertname");
    post(TestTokens.OPERATOR, noName.toString())
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", hasItem("alerts[0].labels.alertname"));
    ObjectNode noLabels = fixture();
    ((ObjectNode) noLabels.get("alerts").get(0)).remove("labels");
    post(TestTokens.OPERATOR, noLabels.toString())
        .statusCode(400)
        .body("errors.field", hasItem("alerts[0].labels"));

    ObjectNode badStatus = fixture();
    ((ObjectNode) badStatus.get("alerts").get(0)).put("status", "pending");
    post(TestTokens.OPERATOR, badStatus.toString())
        .statusCode(400)
        .body("errors.field", hasItem("alerts[0].status"));
    ObjectNode noStatus = fixture();
    ((ObjectNode) noStatus.get("alerts").get(0)).remove("status");
    post(TestTokens.OPERATOR, noStatus.toString())
        .statusCode(400)
        .body("errors.field", hasItem("alerts[0].status"));

    ObjectNode badTime = fixture();
    ((ObjectNode) badTime.get("alerts").get(0)).put("startsAt", "yesterday");
    post(TestTokens.OPERATOR, badTime.toString())
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("alerts[0].startsAt"));

    post(TestTokens.OPERATOR, "{\"version\":\"4\",\"alerts\":[")
        .statusCode(400)
        .contentType("application/problem+json")
        .body("status", equalTo(400));
    post(TestTokens.OPERATOR, "").statusCode(400).contentType("application/problem+json");
  }

  private static ValidatableResponse post(String token, String body) {
    return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post(PATH).then();
  }

  /** The alert firing now with this name and {@code service} label. */
  private static String firingIdOf(String name, String service) {
    List<Map<String, Object>> firing =
        given()
            .auth()
            .oauth2(TestTokens.VIEWER)
            .queryParam("state", "FIRING")
            .queryParam("limit", 1000)
            .get("/alerts")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("$");
    List<String> ids =
        firing.stream()
            .filter(a -> name.equals(a.get("name")))
            .filter(a -> service.equals(((Map<?, ?>) a.get("labels")).get("service")))
            .map(a -> (String) a.get("id"))
            .toList();
    assertThat(ids).hasSize(1);
    return ids.get(0);
  }

  private static ObjectNode fixture() throws IOException {
    try (InputStream in =
        AlertmanagerWebhookTest.class.getResourceAsStream("/alertmanager/webhook-v4.json")) {
      return (ObjectNode) JSON.readTree(in);
    }
  }

  private static ObjectNode withStatus(ObjectNode body, String status, String endsAt) {
    body.put("status", status);
    for (JsonNode alert : body.get("alerts")) {
      ((ObjectNode) alert).put("status", status).put("endsAt", endsAt);
    }
    return body;
  }

  private static ObjectNode alert(
      String status,
      String name,
      String run,
      String severity,
      String runbookKey,
      String runbookUrl) {
    ObjectNode alert = JSON.createObjectNode().put("status", status);
    ObjectNode labels = alert.putObject("labels").put("alertname", name).put("run", run);
    if (severity != null) {
      labels.put("severity", severity);
    }
    ObjectNode annotations = alert.putObject("annotations").put("summary", name + " summary");
    if (runbookKey != null) {
      annotations.put(runbookKey, runbookUrl);
    }
    alert.put("startsAt", "2026-11-23T11:26:51Z").put("endsAt", "0001-01-01T00:00:00Z");
    return alert;
  }
}
