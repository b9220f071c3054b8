package dev.autopilot.alert.robust;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autopilot.alert.AlertServiceTestResource;
import dev.autopilot.alert.rule.source.SampleStore;
import dev.autopilot.platform.consume.EventConsumer;
import dev.autopilot.platform.event.Topics;
import dev.autopilot.testing.KafkaTestClient;
import dev.autopilot.testing.SharedStack;
import dev.autopilot.testing.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL unreachable (the application's connections go through a {@link DatabaseSwitch} the
 * test cuts; the shared server itself keeps serving other tests): HTTP answers 503 problem+json
 * with Retry-After, the samples consumer waits instead of stopping, and both recover.
 */
@QuarkusTest
@QuarkusTestResource(AlertServiceTestResource.class)
@TestProfile(DatabaseOutageTest.BehindSwitch.class)
class DatabaseOutageTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final KafkaTestClient kafka = KafkaTestClient.shared();

  /** The datasource goes through the switch. */
  public static class BehindSwitch implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      int port = DatabaseSwitch.port(SharedStack.get().postgresPort());
      return Map.of(
          // Above the test resource's own datasource URL (test resources otherwise win).
          "config_ordinal", "1000",
          "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + port + "/alert",
          "quarkus.datasource.jdbc.acquisition-timeout", "2s");
    }
  }

  @Inject MeterRegistry registry;
  @Inject SampleStore samples;

  @AfterEach
  void restore() {
    DatabaseSwitch.restore();
  }

  @Test
  void requestsAre503WithRetryAfterWhileTheDatabaseIsDownThenServedAgain() {
    given().auth().oauth2(TestTokens.VIEWER).get("/alerts").then().statusCode(200);
    DatabaseSwitch.cut();

    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .get("/alerts")
        .then()
        .statusCode(503)
        .contentType("application/problem+json")
        .header("Retry-After", "5")
        .body("status", equalTo(503))
        .body("title", equalTo("Service Unavailable"));
    String alert =
        "{\"version\":\"4\",\"status\":\"firing\",\"receiver\":\"t\",\"alerts\":[{\"status\":"
            + "\"firing\",\"labels\":{\"alertname\":\"DatabaseOutage\",\"run\":\""
            + UUID.randomUUID()
            + "\"},\"annotations\":{\"summary\":\"s\"},\"startsAt\":\"2026-11-23T11:26:51Z\","
            + "\"endsAt\":\"0001-01-01T00:00:00Z\"}]}";
    given()
        .auth()
        .oauth2(TestTokens.OPERATOR)
        .contentType(ContentType.JSON)
        .body(alert)
        .post("/webhooks/alertmanager")
        .then()
        .statusCode(503)
        .contentType("application/problem+json")
        .header("Retry-After", "5");
    // The process is fine: liveness stays up, only readiness reports the database.
    given().get("/q/health/live").then().statusCode(200);

    DatabaseSwitch.restore();
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                given()
                    .auth()
                    .oauth2(TestTokens.OPERATOR)
                    .contentType(ContentType.JSON)
                    .body(alert)
                    .post("/webhooks/alertmanager")
                    .then()
                    .statusCode(200));
  }

  @Test
  void samplesConsumerWaitsForTheDatabaseThenDeadLettersTheBadRecordAndGoesOn() {
    String marker = "outage-" + UUID.randomUUID();
    double waitedBefore = waited();
    int seriesBefore = samples.size();
    DatabaseSwitch.cut();

    // A bad record needs the database (its dead letter); the consumer must wait, not stop.
    kafka.send(Topics.METRICS_SAMPLES, marker, "{not json " + marker, Map.of());
    await().atMost(WAIT).until(() -> waited() > waitedBefore);
    kafka.send(
        Topics.METRICS_SAMPLES,
        marker,
        "{\"samples\":[{\"name\":\"robust_outage\",\"labels\":{\"run\":\""
            + marker
            + "\"},\"value\":1,\"timestamp\":\""
            + Instant.now()
            + "\"}]}",
        Map.of());

    DatabaseSwitch.restore();
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              List<JsonNode> letters =
                  DeadLetterApi.list(Topics.METRICS_SAMPLES).stream()
                      .filter(l -> marker.equals(l.path("key").asText()))
                      .toList();
              assertThat(letters).hasSize(1);
              assertThat(letters.get(0).path("consumer").asText())
                  .isEqualTo("alert-service/" + Topics.METRICS_SAMPLES);
            });
    // The record after it on the same partition was taken too.
    await().atMost(WAIT).until(() -> samples.size() > seriesBefore);
  }

  private double waited() {
    var counter =
        registry
            .find("autopilot.events.consumed")
            .tags("topic", Topics.METRICS_SAMPLES, "outcome", EventConsumer.WAITING)
            .counter();
    return counter == null ? 0 : counter.count();
  }
}
