package dev.autopilot.alert;

import static dev.autopilot.testing.KafkaTestClient.where;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import dev.autopilot.platform.event.Topics;
import dev.autopilot.testing.KafkaTestClient;
import dev.autopilot.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Muting applies to alerts that are already active, as in Alertmanager: a silence (or maintenance
 * window) that starts while an alert fires suppresses it; when it ends, the alert fires again
 * ({@code alert.fired}) or, if someone had acknowledged it, goes back to ACKNOWLEDGED.
 */
@QuarkusTest
@QuarkusTestResource(AlertServiceTestResource.class)
class LiveMutingTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final KafkaTestClient kafka = KafkaTestClient.shared();

  @Test
  void silenceCreatedWhileFiringMutesAtOnceAndExpiringItFiresAgain() {
    String run = UUID.randomUUID().toString();
    String firing = TestAlerts.fire(Map.of("alertname", "LiveSilenced", "run", run));
    String acked = TestAlerts.fire(Map.of("alertname", "LiveAcked", "run", run));
    String other = TestAlerts.fire(Map.of("alertname", "LiveOther", "run", run, "keep", "yes"));
    kafka.awaitEvent(Topics.ALERT_FIRED, "alertId", firing, WAIT);
    given()
        .auth()
        .oauth2(TestTokens.OPERATOR)
        .post("/alerts/" + acked + "/ack")
        .then()
        .statusCode(200);

    String silence =
        createSilence(
            "{\"name\":\"run\",\"value\":\""
                + run
                + "\"},"
                + "{\"name\":\"keep\",\"value\":\"yes\",\"isEqual\":false}",
            null);

    // In the same request: no waiting for a recheck.
    assertThat(TestAlerts.state(firing)).isEqualTo("SUPPRESSED");
    assertThat(TestAlerts.state(acked)).isEqualTo("SUPPRESSED");
    assertThat(TestAlerts.state(other)).isEqualTo("FIRING");
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .get("/alerts/" + firing + "/history")
        .then()
        .body("alert.suppressedReason", equalTo("silence:" + silence))
        .body("transitions.to", equalTo(List.of("FIRING", "SUPPRESSED")))
        .body("transitions[1].from", equalTo("FIRING"))
        .body("transitions[1].actor", equalTo("token:test-operator"))
        .body("transitions[1].reason", equalTo("silence:" + silence));

    given()
        .auth()
        .oauth2(TestTokens.OPERATOR)
        .delete("/silences/" + silence)
        .then()
        .statusCode(200);

    // Released in the same request: the unacknowledged one fires again and is announced again,
    // the acknowledged one goes back to its owner without a new alert.fired.
    assertThat(TestAlerts.state(firing)).isEqualTo("FIRING");
    assertThat(TestAlerts.state(acked)).isEqualTo("ACKNOWLEDGED");
    kafka.awaitRecords(Topics.ALERT_FIRED, where("alertId", firing), 2, WAIT);
    assertThatThrownBy(
            () ->
                kafka.awaitRecords(
                    Topics.ALERT_FIRED, where("alertId", acked), 2, Duration.ofSeconds(3)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("got 1");
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .get("/alerts/" + acked + "/history")
        .then()
        .body("alert.acknowledgedBy", equalTo("token:test-operator"))
        .body(
            "transitions.to",
            equalTo(List.of("FIRING", "ACKNOWLEDGED", "SUPPRESSED", "ACKNOWLEDGED")))
        .body("transitions[3].reason", equalTo("suppression ended"))
        .body("transitions[3].actor", equalTo("token:test-operator"));
  }

  @Test
  void muting_an_announced_alert_announces_alert_suppressed_once_with_the_reason() {
    String run = UUID.randomUUID().toString();
    String firing = TestAlerts.fire(Map.of("alertname", "LiveSuppressedEvent", "run", run));
    String acked = TestAlerts.fire(Map.of("alertname", "LiveSuppressedAcked", "run", run));
    kafka.awaitEvent(Topics.ALERT_FIRED, "alertId", firing, WAIT);
    given()
        .auth()
        .oauth2(TestTokens.OPERATOR)
        .post("/alerts/" + acked + "/ack")
        .then()
        .statusCode(200);

    String silence = createSilence("{\"name\":\"run\",\"value\":\"" + run + "\"}", null);

    var event =
        KafkaTestClient.data(
            kafka.awaitRecords(Topics.ALERT_SUPPRESSED, where("alertId", firing), 1, WAIT).get(0));
    assertThat(event.get("reason").asText()).isEqualTo("silence:" + silence);
    assertThat(event.get("previousState").asText()).isEqualTo("FIRING");
    assertThat(event.get("name").asText()).isEqualTo("LiveSuppressedEvent");
    assertThat(event.get("labels").get("run").asText()).isEqualTo(run);
    assertThat(event.get("fingerprint").asText()).isNotBlank();
    assertThat(event.get("at").asText()).isNotBlank();
    assertThat(
            KafkaTestClient.data(
                    kafka
                        .awaitRecords(Topics.ALERT_SUPPRESSED, where("alertId", acked), 1, WAIT)
                        .get(0))
                .get("previousState")
                .asText())
        .isEqualTo("ACKNOWLEDGED");
    // Several rechecks (every second in tests) and a second silence over it: still one event.
    String second = createSilence("{\"name\":\"run\",\"value\":\"" + run + "\"}", null);
    assertThatThrownBy(
            () ->
                kafka.awaitRecords(
                    Topics.ALERT_SUPPRESSED, where("alertId", firing), 2, Duration.ofSeconds(4)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("got 1");

    // Released: alert.fired again (notification-service escalates it again); muted once more, it
    // is announced once more.
    for (String id : List.of(silence, second)) {
      given().auth().oauth2(TestTokens.OPERATOR).delete("/silences/" + id).then().statusCode(200);
    }
    assertThat(TestAlerts.state(firing)).isEqualTo("FIRING");
    kafka.awaitRecords(Topics.ALERT_FIRED, where("alertId", firing), 2, WAIT);
    String third = createSilence("{\"name\":\"run\",\"value\":\"" + run + "\"}", null);
    var again =
        KafkaTestClient.data(
            kafka.awaitRecords(Topics.ALERT_SUPPRESSED, where("alertId", firing), 2, WAIT).get(1));
    assertThat(again.get("reason").asText()).isEqualTo("silence:" + third);
  }

  @Test
  void alertAnnouncedThenMutedStillAnnouncesItsResolution() {
    String run = UUID.randomUUID().toString();
    Map<String, String> labels = Map.of("alertname", "LiveMutedResolves", "run", run);
    String id = TestAlerts.fire(labels);
    createSilence("{\"name\":\"run\",\"value\":\"" + run + "\"}", null);
    assertThat(TestAlerts.state(id)).isEqualTo("SUPPRESSED");
    TestAlerts.post("resolved", labels);
    assertThat(TestAlerts.state(id)).isEqualTo("RESOLVED");
    // notification-service was told it fired, so it is told it ended (pages and escalations close).
    kafka.awaitEvent(Topics.ALERT_RESOLVED, "alertId", id, WAIT);
  }

  @Test
  void changingASilenceSoItNoLongerMatchesReleasesItsAlerts() {
    String run = UUID.randomUUID().toString();
    String a = TestAlerts.fire(Map.of("alertname", "LiveChangedA", "run", run, "team", "a"));
    String b = TestAlerts.fire(Map.of("alertname", "LiveChangedB", "run", run, "team", "b"));
    String silence =
        createSilence(
            "{\"name\":\"run\",\"value\":\"" + run + "\"},{\"name\":\"team\",\"value\":\"a\"}",
            null);
    assertThat(TestAlerts.state(a)).isEqualTo("SUPPRESSED");
    assertThat(TestAlerts.state(b)).isEqualTo("FIRING");
    given()
        .auth()
        .oauth2(TestTokens.OPERATOR)
        .contentType(ContentType.JSON)
        .body(
            "{\"matchers\":[{\"name\":\"run\",\"value\":\""
                + run
                + "\"},{\"name\":\"team\",\"value\":\"b\"}],\"endsAt\":\""
                + Instant.now().plus(Duration.ofHours(1))
                + "\",\"comment\":\"other team\"}")
        .put("/silences/" + silence)
        .then()
        .statusCode(200);
    assertThat(TestAlerts.state(a)).isEqualTo("FIRING");
    assertThat(TestAlerts.state(b)).isEqualTo("SUPPRESSED");
  }

  @Test
  void silenceThatStartsLaterMutesFiringAlertsWhenItStarts() {
    String run = UUID.randomUUID().toString();
    String id = TestAlerts.fire(Map.of("alertname", "LiveLater", "run", run));
    // Far enough ahead that a slow (loaded) machine still reads the state before it starts.
    Instant startsAt = Instant.now().plusSeconds(10);
    String silence = createSilence("{\"name\":\"run\",\"value\":\"" + run + "\"}", startsAt);
    String before = TestAlerts.state(id);
    if (Instant.now().isBefore(startsAt)) {
      assertThat(before).isEqualTo("FIRING");
    }
    Awaitility.await().atMost(WAIT).until(() -> "SUPPRESSED".equals(TestAlerts.state(id)));
    assertThat(TestAlerts.find("LiveLater", run).get("suppressedReason"))
        .isEqualTo("silence:" + silence);
  }

  @Test
  void maintenanceWindowStartedWhileFiringMutesTheServiceUntilItEnds() {
    String service = "live-" + UUID.randomUUID().toString().substring(0, 8);
    String run = UUID.randomUUID().toString();
    String id =
        TestAlerts.fire(
            Map.of(
                "alertname", "LiveMaint", "run", run, "service", service, "environment", "prod"));
    String window = UUID.randomUUID().toString();
    kafka.sendCloudEvent(
        Topics.MAINTENANCE_STARTED,
        Topics.typeOf(Topics.MAINTENANCE_STARTED),
        "/deploy-service",
        window,
        "{\"windowId\":\""
            + window
            + "\",\"services\":[\""
            + service
            + "\"],\"environment\":\"prod\",\"endsAt\":\""
            + Instant.now().plus(Duration.ofHours(1))
            + "\"}");
    Awaitility.await().atMost(WAIT).until(() -> "SUPPRESSED".equals(TestAlerts.state(id)));
    assertThat(TestAlerts.find("LiveMaint", run).get("suppressedReason"))
        .isEqualTo("maintenance:" + window);
    kafka.sendCloudEvent(
        Topics.MAINTENANCE_ENDED,
        Topics.typeOf(Topics.MAINTENANCE_ENDED),
        "/deploy-service",
        window,
        "{\"windowId\":\"" + window + "\",\"services\":[\"" + service + "\"]}");
    Awaitility.await().atMost(WAIT).until(() -> "FIRING".equals(TestAlerts.state(id)));
    kafka.awaitRecords(Topics.ALERT_FIRED, where("alertId", id), 2, WAIT);
  }

  private static String createSilence(String matchers, Instant startsAt) {
    return given()
        .auth()
        .oauth2(TestTokens.OPERATOR)
        .contentType(ContentType.JSON)
        .body(
            "{\"matchers\":["
                + matchers
                + "],"
                + (startsAt == null ? "" : "\"startsAt\":\"" + startsAt + "\",")
                + "\"endsAt\":\""
                + Instant.now().plus(Duration.ofHours(1))
                + "\",\"comment\":\"live\"}")
        .post("/silences")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }
}
