package dev.autopilot.notification;

import static dev.autopilot.notification.NotificationLog.WAIT;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autopilot.platform.event.Topics;
import dev.autopilot.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * alert.suppressed (alert-service muted an alert it had announced) against real Kafka and Postgres,
 * pages delivered to the local HTTP peer: the escalation stops (no further page) and starts again
 * when alert-service fires the alert again; an alert.fired older than the suppression is held; a
 * group member waiting for its group is dropped.
 */
@QuarkusTest
@TestProfile(ChannelsTest.Channels.class)
class AlertSuppressedTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TestEvents events = TestEvents.shared();
  private final HttpReceiver peer = HttpReceiver.shared();

  private static String summary(String what) {
    return what + " " + UUID.randomUUID().toString().substring(0, 8);
  }

  private static RecordMetadata suppress(String alertId, String reason, Instant at)
      throws Exception {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("alertId", alertId);
    data.put("fingerprint", "fp-" + alertId);
    data.put("name", "TargetUnhealthy");
    data.put("reason", reason);
    data.put("previousState", "FIRING");
    data.put("at", at.toString());
    String id = UUID.randomUUID().toString();
    return events.send(Topics.ALERT_SUPPRESSED, id, alertId, JSON.writeValueAsString(data), at);
  }

  private static Map<String, Object> escalation(String alertId) {
    List<Map<String, Object>> rows =
        given()
            .auth()
            .oauth2(TestTokens.VIEWER)
            .queryParam("alertId", alertId)
            .get("/escalations")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("$");
    assertThat(rows).hasSize(1);
    return rows.get(0);
  }

  @Test
  void aSilenceOfAFiringAlertStopsItsEscalationUntilTheAlertFiresAgain() throws Exception {
    String summary = summary("Silenced while escalating");
    String alertId = UUID.randomUUID().toString();
    String json = ChannelsTest.alert(alertId, "fp-" + alertId, "P3", summary, "escalate");
    events.send(Topics.ALERT_FIRED, alertId, json);
    // Level 1 pages at once; level 2 (the lead) would page 6 s later (P3's ack deadline here).
    peer.await("/page/bob", summary, 1, WAIT);

    String silence = "silence:" + UUID.randomUUID();
    TestEvents.awaitConsumed(suppress(alertId, silence, Instant.now()), WAIT);

    Map<String, Object> stopped = escalation(alertId);
    assertThat(stopped).containsEntry("state", "SUPPRESSED").containsEntry("paged", 1);
    assertThat((String) stopped.get("stopReason"))
        .startsWith("suppressed: " + silence + " (alert.suppressed ");
    Awaitility.await()
        .during(Duration.ofSeconds(8))
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                peer.matching("/page/lead", summary).isEmpty()
                    && peer.matching("/page/bob", summary).size() == 1);

    // The silence ended while the alert still fires: alert-service announces it again, and the
    // escalation starts again from its first level.
    events.send(Topics.ALERT_FIRED, alertId, json);
    peer.await("/page/bob", summary, 2, WAIT);
    assertThat(escalation(alertId).get("state")).isIn("ACTIVE", "EXHAUSTED");
    assertThat(escalation(alertId).get("stopReason")).isNull();
    peer.await("/page/lead", summary, 1, WAIT);
    Awaitility.await()
        .atMost(WAIT)
        .until(() -> "EXHAUSTED".equals(escalation(alertId).get("state")));
    // paged counts every page of the alert: level 1, then level 1 and 2 again.
    assertThat(escalation(alertId)).containsEntry("paged", 3);
  }

  @Test
  void anAlertFiredOlderThanTheSuppressionIsHeldNotPaged() throws Exception {
    String summary = summary("Fired before its silence");
    String alertId = UUID.randomUUID().toString();
    Instant firedAt = Instant.now().minusSeconds(5);
    String silence = "silence:" + UUID.randomUUID();
    // The suppression is read first, the firing it muted after it (two topics, no order).
    TestEvents.awaitConsumed(suppress(alertId, silence, Instant.now()), WAIT);
    String fireId = UUID.randomUUID().toString();
    events.send(
        Topics.ALERT_FIRED,
        fireId,
        alertId,
        ChannelsTest.alert(alertId, "fp-" + alertId, "P1", summary, "escalate"),
        firedAt);

    List<Map<String, Object>> held = NotificationLog.await(fireId, 1, "MUTED");
    assertThat((String) held.get(0).get("lastError"))
        .startsWith("suppressed: " + silence + " (alert.suppressed ");
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .queryParam("alertId", alertId)
        .get("/escalations")
        .then()
        .statusCode(200)
        .body("size()", org.hamcrest.Matchers.equalTo(0));
    assertThat(peer.matching("/page/bob", summary)).isEmpty();
  }

  @Test
  void aSuppressionDropsTheAlertFromTheGroupItWaitsIn() throws Exception {
    String service = "svc-" + UUID.randomUUID().toString().substring(0, 8);
    String muted = UUID.randomUUID().toString();
    String kept = UUID.randomUUID().toString();
    List<RecordMetadata> fired = new java.util.ArrayList<>();
    for (String id : List.of(muted, kept)) {
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("alertId", id);
      data.put("fingerprint", "fp-" + id);
      data.put("name", "TargetUnhealthy");
      data.put("severity", "P2");
      data.put("labels", Map.of("case", "grouped", "service", service));
      data.put("annotations", Map.of("summary", service + (id.equals(muted) ? " muted" : " kept")));
      fired.add(
          events.send(
              Topics.ALERT_FIRED, UUID.randomUUID().toString(), id, JSON.writeValueAsString(data)));
    }
    for (RecordMetadata record : fired) {
      TestEvents.awaitConsumed(record, WAIT);
    }
    // group_wait is 3 s: the suppression arrives while both wait in the group.
    TestEvents.awaitConsumed(
        suppress(muted, "maintenance:" + UUID.randomUUID(), Instant.now()), WAIT);

    HttpReceiver.Request told = peer.await("/grouped", service, 1, WAIT).get(0);
    assertThat(told.body()).contains(service + " kept").doesNotContain(service + " muted");
    Awaitility.await()
        .during(Duration.ofSeconds(4))
        .atMost(Duration.ofSeconds(6))
        .until(() -> peer.matching("/grouped", service).size() == 1);
  }
}
