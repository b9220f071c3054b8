package dev.autopilot.alert;

import static dev.autopilot.testing.KafkaTestClient.data;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

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
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * A webhook of many new alerts is opened as one batch (AlertOpener) and a webhook of many ended
 * ones resolved as one (AlertLifecycle.resolveAll): every alert still gets its own state, muting
 * reason, history row and event, exactly as if they had come one by one.
 */
@QuarkusTest
@QuarkusTestResource(AlertServiceTestResource.class)
class WebhookBatchTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int COUNT = 50;
  private static final KafkaTestClient kafka = KafkaTestClient.shared();

  @Test
  void fiftyNewAlertsOpenTogetherEachMutedOrAnnouncedOnItsOwnThenResolveTogether() {
    String run = UUID.randomUUID().toString();
    // Silence the odd ones only.
    String silence =
        given()
            .auth()
            .oauth2(TestTokens.OPERATOR)
            .contentType(ContentType.JSON)
            .body(
                "{\"matchers\":[{\"name\":\"run\",\"value\":\""
                    + run
                    + "\",\"isRegex\":false},{\"name\":\"parity\",\"value\":\"odd\","
                    + "\"isRegex\":false}],\"endsAt\":\""
                    + Instant.now().plus(Duration.ofHours(1))
                    + "\",\"comment\":\"batch test\"}")
            .post("/silences")
            .then()
            .statusCode(201)
            .extract()
            .path("id");

    post(webhook("firing", run, COUNT))
        .statusCode(200)
        .body("fired", equalTo(COUNT))
        .body("resolved", equalTo(0))
        .body("unchanged", equalTo(0));

    Map<String, Map<String, Object>> byIndex = alertsOf(run);
    assertThat(byIndex).hasSize(COUNT);
    for (int i = 0; i < COUNT; i++) {
      Map<String, Object> a = byIndex.get(String.valueOf(i));
      if (i % 2 == 1) {
        assertThat(a.get("state")).as("alert %d", i).isEqualTo("SUPPRESSED");
        assertThat(a.get("suppressedReason")).isEqualTo("silence:" + silence);
      } else {
        assertThat(a.get("state")).as("alert %d", i).isEqualTo("FIRING");
        assertThat(a.get("suppressedReason")).isNull();
      }
      assertThat(a.get("severity")).isEqualTo("P1");
      assertThat((String) a.get("startsAt")).startsWith("2026-11-23T11:26:51");
    }
    // Each alert has its first history row, with the reason it was muted.
    String odd = (String) byIndex.get("1").get("id");
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .get("/alerts/" + odd + "/history")
        .then()
        .statusCode(200)
        .body("transitions.size()", equalTo(1))
        .body("transitions[0].to", equalTo("SUPPRESSED"))
        .body("transitions[0].reason", equalTo("silence:" + silence))
        .body("transitions[0].actor", equalTo("alertmanager"));

    // Exactly the 25 unmuted ones are announced, each once, with its own id.
    List<ConsumerRecord<String, byte[]>> fired =
        kafka.awaitRecords(Topics.ALERT_FIRED, inRun(run), COUNT / 2, WAIT);
    assertThat(fired.stream().map(r -> data(r).get("alertId").asText()).distinct())
        .containsExactlyInAnyOrderElementsOf(
            byIndex.values().stream()
                .filter(a -> "FIRING".equals(a.get("state")))
                .map(a -> (String) a.get("id"))
                .toList());

    // A repeated delivery changes nothing.
    post(webhook("firing", run, COUNT)).statusCode(200).body("unchanged", equalTo(COUNT));

    post(webhook("resolved", run, COUNT))
        .statusCode(200)
        .body("fired", equalTo(0))
        .body("resolved", equalTo(COUNT));
    Map<String, Map<String, Object>> done = alertsOf(run);
    assertThat(done.values()).allSatisfy(a -> assertThat(a.get("state")).isEqualTo("RESOLVED"));
    assertThat(done.values())
        .allSatisfy(a -> assertThat((String) a.get("endsAt")).startsWith("2026-11-23T11:36:51"));
    // Only announced alerts are announced as resolved.
    List<ConsumerRecord<String, byte[]>> resolved =
        kafka.awaitRecords(Topics.ALERT_RESOLVED, inRun(run), COUNT / 2, WAIT);
    assertThat(resolved.stream().map(r -> data(r).get("alertId").asText()).distinct())
        .hasSize(COUNT / 2);
    post(webhook("resolved", run, COUNT)).statusCode(200).body("unchanged", equalTo(COUNT));
  }

  @Test
  void aSourceLaterInTheSameWebhookInhibitsItsTarget() {
    String run = UUID.randomUUID().toString();
    String rule =
        given()
            .auth()
            .oauth2(TestTokens.OPERATOR)
            .contentType(ContentType.JSON)
            .body(
                "{\"source_matchers\":[\"alertname=BatchRoot\",\"run=\\\""
                    + run
                    + "\\\"\"],\"target_matchers\":[\"alertname=BatchLeaf\"],\"equal\":[\"run\"]}")
            .post("/inhibit-rules")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    try {
      ObjectNode body = envelope("firing");
      ArrayNode alerts = body.putArray("alerts");
      alerts.add(alert("firing", Map.of("alertname", "BatchLeaf", "run", run)));
      alerts.add(alert("firing", Map.of("alertname", "BatchRoot", "run", run)));
      post(body).statusCode(200).body("fired", equalTo(2));

      String root = TestAlerts.only("BatchRoot", run);
      Map<String, Object> leaf = TestAlerts.find("BatchLeaf", run);
      assertThat(leaf.get("state")).isEqualTo("SUPPRESSED");
      assertThat(leaf.get("suppressedReason")).isEqualTo("inhibited-by:" + root);
      assertThat(TestAlerts.state(root)).isEqualTo("FIRING");
    } finally {
      given()
          .auth()
          .oauth2(TestTokens.OPERATOR)
          .delete("/inhibit-rules/" + rule)
          .then()
          .statusCode(204);
    }
  }

  @Test
  void theLastWordOnAFingerprintInOneWebhookWins() {
    String run = UUID.randomUUID().toString();
    Map<String, String> labels = Map.of("alertname", "BatchFlap", "run", run);
    ObjectNode body = envelope("firing");
    ArrayNode alerts = body.putArray("alerts");
    alerts.add(alert("firing", labels));
    alerts.add(alert("firing", labels));
    post(body).statusCode(200).body("fired", equalTo(1)).body("unchanged", equalTo(1));
    String id = TestAlerts.only("BatchFlap", run);

    alerts.removeAll();
    alerts.add(alert("resolved", labels));
    alerts.add(alert("firing", labels));
    post(body).statusCode(200).body("resolved", equalTo(0)).body("unchanged", equalTo(2));
    assertThat(TestAlerts.state(id)).isEqualTo("FIRING");

    alerts.removeAll();
    alerts.add(alert("firing", labels));
    alerts.add(alert("resolved", labels));
    post(body).statusCode(200).body("resolved", equalTo(1));
    assertThat(TestAlerts.state(id)).isEqualTo("RESOLVED");
  }

  private static Predicate<ConsumerRecord<String, byte[]>> inRun(String run) {
    return r -> run.equals(data(r).path("labels").path("run").asText());
  }

  /** This run's alerts by their {@code i} label. */
  private static Map<String, Map<String, Object>> alertsOf(String run) {
    List<Map<String, Object>> all =
        given()
            .auth()
            .oauth2(TestTokens.VIEWER)
            .queryParam("name", "BatchAlert")
            .queryParam("limit", 1000)
            .get("/alerts")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("$");
    return all.stream()
        .filter(a -> run.equals(((Map<?, ?>) a.get("labels")).get("run")))
        .collect(Collectors.toMap(a -> (String) ((Map<?, ?>) a.get("labels")).get("i"), a -> a));
  }

  private static ObjectNode webhook(String status, String run, int count) {
    ObjectNode body = envelope(status);
    ArrayNode alerts = body.putArray("alerts");
    for (int i = 0; i < count; i++) {
      Map<String, String> labels = new HashMap<>();
      labels.put("alertname", "BatchAlert");
      labels.put("run", run);
      labels.put("i", String.valueOf(i));
      labels.put("parity", i % 2 == 0 ? "even" : "odd");
      labels.put("severity", "error");
      alerts.add(alert(status, labels));
    }
    return body;
  }

  private static ObjectNode envelope(String status) {
    return JSON.createObjectNode().put("version", "4").put("status", status).put("receiver", "t");
  }

  private static ObjectNode alert(String status, Map<String, String> labels) {
    ObjectNode alert = JSON.createObjectNode().put("status", status);
    ObjectNode l = alert.putObject("labels");
    labels.forEach(l::put);
    alert.putObject("annotations").put("summary", labels.get("alertname") + " summary");
    alert.put("startsAt", "2026-11-23T11:26:51Z");
    alert.put("endsAt", status.equals("firing") ? "0001-01-01T00:00:00Z" : "2026-11-23T11:36:51Z");
    return alert;
  }

  private static ValidatableResponse post(ObjectNode body) {
    return given()
        .auth()
        .oauth2(TestTokens.OPERATOR)
        .contentType(ContentType.JSON)
        .body(body.toString())
        .post("/webhooks/alertmanager")
        .then();
  }
}
