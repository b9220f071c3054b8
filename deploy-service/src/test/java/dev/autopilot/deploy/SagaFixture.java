package dev.autopilot.deploy;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autopilot.platform.event.Topics;
import dev.autopilot.testing.KafkaTestClient;
import dev.autopilot.testing.TestTokens;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** What the saga tests share: reading events, requesting deployments, playing backup-service. */
final class SagaFixture {
  static final Duration WAIT = Duration.ofSeconds(40);
  private static final ObjectMapper JSON = new ObjectMapper();

  private SagaFixture() {}

  /** The one event on {@code topic} about this deployment. */
  static JsonNode awaitEvent(KafkaTestClient kafka, String topic, String deploymentId) {
    return kafka.awaitEvent(topic, "deploymentId", deploymentId, WAIT);
  }

  /** A version no other test uses. */
  static String uniqueVersion(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** POSTs a deployment request as the operator and returns the new deployment's id. */
  static String request(String service, String environment, String version) {
    return given()
        .auth()
        .oauth2(TestTokens.OPERATOR)
        .contentType(ContentType.JSON)
        .body(
            "{\"service\":\""
                + service
                + "\",\"environment\":\""
                + environment
                + "\",\"version\":\""
                + version
                + "\"}")
        .post("/deployments")
        .then()
        .statusCode(202)
        .extract()
        .path("id");
  }

  /**
   * Plays backup-service: waits for the saga's backup.requested for this deployment, then answers
   * backup.completed (returning the backup id) or backup.failed (returning null).
   */
  static String answerBackup(KafkaTestClient kafka, String deploymentId, boolean succeed) {
    List<ConsumerRecord<String, byte[]>> requested =
        kafka.awaitRecords(
            Topics.BACKUP_REQUESTED, KafkaTestClient.where("correlationId", deploymentId), 1, WAIT);
    String source = KafkaTestClient.data(requested.get(0)).path("source").asText();
    if (!succeed) {
      kafka.sendCloudEvent(
          Topics.BACKUP_FAILED,
          Topics.typeOf(Topics.BACKUP_FAILED),
          "/backup-service",
          source,
          "{\"source\":\""
              + source
              + "\",\"reason\":\"disk full\",\"correlationId\":\""
              + deploymentId
              + "\"}");
      return null;
    }
    String backupId = UUID.randomUUID().toString();
    kafka.sendCloudEvent(
        Topics.BACKUP_COMPLETED,
        Topics.typeOf(Topics.BACKUP_COMPLETED),
        "/backup-service",
        source,
        "{\"backupId\":\""
            + backupId
            + "\",\"source\":\""
            + source
            + "\",\"sizeBytes\":1234,\"sha256\":\"ab12\",\"location\":\"file:///backups/"
            + backupId
            + ".dump\",\"startedAt\":\"2026-11-23T10:00:00Z\",\"finishedAt\":"
            + "\"2026-11-23T10:00:05Z\",\"correlationId\":\""
            + deploymentId
            + "\"}");
    return backupId;
  }

  /** The file the test deploy scripts write when they run for this deployment. */
  static Path runOf(String deploymentId) {
    return DeployServiceTestResource.RUNS.resolve(deploymentId);
  }

  /** What the deploy script recorded for this deployment. */
  static String recordedRun(String deploymentId) {
    try {
      return Files.readString(runOf(deploymentId)).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
