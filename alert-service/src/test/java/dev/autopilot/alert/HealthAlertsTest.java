package dev.autopilot.alert;

import static dev.autopilot.testing.KafkaTestClient.data;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autopilot.platform.dlq.DeadLetterHeaders;
import dev.autopilot.platform.event.Topics;
import dev.autopilot.testing.KafkaTestClient;
import dev.autopilot.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** health.degraded → one alert + alert.fired; redelivery changes nothing; recovery resolves it. */
@QuarkusTest
@QuarkusTestResource(AlertServiceTestResource.class)
class HealthAlertsTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final KafkaTestClient kafka = KafkaTestClient.shared();

  @Test
  void degradedFiresOnceAndRecoveredResolves() throws Exception {
    String target = "api-ready-" + UUID.randomUUID();
    String degraded =
        "{\"targetId\":\""
            + target
            + "\",\"service\":\"api\",\"environment\":\"prod\","
            + "\"status\":\"DOWN\",\"reason\":\"connection refused\",\"consecutiveFailures\":3,"
            + "\"since\":\"2026-11-23T10:00:00Z\",\"someFutureField\":true}";
    Map<String, String> headers =
        Map.of(
            "ce_specversion",
            "1.0",
            "ce_id",
            UUID.randomUUID().toString(),
            "ce_source",
            "/health-service",
            "ce_type",
            Topics.typeOf(Topics.HEALTH_DEGRADED),
            "ce_subject",
            target,
            "content-type",
            "application/json");
    // The same event twice (redelivery) and a second event for the same target.
    kafka.send(Topics.HEALTH_DEGRADED, target, degraded, headers);
    kafka.send(Topics.HEALTH_DEGRADED, target, degraded, headers);
    kafka.sendCloudEvent(
        Topics.HEALTH_DEGRADED,
        Topics.typeOf(Topics.HEALTH_DEGRADED),
        "/health-service",
        target,
        degraded);

    List<ConsumerRecord<String, byte[]>> fired =
        kafka.awaitRecords(
            Topics.ALERT_FIRED,
            r -> data(r).path("labels").path("target").asText().equals(target),
            1,
            WAIT);
    JsonNode alert = data(fired.get(0));
    String alertId = alert.get("alertId").asText();
    assertThat(alert.get("severity").asText()).isEqualTo("P1");
    assertThat(KafkaTestClient.headerValue(fired.get(0), "ce_type"))
        .isEqualTo("dev.autopilot.alert.fired.v1");
    assertThat(KafkaTestClient.headerValue(fired.get(0), "ce_source")).isEqualTo("/alert-service");
    assertThat(fired.get(0).key()).isEqualTo(alertId);

    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .get("/alerts/" + alertId)
        .then()
        .statusCode(200)
        .body("state", equalTo("FIRING"));
    // Exactly one alert for that target, whatever the redeliveries.
    Awaitility.await()
        .during(Duration.ofSeconds(2))
        .atMost(WAIT)
        .until(() -> countFor(target) == 1);

    kafka.sendCloudEvent(
        Topics.HEALTH_RECOVERED,
        Topics.typeOf(Topics.HEALTH_RECOVERED),
        "/health-service",
        target,
        "{\"targetId\":\""
            + target
            + "\",\"service\":\"api\",\"environment\":\"prod\",\"downSeconds\":42}");
    kafka.awaitEvent(Topics.ALERT_RESOLVED, "alertId", alertId, WAIT);
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .get("/alerts/" + alertId)
        .then()
        .statusCode(200)
        .body("state", equalTo("RESOLVED"));
  }

  @Test
  void invalidRecordGoesToDeadLetterTopicAndNextRecordIsProcessed() throws Exception {
    String bad = "bad-" + UUID.randomUUID();
    kafka.sendCloudEvent(
        Topics.HEALTH_DEGRADED,
        Topics.typeOf(Topics.HEALTH_DEGRADED),
        "/health-service",
        bad,
        "{\"service\":\"api\",\"status\":\"DOWN\"}");
    kafka.send(Topics.HEALTH_DEGRADED, bad, "{not json", Map.of());
    String good = "good-" + UUID.randomUUID();
    kafka.sendCloudEvent(
        Topics.HEALTH_DEGRADED,
        Topics.typeOf(Topics.HEALTH_DEGRADED),
        "/health-service",
        good,
        "{\"targetId\":\"" + good + "\",\"status\":\"DEGRADED\"}");

    List<ConsumerRecord<String, byte[]>> dead =
        kafka.awaitRecords(Topics.dlqOf(Topics.HEALTH_DEGRADED), r -> bad.equals(r.key()), 2, WAIT);
    assertThat(dead)
        .extracting(r -> KafkaTestClient.headerValue(r, DeadLetterHeaders.REASON))
        .anySatisfy(reason -> assertThat(reason).contains("targetId").contains("must not be blank"))
        .anySatisfy(reason -> assertThat(reason).contains("ce_specversion"));
    assertThat(dead)
        .allSatisfy(
            r -> {
              assertThat(KafkaTestClient.headerValue(r, DeadLetterHeaders.TOPIC))
                  .isEqualTo(Topics.HEALTH_DEGRADED);
              assertThat(KafkaTestClient.headerValue(r, DeadLetterHeaders.CONSUMER))
                  .isEqualTo("alert-service/health.degraded");
              assertThat(KafkaTestClient.headerValue(r, DeadLetterHeaders.OFFSET)).matches("\\d+");
            });
    kafka.awaitRecords(
        Topics.ALERT_FIRED,
        r -> data(r).path("labels").path("target").asText().equals(good),
        1,
        WAIT);

    // The admin API lists the dead letters with their reasons; replay re-publishes one.
    Number id =
        given()
            .auth()
            .oauth2(TestTokens.ADMIN)
            .queryParam("topic", Topics.HEALTH_DEGRADED)
            .get("/admin/dead-letters")
            .then()
            .statusCode(200)
            .extract()
            .path("find { it.key == '" + bad + "' && it.reason.contains('targetId') }.id");
    assertThat(id).isNotNull();
    given()
        .auth()
        .oauth2(TestTokens.OPERATOR)
        .post("/admin/dead-letters/" + id + "/replay")
        .then()
        .statusCode(403);
    given()
        .auth()
        .oauth2(TestTokens.ADMIN)
        .post("/admin/dead-letters/" + id + "/replay")
        .then()
        .statusCode(202);
    given()
        .auth()
        .oauth2(TestTokens.ADMIN)
        .get("/admin/dead-letters/" + id)
        .then()
        .statusCode(200)
        .body("replayedAt", org.hamcrest.Matchers.notNullValue());
  }

  private static long countFor(String target) {
    List<Map<String, Object>> all =
        given()
            .auth()
            .oauth2(TestTokens.VIEWER)
            .get("/alerts?limit=1000")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("$");
    return all.stream()
        .filter(a -> target.equals(((Map<?, ?>) a.get("labels")).get("target")))
        .count();
  }
}
