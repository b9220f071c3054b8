package dev.autopilot.backup;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autopilot.platform.event.Topics;
import dev.autopilot.testing.KafkaTestClient;
import dev.autopilot.testing.SharedStack;
import dev.autopilot.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * backup.requested → a real pg_dump → backup.completed (or backup.failed with the reason), once per
 * event whatever the redeliveries.
 */
@QuarkusTest
@QuarkusTestResource(BackupServiceTestResource.class)
class BackupRequestedFlowTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();
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
  void requestedEventGivesOneRestorableBackupEvenWhenRedelivered() throws Exception {
    String correlationId = "deploy-" + UUID.randomUUID();
    String traceId = UUID.randomUUID().toString().replace("-", "");
    Map<String, String> headers = cloudEvent("shop", "00-" + traceId + "-00f067aa0ba902b7-01");
    String data =
        "{\"source\":\"shop\",\"reason\":\"PRE_DEPLOY\",\"correlationId\":\""
            + correlationId
            + "\",\"someFutureField\":1}";
    // The same event twice: a redelivery.
    kafka.send(Topics.BACKUP_REQUESTED, "shop", data, headers);
    kafka.send(Topics.BACKUP_REQUESTED, "shop", data, headers);

    ConsumerRecord<String, byte[]> completed =
        kafka.awaitRecords(Topics.BACKUP_COMPLETED, correlated(correlationId), 1, WAIT).get(0);
    JsonNode event = JSON.readTree(completed.value());
    assertThat(completed.key()).isEqualTo("shop");
    assertThat(KafkaTestClient.headerValue(completed, "ce_type"))
        .isEqualTo("dev.autopilot.backup.completed.v1");
    assertThat(KafkaTestClient.headerValue(completed, "ce_source")).isEqualTo("/backup-service");
    assertThat(KafkaTestClient.headerValue(completed, "traceparent")).contains(traceId);
    assertThat(event.get("source").asText()).isEqualTo("shop");
    assertThat(Instant.parse(event.get("finishedAt").asText()))
        .isAfterOrEqualTo(Instant.parse(event.get("startedAt").asText()));

    Path file = DumpFiles.path(event.get("location").asText());
    String backupId = event.get("backupId").asText();
    assertThat(file.getFileName().toString()).matches("\\d{8}T\\d{6}Z-" + backupId + "\\.dump");
    assertThat(file.getParent().getFileName().toString()).isEqualTo("shop");
    assertThat(Files.size(file)).isEqualTo(event.get("sizeBytes").asLong()).isPositive();
    assertThat(DumpFiles.sha256(file)).isEqualTo(event.get("sha256").asText());
    assertThat(DumpFiles.restoreList(file))
        .contains("TABLE public " + BackupServiceTestResource.SEEDED_TABLE)
        .contains("TABLE DATA public " + BackupServiceTestResource.SEEDED_TABLE);
    try (var listing = Files.list(file.getParent())) {
      assertThat(listing.map(p -> p.getFileName().toString()))
          .noneMatch(n -> n.endsWith(".partial"));
    }

    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .get("/backups/" + backupId)
        .then()
        .statusCode(200)
        .body("status", org.hamcrest.Matchers.equalTo("COMPLETED"))
        .body("reason", org.hamcrest.Matchers.equalTo("PRE_DEPLOY"))
        .body("correlationId", org.hamcrest.Matchers.equalTo(correlationId))
        .body("requestedBy", org.hamcrest.Matchers.equalTo("/test"))
        .body("sha256", org.hamcrest.Matchers.equalTo(event.get("sha256").asText()));
    // One backup for the request, whatever the redelivery: one row and one event.
    Awaitility.await()
        .during(Duration.ofSeconds(3))
        .atMost(WAIT)
        .until(() -> backupsCorrelatedWith("shop", correlationId) == 1);
    assertThatThrownBy(
            () ->
                kafka.awaitRecords(
                    Topics.BACKUP_COMPLETED, correlated(correlationId), 2, Duration.ofSeconds(3)))
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void missingDatabaseFailsWithTheServersReason() throws Exception {
    String correlationId = "ghost-" + UUID.randomUUID();
    request("ghost", correlationId);
    JsonNode failed = awaitFailed(correlationId);
    assertThat(failed.get("source").asText()).isEqualTo("ghost");
    assertThat(failed.get("reason").asText())
        .contains("127.0.0.1")
        .contains("database \"no_such_database\" does not exist");
    Map<String, Object> row = onlyBackupCorrelatedWith("ghost", correlationId);
    assertThat(row.get("status")).isEqualTo("FAILED");
    assertThat((String) row.get("failureReason")).contains("no_such_database");
    assertThat(row.get("location")).isNull();
  }

  @Test
  void unsetPasswordVariableFailsNamingTheVariable() throws Exception {
    String correlationId = "locked-" + UUID.randomUUID();
    request("locked", correlationId);
    assertThat(awaitFailed(correlationId).get("reason").asText())
        .contains("BACKUP_TEST_UNSET_PASSWORD")
        .contains("is not set");
  }

  @Test
  void unknownSourceIsAFailedBackupNotADeadLetter() throws Exception {
    String correlationId = "unknown-" + UUID.randomUUID();
    request("no-such-source", correlationId);
    JsonNode failed = awaitFailed(correlationId);
    assertThat(failed.get("source").asText()).isEqualTo("no-such-source");
    assertThat(failed.get("reason").asText())
        .contains("unknown source 'no-such-source'")
        .contains("shop");
    Map<String, Object> row = onlyBackupCorrelatedWith("no-such-source", correlationId);
    assertThat(row.get("status")).isEqualTo("FAILED");
    List<Map<String, Object>> deadLetters =
        given()
            .auth()
            .oauth2(TestTokens.ADMIN)
            .queryParam("topic", Topics.BACKUP_REQUESTED)
            .get("/admin/dead-letters")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("$");
    assertThat(deadLetters).noneMatch(d -> "no-such-source".equals(d.get("key")));
  }

  @Test
  void invalidRequestIsDeadLettered() throws Exception {
    String key = "invalid-" + UUID.randomUUID();
    kafka.send(Topics.BACKUP_REQUESTED, key, "{\"reason\":\"MANUAL\"}", cloudEvent(key, null));
    ConsumerRecord<String, byte[]> dead =
        kafka
            .awaitRecords(Topics.dlqOf(Topics.BACKUP_REQUESTED), r -> key.equals(r.key()), 1, WAIT)
            .get(0);
    assertThat(KafkaTestClient.headerValue(dead, "dead-letter-reason")).contains("source");
  }

  private static void request(String source, String correlationId) {
    kafka.send(
        Topics.BACKUP_REQUESTED,
        source,
        "{\"source\":\"" + source + "\",\"correlationId\":\"" + correlationId + "\"}",
        cloudEvent(source, null));
  }

  private static JsonNode awaitFailed(String correlationId) throws Exception {
    ConsumerRecord<String, byte[]> failed =
        kafka.awaitRecords(Topics.BACKUP_FAILED, correlated(correlationId), 1, WAIT).get(0);
    assertThat(KafkaTestClient.headerValue(failed, "ce_type"))
        .isEqualTo("dev.autopilot.backup.failed.v1");
    return JSON.readTree(failed.value());
  }

  static java.util.function.Predicate<ConsumerRecord<String, byte[]>> correlated(String id) {
    return r -> {
      try {
        return id.equals(JSON.readTree(r.value()).path("correlationId").asText());
      } catch (Exception e) {
        return false;
      }
    };
  }

  static Map<String, String> cloudEvent(String subject, String traceparent) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("ce_specversion", "1.0");
    headers.put("ce_id", UUID.randomUUID().toString());
    headers.put("ce_source", "/test");
    headers.put("ce_type", Topics.typeOf(Topics.BACKUP_REQUESTED));
    headers.put("ce_subject", subject);
    headers.put("ce_time", Instant.now().toString());
    headers.put("content-type", "application/json");
    if (traceparent != null) {
      headers.put("traceparent", traceparent);
    }
    return headers;
  }

  static long backupsCorrelatedWith(String source, String correlationId) {
    return backups(source).stream()
        .filter(b -> correlationId.equals(b.get("correlationId")))
        .count();
  }

  private static Map<String, Object> onlyBackupCorrelatedWith(String source, String correlationId) {
    List<Map<String, Object>> matching =
        backups(source).stream().filter(b -> correlationId.equals(b.get("correlationId"))).toList();
    assertThat(matching).hasSize(1);
    return matching.get(0);
  }

  private static List<Map<String, Object>> backups(String source) {
    return given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .queryParam("source", source)
        .queryParam("limit", 1000)
        .get("/backups")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("$");
  }
}
