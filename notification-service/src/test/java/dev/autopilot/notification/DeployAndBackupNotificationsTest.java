package dev.autopilot.notification;

import static dev.autopilot.notification.NotificationLog.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.autopilot.platform.dlq.DeadLetterHeaders;
import dev.autopilot.platform.event.Topics;
import dev.autopilot.testing.KafkaTestClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** How deployments and backups end, as the on-call reads it in their mailbox. */
@QuarkusTest
@QuarkusTestResource(NotificationServiceTestResource.class)
class DeployAndBackupNotificationsTest {
  private static final TestEvents events = TestEvents.shared();
  private final Mailbox mailbox = Mailbox.shared();

  @Test
  void successfulDeploymentIsEmailed() throws Exception {
    String service = "demo-" + UUID.randomUUID().toString().substring(0, 8);
    String deploymentId = UUID.randomUUID().toString();
    events.send(
        Topics.DEPLOY_SUCCEEDED,
        service + "/local",
        "{\"deploymentId\":\""
            + deploymentId
            + "\",\"service\":\""
            + service
            + "\",\"environment\":\"local\",\"version\":\"1.1.0\",\"durationMs\":4200,"
            + "\"watchUntil\":\"2026-11-23T11:00:00Z\"}");

    MimeMessage message = mailbox.await("Deployed " + service + " 1.1.0 to local", 2).get(0);
    assertThat(Mailbox.part(message, "text/plain"))
        .contains(service + " 1.1.0 is live in local")
        .contains("Duration:    4200 ms")
        .contains("Watch until: 2026-11-23T11:00:00Z")
        .contains(deploymentId);
    assertThat(Mailbox.part(message, "text/html"))
        .contains("<strong>" + service + " 1.1.0</strong>");
  }

  /** Event type, JSON data with {@code SUBJECT} for a unique name, the expected subject. */
  static Stream<Arguments> outcomes() {
    String deployment = "\"deploymentId\":\"" + UUID.randomUUID() + "\"";
    return Stream.of(
        Arguments.of(
            Topics.DEPLOY_FAILED,
            "{"
                + deployment
                + ",\"service\":\"SUBJECT\",\"environment\":\"local\","
                + "\"version\":\"1.1.0\",\"step\":\"ROLLOUT\",\"reason\":\"pods crash-looping\"}",
            "Deployment of SUBJECT 1.1.0 to local FAILED at ROLLOUT: pods crash-looping"),
        Arguments.of(
            Topics.DEPLOY_FAILED,
            "{" + deployment + "}",
            "Deployment of a service to an environment FAILED at an unknown step: no reason"
                + " given"),
        Arguments.of(
            Topics.DEPLOY_ROLLED_BACK,
            "{"
                + deployment
                + ",\"service\":\"SUBJECT\",\"environment\":\"local\","
                + "\"fromVersion\":\"1.1.0\",\"toVersion\":\"1.0.0\","
                + "\"reason\":\"health gate: demo-ready DOWN\"}",
            "Rolled back SUBJECT in local from 1.1.0 to 1.0.0: health gate: demo-ready DOWN"),
        Arguments.of(
            Topics.BACKUP_FAILED,
            "{\"source\":\"SUBJECT\",\"reason\":\"pg_dump: connection refused\\nexit 1\"}",
            "Backup of SUBJECT FAILED: pg_dump: connection refused exit 1"),
        Arguments.of(
            Topics.DEPLOY_REJECTED,
            "{\"service\":\"SUBJECT\",\"environment\":\"prod\",\"version\":\"2.0.0\","
                + "\"reason\":\"alert gate: P1 firing\"}",
            "Deployment of SUBJECT 2.0.0 to prod REJECTED: alert gate: P1 firing"),
        Arguments.of(
            Topics.DEPLOY_STARTED,
            "{"
                + deployment
                + ",\"service\":\"SUBJECT\",\"environment\":\"local\","
                + "\"version\":\"1.2.0\",\"previousVersion\":\"1.1.0\"}",
            "Deploying SUBJECT 1.2.0 to local"),
        Arguments.of(
            Topics.BACKUP_VERIFIED,
            "{\"backupId\":\""
                + UUID.randomUUID()
                + "\",\"source\":\"SUBJECT\",\"restoreSeconds\":2.5,"
                + "\"checks\":[\"row counts\"],\"ok\":false,\"reason\":\"orders table empty\"}",
            "Restore drill of SUBJECT FAILED: orders table empty"),
        Arguments.of(
            Topics.BACKUP_VERIFIED,
            "{\"backupId\":\"" + UUID.randomUUID() + "\",\"source\":\"SUBJECT\",\"ok\":true}",
            "Restore drill of SUBJECT passed"),
        Arguments.of(
            Topics.BACKUP_RESTORED,
            "{\"backupId\":\""
                + UUID.randomUUID()
                + "\",\"source\":\"SUBJECT\",\"target\":\"orders_restore\",\"ok\":false,"
                + "\"reason\":\"checksum mismatch\"}",
            "Restore of SUBJECT into orders_restore FAILED: checksum mismatch"));
  }

