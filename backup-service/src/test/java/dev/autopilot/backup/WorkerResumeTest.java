package dev.autopilot.backup;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autopilot.backup.store.BackupRepository;
import dev.autopilot.platform.event.Topics;
import dev.autopilot.testing.KafkaTestClient;
import dev.autopilot.testing.SharedStack;
import dev.autopilot.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A backup left RUNNING by a replica that stopped (its claim expired) is re-run and completes; one
 * that was started too often is given up as FAILED; a live replica's claim is renewed.
 */
@QuarkusTest
@QuarkusTestResource(BackupServiceTestResource.class)
class WorkerResumeTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter FILE_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static KafkaTestClient kafka;

  @ConfigProperty(name = "backup.storage.directory")
  String storageDirectory;

  @Inject BackupRepository repository;

  @BeforeAll
  static void connect() {
    kafka = new KafkaTestClient(SharedStack.get().bootstrapServers());
  }

  @AfterAll
  static void close() {
    kafka.close();
  }

  @Test
  void backupOfAStoppedReplicaIsReRunAndItsPartialFileReplaced() throws Exception {
    UUID id = UUID.randomUUID();
    String correlationId = "resume-" + id;
    Instant requestedAt =
        Instant.now().minus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
    Path dir = Path.of(storageDirectory).toAbsolutePath().resolve("shop");
    Files.createDirectories(dir);
    String fileName = FILE_TIME.format(requestedAt) + "-" + id + ".dump";
    Path leftover = dir.resolve("." + fileName + ".partial");
    Files.writeString(leftover, "half a dump from the replica that stopped");
    insertRunning(id, correlationId, requestedAt, 1);

    ConsumerRecord<String, byte[]> completed =
        kafka
            .awaitRecords(
                Topics.BACKUP_COMPLETED, BackupRequestedFlowTest.correlated(correlationId), 1, WAIT)
            .get(0);
    JsonNode event = JSON.readTree(completed.value());
    assertThat(event.get("backupId").asText()).isEqualTo(id.toString());
    Path file = DumpFiles.path(event.get("location").asText());
    assertThat(file).isEqualTo(dir.resolve(fileName));
    assertThat(DumpFiles.sha256(file)).isEqualTo(event.get("sha256").asText());
    assertThat(leftover).doesNotExist();
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .get("/backups/" + id)
        .then()
        .statusCode(200)
        .body("status", org.hamcrest.Matchers.equalTo("COMPLETED"))
        .body("attempts", org.hamcrest.Matchers.equalTo(2));
  }

  @Test
  void backupStartedTooOftenIsGivenUp() throws Exception {
    UUID id = UUID.randomUUID();
    String correlationId = "abandoned-" + id;
    insertRunning(id, correlationId, Instant.now().minus(1, ChronoUnit.HOURS), 3);

    ConsumerRecord<String, byte[]> failed =
        kafka
            .awaitRecords(
                Topics.BACKUP_FAILED, BackupRequestedFlowTest.correlated(correlationId), 1, WAIT)
            .get(0);
    assertThat(JSON.readTree(failed.value()).get("reason").asText())
        .contains("given up after 3 attempts");
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .get("/backups/" + id)
        .then()
        .statusCode(200)
        .body("status", org.hamcrest.Matchers.equalTo("FAILED"));
  }

  @Test
  void renewingAClaimExtendsOnlyTheOwnersClaim() throws Exception {
    UUID id = UUID.randomUUID();
    try (Connection c = BackupServiceTestResource.connect("backup");
        PreparedStatement insert =
            c.prepareStatement(
                "insert into backup (id, source, reason, requested_by, status, requested_at,"
                    + " started_at, attempts, claimed_by, claim_expires_at)"
                    + " values (?, 'shop', 'MANUAL', 'test', 'RUNNING', now(), now(), 1,"
                    + " 'busy-replica', now() + interval '30 seconds')")) {
      insert.setObject(1, id);
      insert.executeUpdate();
    }
    assertThat(repository.renewClaims("other-replica", List.of(id), Duration.ofMinutes(10)))
        .isZero();
    assertThat(claimSecondsLeft(id)).isBetween(0L, 30L);
    assertThat(repository.renewClaims("busy-replica", List.of(id), Duration.ofMinutes(10)))
        .isEqualTo(1);
    assertThat(claimSecondsLeft(id)).isGreaterThan(500L);
    try (Connection c = BackupServiceTestResource.connect("backup");
        PreparedStatement finish =
            c.prepareStatement("update backup set status = 'FAILED' where id = ?")) {
      finish.setObject(1, id);
      finish.executeUpdate();
    }
  }

  private static long claimSecondsLeft(UUID id) throws Exception {
    try (Connection c = BackupServiceTestResource.connect("backup");
        PreparedStatement select =
            c.prepareStatement(
                "select extract(epoch from claim_expires_at - now())::bigint from backup"
                    + " where id = ?")) {
      select.setObject(1, id);
      try (ResultSet rs = select.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** A RUNNING backup whose replica stopped: its claim expired a minute ago. */
  private static void insertRunning(
      UUID id, String correlationId, Instant requestedAt, int attempts) throws Exception {
    try (Connection c = BackupServiceTestResource.connect("backup");
        PreparedStatement insert =
            c.prepareStatement(
                "insert into backup (id, source, reason, correlation_id, requested_by, status,"
                    + " requested_at, started_at, attempts, claimed_by, claim_expires_at)"
                    + " values (?, 'shop', 'MANUAL', ?, 'test', 'RUNNING', ?, ?, ?,"
                    + " 'stopped-replica', now() - interval '1 minute')")) {
      insert.setObject(1, id);
      insert.setString(2, correlationId);
      insert.setTimestamp(3, Timestamp.from(requestedAt));
      insert.setTimestamp(4, Timestamp.from(requestedAt.plusSeconds(1)));
      insert.setInt(5, attempts);
      insert.executeUpdate();
    }
  }
}
