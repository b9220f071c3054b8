package dev.autopilot.deploy;

import static dev.autopilot.deploy.SagaFixture.WAIT;
import static dev.autopilot.deploy.SagaFixture.uniqueVersion;
import static dev.autopilot.testing.KafkaTestClient.data;
import static dev.autopilot.testing.KafkaTestClient.where;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autopilot.platform.dlq.DeadLetterHeaders;
import dev.autopilot.platform.event.Topics;
import dev.autopilot.testing.KafkaTestClient;
import dev.autopilot.testing.SharedStack;
import dev.autopilot.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** CI's way in: deploy.requested as plain JSON or CloudEvents; refusals; invalid records. */
@QuarkusTest
@QuarkusTestResource(DeployServiceTestResource.class)
class DeployRequestedEventsTest {
  private static KafkaTestClient kafka;

  @BeforeAll
  static void connect() {
    kafka = new KafkaTestClient(SharedStack.get().bootstrapServers());
  }

  @AfterAll
  static void close() {
    kafka.close();
  }

  @Test
  void plainJsonRequestWithoutCloudEventsHeadersIsDeployedOnce() {
    String version = uniqueVersion("1.4.0");
    String key = "ci-plain-" + UUID.randomUUID();
    String request =
        "{\"service\":\"quick\",\"environment\":\"plain\",\"version\":\""
            + version
            + "\",\"requestedBy\":\"pipeline-42\",\"idempotencyKey\":\""
            + key
            + "\",\"checks\":{\"testsPassed\":true},\"someFutureField\":[1,2]}";
    kafka.send(Topics.DEPLOY_REQUESTED, "quick/plain", request, Map.of());
    // CI retries the same request: its idempotency key makes it the same deployment.
    kafka.send(Topics.DEPLOY_REQUESTED, "quick/plain", request, Map.of());

    List<ConsumerRecord<String, byte[]>> succeeded =
        kafka.awaitRecords(Topics.DEPLOY_SUCCEEDED, where("version", version), 1, WAIT);
    String id = data(succeeded.get(0)).path("deploymentId").asText();
    Awaitility.await()
        .during(Duration.ofSeconds(2))
        .atMost(WAIT)
        .until(() -> deploymentsWithVersion(version).size() == 1);
    Map<String, Object> deployment = deploymentsWithVersion(version).get(0);
    assertThat(deployment.get("id")).isEqualTo(id);
    assertThat(deployment.get("requestedBy")).isEqualTo("pipeline-42");
    assertThat(deployment.get("idempotencyKey")).isEqualTo(key);
    assertThat(deployment.get("state")).isEqualTo("SUCCEEDED");
  }

  @Test
  void requestForUnknownServiceOrEnvironmentIsRejectedNotDeadLettered() {
    String unknownService = "ci-unknown-service-" + UUID.randomUUID();
    kafka.sendCloudEvent(
        Topics.DEPLOY_REQUESTED,
        Topics.typeOf(Topics.DEPLOY_REQUESTED),
        "/ci",
        "nope/staging",
        "{\"service\":\"nope\",\"environment\":\"staging\",\"version\":\"1.0.0\","
            + "\"idempotencyKey\":\""
            + unknownService
            + "\"}");
    String unknownEnvironment = "ci-unknown-env-" + UUID.randomUUID();
    kafka.send(
        Topics.DEPLOY_REQUESTED,
        "shop/moon",
        "{\"service\":\"shop\",\"environment\":\"moon\",\"version\":\"1.0.0\","
            + "\"idempotencyKey\":\""
            + unknownEnvironment
            + "\"}",
        Map.of());

    JsonNode service = rejected(unknownService);
    assertThat(service.path("service").asText()).isEqualTo("nope");
    assertThat(service.path("reason").asText()).startsWith("service 'nope'");
    JsonNode environment = rejected(unknownEnvironment);
    assertThat(environment.path("environment").asText()).isEqualTo("moon");
    assertThat(environment.path("reason").asText()).startsWith("environment 'moon'");
  }

  @Test
  void invalidVersionIsDeadLetteredWithTheReason() {
    String key = "bad-" + UUID.randomUUID();
    kafka.send(
        Topics.DEPLOY_REQUESTED,
        key,
        "{\"service\":\"quick\",\"environment\":\"plain\",\"version\":\"1.0;rm -rf /\"}",
        Map.of());

    List<ConsumerRecord<String, byte[]>> dead =
        kafka.awaitRecords(
            Topics.dlqOf(Topics.DEPLOY_REQUESTED), r -> key.equals(r.key()), 1, WAIT);
    assertThat(KafkaTestClient.headerValue(dead.get(0), DeadLetterHeaders.REASON))
        .contains("version");
    assertThat(deploymentsWithVersion("1.0;rm -rf /")).isEmpty();
  }

  /**
   * A ce_source that is no URI (control characters, a NUL, a space) once made the Kafka connector's
   * own CloudEvents parsing throw before the record reached the consumer, and the channel stopped
   * for good (found by the e2e hostile-event property). The platform decodes CloudEvents itself:
   * such a record is dead-lettered with the reason, one merely not URI-shaped is taken as it is,
   * and the records after them on the same partition are still consumed.
   */
  @Test
  void sourceThatIsNoUriNeitherStopsTheConsumerNorIsLost() {
    String partitionKey = "quick/plain";
    String version = uniqueVersion("1.6.0");
    String request =
        "{\"service\":\"quick\",\"environment\":\"plain\",\"version\":\""
            + version
            + "\",\"idempotencyKey\":\"ci-odd-source-"
            + version
            + "\",\"checks\":{\"testsPassed\":true}}";
    String badId = UUID.randomUUID().toString();
    kafka.send(
        Topics.DEPLOY_REQUESTED,
        partitionKey,
        request,
        ceHeaders(badId, "pipeline\u0000\u0007 42"));
    String spacedId = UUID.randomUUID().toString();
    kafka.send(Topics.DEPLOY_REQUESTED, partitionKey, request, ceHeaders(spacedId, "pipeline 42"));

    List<ConsumerRecord<String, byte[]>> dead =
        kafka.awaitRecords(
            Topics.dlqOf(Topics.DEPLOY_REQUESTED),
            r -> badId.equals(KafkaTestClient.headerValue(r, "ce_id")),
            1,
            WAIT);
    assertThat(KafkaTestClient.headerValue(dead.get(0), DeadLetterHeaders.REASON))
        .contains("ce_source")
        .contains("control characters");
    kafka.awaitRecords(Topics.DEPLOY_SUCCEEDED, where("version", version), 1, WAIT);
    assertThat(deploymentsWithVersion(version)).hasSize(1);
  }

  private static Map<String, String> ceHeaders(String id, String source) {
    return Map.of(
        "ce_specversion",
        "1.0",
        "ce_id",
        id,
        "ce_source",
        source,
        "ce_type",
        Topics.typeOf(Topics.DEPLOY_REQUESTED),
        "content-type",
        "application/json");
  }

  private static JsonNode rejected(String idempotencyKey) {
    return data(
        kafka
            .awaitRecords(Topics.DEPLOY_REJECTED, where("idempotencyKey", idempotencyKey), 1, WAIT)
            .get(0));
  }

  private static List<Map<String, Object>> deploymentsWithVersion(String version) {
    List<Map<String, Object>> all =
        given()
            .auth()
            .oauth2(TestTokens.VIEWER)
            .queryParam("limit", 500)
            .get("/deployments")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("$");
    return all.stream().filter(d -> version.equals(d.get("version"))).toList();
  }
}