  @ParameterizedTest(name = "{0}: {2}")
  @MethodSource("outcomes")
  void outcomeIsEmailedWithItsSubject(String topic, String json, String subject) throws Exception {
    String unique = "svc-" + UUID.randomUUID().toString().substring(0, 8);
    String eventId = events.send(topic, unique, json.replace("SUBJECT", unique));
    String expected = subject.replace("SUBJECT", unique);
    if (!json.contains("SUBJECT")) {
      // No name to tell this one apart from earlier runs: find it by its event id.
      assertThat(NotificationLog.await(eventId, 2, "SENT"))
          .allSatisfy(row -> assertThat(row).containsEntry("subject", expected));
      return;
    }
    mailbox.await(expected, 2);
  }

  /** The newly consumed topics dead-letter what cannot be processed, as the others do. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidRecords")
  void anInvalidRecordIsDeadLetteredNamingTheConsumer(String topic, String json, String field) {
    String key = "bad-" + UUID.randomUUID();
    events.send(topic, key, json);
    List<ConsumerRecord<String, byte[]>> dead =
        events.awaitRecords(Topics.dlqOf(topic), r -> key.equals(r.key()), 1, WAIT);
    assertThat(KafkaTestClient.headerValue(dead.get(0), DeadLetterHeaders.REASON)).contains(field);
    assertThat(KafkaTestClient.headerValue(dead.get(0), DeadLetterHeaders.CONSUMER))
        .isEqualTo("notification-service/" + topic);
  }

  static Stream<Arguments> invalidRecords() {
    return Stream.of(
        Arguments.of(Topics.DEPLOY_STARTED, "{\"service\":\"x\"}", "deploymentId"),
        Arguments.of(Topics.BACKUP_VERIFIED, "{\"source\":\"x\",\"ok\":true}", "backupId"),
        Arguments.of(Topics.MAINTENANCE_STARTED, "{\"services\":[\"x\"]}", "windowId"),
        Arguments.of(Topics.MAINTENANCE_ENDED, "{\"services\":[\"x\"]", "malformed JSON"));
  }

  @Test
  void completedBackupIsNotAnnouncedByDefault() throws Exception {
    String source = "db-" + UUID.randomUUID().toString().substring(0, 8);
    String eventId = UUID.randomUUID().toString();
    RecordMetadata sent =
        events.send(
            Topics.BACKUP_COMPLETED,
            eventId,
            source,
            "{\"backupId\":\"" + UUID.randomUUID() + "\",\"source\":\"" + source + "\"}");

    TestEvents.awaitConsumed(sent, WAIT);
    assertThat(NotificationLog.ofEvent(eventId)).isEmpty();
    assertThat(mailbox.withSubject("Backup of " + source + " completed")).isEmpty();
  }
}
