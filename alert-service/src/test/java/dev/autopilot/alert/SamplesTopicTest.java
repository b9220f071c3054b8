package dev.autopilot.alert;

import static dev.autopilot.testing.KafkaTestClient.data;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autopilot.platform.dlq.DeadLetterHeaders;
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
import org.junit.jupiter.api.Test;

/**
 * Samples on the metrics.samples topic (plain JSON, as outside systems send) feed samples rules.
 */
@QuarkusTest
@QuarkusTestResource(AlertServiceTestResource.class)
class SamplesTopicTest {
  private static final Duration WAIT = Duration.ofSeconds(40);
  private static final KafkaTestClient kafka = KafkaTestClient.shared();

  @Test
  void plainJsonSamplesFireASamplesRuleAndBadRecordsAreDeadLettered() {
    String svc = "q" + UUID.randomUUID().toString().substring(0, 8);
    String group = "topic" + svc;
    given()
        .auth()
        .oauth2(TestTokens.ADMIN)
        .contentType(ContentType.JSON)
        .body(
            "{\"name\":\"QueueDeep\",\"group\":\""
                + group
                + "\",\"source\":\"samples\",\"samples\":{\"function\":\"p99\",\"metric\":"
                + "\"queue_depth\",\"matchers\":[\"service=\\\""
                + svc
                + "\\\"\"],\"window\":\"10m\",\"by\":[\"service\"]},\"comparison\":\">\","
                + "\"threshold\":1000,\"interval\":\"1s\",\"severity\":\"P2\"}")
        .post("/rules")
        .then()
        .statusCode(201);
    kafka.send(Topics.METRICS_SAMPLES, svc, "{not json", Map.of());
    Instant now = Instant.now();
    for (int i = 0; i < 5; i++) {
      kafka.send(
          Topics.METRICS_SAMPLES,
          svc,
          "{\"samples\":[{\"name\":\"queue_depth\",\"labels\":{\"service\":\""
              + svc
              + "\"},\"value\":"
              + (2000 + i)
              + ",\"timestamp\":\""
              + now.minusSeconds(5 - i)
              + "\"}]}",
          Map.of());
    }
    JsonNode fired =
        data(
            kafka
                .awaitRecords(
                    Topics.ALERT_FIRED,
                    r -> svc.equals(data(r).path("labels").path("service").asText()),
                    1,
                    WAIT)
                .get(0));
    assertThat(fired.get("name").asText()).isEqualTo("QueueDeep");
    assertThat(fired.get("value").asDouble()).isBetween(2003.0, 2004.0);

    var dead =
        kafka.awaitRecords(Topics.dlqOf(Topics.METRICS_SAMPLES), r -> svc.equals(r.key()), 1, WAIT);
    assertThat(KafkaTestClient.headerValue(dead.get(0), DeadLetterHeaders.CONSUMER))
        .isEqualTo("alert-service/metrics.samples");
    given()
        .auth()
        .oauth2(TestTokens.ADMIN)
        .delete("/rules/" + group + "/QueueDeep")
        .then()
        .statusCode(204);
  }
}
