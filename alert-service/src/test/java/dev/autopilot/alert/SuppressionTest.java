package dev.autopilot.alert;

import static dev.autopilot.testing.KafkaTestClient.data;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import dev.autopilot.platform.event.Topics;
import dev.autopilot.testing.KafkaTestClient;
import dev.autopilot.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Suppressed alerts are recorded, never announced, and fire when the suppression ends: silences,
 * inhibition rules (src/test/resources/inhibit-rules.yml), maintenance windows, down dependencies.
 */
@QuarkusTest
@QuarkusTestResource(AlertServiceTestResource.class)
class SuppressionTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final KafkaTestClient kafka = KafkaTestClient.shared();

  @Test
  void silenceMutesMatchingAlertsUntilExpiredThenTheyFire() {
    String run = UUID.randomUUID().toString();
    String silence =
        given()
            .auth()
            .oauth2(TestTokens.OPERATOR)
            .contentType(ContentType.JSON)
            .body(
                "{\"matchers\":[{\"name\":\"run\",\"value\":\""
                    + run
                    + "\",\"isRegex\":false},{\"name\":\"alertname\",\"value\":\"Silenced.*\","
                    + "\"isRegex\":true},{\"name\":\"env\",\"value\":\"dev\",\"isEqual\":false}],"
                    + "\"endsAt\":\""
                    + Instant.now().plus(Duration.ofHours(1))
                    + "\",\"comment\":\"planned work\",\"createdBy\":\"someone else\"}")
            .post("/silences")
            .then()
            .statusCode(201)
            .body("status", equalTo("active"))
            .body("createdBy", equalTo("token:test-operator"))
            .extract()
            .path("id");

    String muted = TestAlerts.fire(Map.of("alertname", "SilencedDisk", "run", run, "env", "prod"));
    String dev = TestAlerts.fire(Map.of("alertname", "SilencedDisk2", "run", run, "env", "dev"));
    Map<String, Object> mutedAlert = TestAlerts.find("SilencedDisk", run);
    assertThat(mutedAlert.get("state")).isEqualTo("SUPPRESSED");
    assertThat(mutedAlert.get("suppressedReason")).isEqualTo("silence:" + silence);
    assertThat(TestAlerts.state(dev)).isEqualTo("FIRING");
    kafka.awaitEvent(Topics.ALERT_FIRED, "alertId", dev, WAIT);
    // Suppressed alerts do not block deploys.
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .get("/silences?status=active")
        .then()
        .statusCode(200)
        .body("id", hasItem(silence));
    // Every status filter, and none, answers (the unfiltered list once failed in SQL).
    for (String filter : new String[] {"", "?status=pending", "?status=expired"}) {
      given().auth().oauth2(TestTokens.VIEWER).get("/silences" + filter).then().statusCode(200);
    }
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .get("/silences")
        .then()
        .statusCode(200)
        .body("id", hasItem(silence));

    given().auth().oauth2(TestTokens.VIEWER).delete("/silences/" + silence).then().statusCode(403);
    given()
        .auth()
        .oauth2(TestTokens.OPERATOR)
        .delete("/silences/" + silence)
        .then()
        .statusCode(200)
        .body("status", equalTo("expired"));
    given()
        .auth()
        .oauth2(TestTokens.OPERATOR)
        .post("/silences/" + silence + "/expire")
        .then()
        .statusCode(409);
    Awaitility.await().atMost(WAIT).until(() -> "FIRING".equals(TestAlerts.state(muted)));
    kafka.awaitEvent(Topics.ALERT_FIRED, "alertId", muted, WAIT);
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .get("/alerts/" + muted + "/history")
        .then()
        .body("transitions.to", equalTo(java.util.List.of("SUPPRESSED", "FIRING")))
        .body("transitions[0].reason", startsWith("silence:"))
        .body("transitions[1].reason", equalTo("suppression ended"));
  }

  @Test
  void suppressedAlertThatResolvesIsNeverAnnounced() {
    String run = UUID.randomUUID().toString();
    createSilence("quiet", run);
    Map<String, String> labels = Map.of("alertname", "Quiet", "run", run, "quiet", run);
    String id = TestAlerts.fire(labels);
    assertThat(TestAlerts.state(id)).isEqualTo("SUPPRESSED");
    TestAlerts.post("resolved", labels);
    assertThat(TestAlerts.state(id)).isEqualTo("RESOLVED");
    // A marker alert of the same run is announced and resolved; the quiet one never is.
    Map<String, String> markerLabels = Map.of("alertname", "QuietMarker", "run", run);
    String marker = TestAlerts.fire(markerLabels);
    TestAlerts.post("resolved", markerLabels);
    for (String topic : new String[] {Topics.ALERT_FIRED, Topics.ALERT_RESOLVED}) {
      kafka.awaitEvent(topic, "alertId", marker, WAIT);
      assertThatThrownBy(
              () ->
                  kafka.awaitRecords(
                      topic,
                      r -> run.equals(data(r).path("labels").path("run").asText()),
                      2,
                      Duration.ofSeconds(3)))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("got 1");
    }
  }

  @Test
  void badSilencesAre400NamingTheMatcher() {
    String end = Instant.now().plus(Duration.ofHours(1)).toString();
    postSilence(
            "{\"matchers\":[{\"name\":\"service\",\"value\":\"api\"},"
                + "{\"name\":\"job\",\"value\":\"(unclosed\",\"isRegex\":true}],"
                + "\"endsAt\":\""
                + end
                + "\",\"comment\":\"c\"}")
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("matchers[1].value"))
        .body("errors[0].message", org.hamcrest.Matchers.containsString("(unclosed"));
    postSilence(
            "{\"matchers\":[{\"name\":\"service\",\"value\":\".*\",\"isRegex\":true}],"
                + "\"endsAt\":\""
                + end
                + "\",\"comment\":\"c\"}")
        .statusCode(400)
        .body("errors[0].field", equalTo("matchers"));
    postSilence(
            "{\"matchers\":[{\"name\":\"bad-name\",\"value\":\"x\"}],\"endsAt\":\""
                + end
                + "\",\"comment\":\"c\"}")
        .statusCode(400)
        .body("errors[0].field", equalTo("matchers[0].name"));
    postSilence("{\"matchers\":[],\"endsAt\":\"" + end + "\",\"comment\":\"c\"}")
        .statusCode(400)
        .body("errors.field", hasItem("matchers"));
    postSilence(
            "{\"matchers\":[{\"name\":\"a\",\"value\":\"x\"}],\"startsAt\":\""
                + end
                + "\",\"endsAt\":\""
                + Instant.now()
                + "\",\"comment\":\"c\"}")
        .statusCode(400)
        .body("errors[0].field", equalTo("endsAt"));
    postSilence("{\"matchers\":[{\"name\":\"a\",\"value\":\"x\"}],\"endsAt\":\"" + end + "\"}")
        .statusCode(400)
        .body("errors.field", hasItem("comment"));
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .contentType(ContentType.JSON)
        .body("{}")
        .post("/silences")
        .then()
        .statusCode(403);
    given().contentType(ContentType.JSON).body("{}").post("/silences").then().statusCode(401);
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .get("/silences/" + UUID.randomUUID())
        .then()
        .statusCode(404);
  }

  @Test
  void updateChangesAnActiveSilence() {
    String run = UUID.randomUUID().toString();
    String id = createSilence("run", run);
    given()
        .auth()
        .oauth2(TestTokens.OPERATOR)
        .contentType(ContentType.JSON)
        .body(
            "{\"matchers\":[{\"name\":\"run\",\"value\":\""
                + run
                + "\"}],\"endsAt\":\""
                + Instant.now().plus(Duration.ofHours(3))
                + "\",\"comment\":\"longer\"}")
        .put("/silences/" + id)
        .then()
        .statusCode(200)
        .body("comment", equalTo("longer"));
  }

  @Test
  void inhibitionRuleMutesTargetsWithEqualLabelsWhileTheSourceFires() {
    String run = UUID.randomUUID().toString();
    Map<String, String> source =
        Map.of("alertname", "InhibitSource", "run", run, "severity", "critical", "cluster", "eu");
    TestAlerts.fire(source);
    String sourceId = TestAlerts.only("InhibitSource", run);
    String target =
        TestAlerts.fire(Map.of("alertname", "InhibitTarget", "run", run, "cluster", "eu"));
    String otherCluster =
        TestAlerts.fire(Map.of("alertname", "InhibitTarget", "run", run + "-us", "cluster", "us"));
    assertThat(TestAlerts.find("InhibitTarget", run).get("suppressedReason"))
        .isEqualTo("inhibited-by:" + sourceId);
    assertThat(TestAlerts.state(otherCluster)).isEqualTo("FIRING");

    TestAlerts.post("resolved", source);
    Awaitility.await().atMost(WAIT).until(() -> "FIRING".equals(TestAlerts.state(target)));
    kafka.awaitEvent(Topics.ALERT_FIRED, "alertId", target, WAIT);
  }

  @Test
  void maintenanceWindowMutesItsServicesUntilItEnds() {
    String service = "svc-" + UUID.randomUUID().toString().substring(0, 8);
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
            + "\",\"other\"],\"environment\":\"prod\",\"endsAt\":\""
            + Instant.now().plus(Duration.ofHours(1))
            + "\"}");
    AtomicReference<String> run = new AtomicReference<>();
    Awaitility.await()
        .atMost(WAIT)
        .until(
            () -> {
              // Until the window is consumed, alerts fire: each attempt uses a fresh run.
              run.set(UUID.randomUUID().toString());
              TestAlerts.post(
                  "firing",
                  Map.of(
                      "alertname",
                      "MaintDown",
                      "run",
                      run.get(),
                      "service",
                      service,
                      "environment",
                      "prod"));
              return ("maintenance:" + window)
                  .equals(TestAlerts.find("MaintDown", run.get()).get("suppressedReason"));
            });
    String id = TestAlerts.find("MaintDown", run.get()).get("id").toString();
    String staging =
        TestAlerts.fire(
            Map.of(
                "alertname",
                "MaintDown2",
                "run",
                run.get(),
                "service",
                service,
                "environment",
                "staging"));
    assertThat(TestAlerts.state(staging)).isEqualTo("FIRING");

    kafka.sendCloudEvent(
        Topics.MAINTENANCE_ENDED,
        Topics.typeOf(Topics.MAINTENANCE_ENDED),
        "/deploy-service",
        window,
        "{\"windowId\":\"" + window + "\",\"services\":[\"" + service + "\"]}");
    Awaitility.await().atMost(WAIT).until(() -> "FIRING".equals(TestAlerts.state(id)));
    // First fired during the window, it is announced when the window ends: once (later sweeps
    // find it FIRING and announce nothing more), and never as suppressed (it was not announced).
    kafka.awaitEvent(Topics.ALERT_FIRED, "alertId", id, WAIT);
    assertThatThrownBy(
            () ->
                kafka.awaitRecords(
                    Topics.ALERT_FIRED,
                    KafkaTestClient.where("alertId", id),
                    2,
                    Duration.ofSeconds(3)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("got 1");
    assertThatThrownBy(
            () ->
                kafka.awaitRecords(
                    Topics.ALERT_SUPPRESSED,
                    KafkaTestClient.where("alertId", id),
                    1,
                    Duration.ofSeconds(1)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("got 0");
  }

  private static String createSilence(String label, String value) {
    return postSilence(
            "{\"matchers\":[{\"name\":\""
                + label
                + "\",\"value\":\""
                + value
                + "\"}],\"endsAt\":\""
                + Instant.now().plus(Duration.ofHours(1))
                + "\",\"comment\":\"test\"}")
        .statusCode(201)
        .extract()
        .path("id");
  }

  private static io.restassured.response.ValidatableResponse postSilence(String body) {
    return given()
        .auth()
        .oauth2(TestTokens.OPERATOR)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/silences")
        .then();
  }
}
