package dev.autopilot.notification;

import static dev.autopilot.notification.NotificationLog.WAIT;
import static dev.autopilot.notification.NotificationServiceTestResource.FROM;
import static dev.autopilot.notification.NotificationServiceTestResource.LEAD;
import static dev.autopilot.notification.NotificationServiceTestResource.ONCALL;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autopilot.platform.dlq.DeadLetterHeaders;
import dev.autopilot.platform.event.Topics;
import dev.autopilot.testing.KafkaTestClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.mail.internet.MimeMessage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

/**
 * alert.fired / acknowledged / resolved from Kafka to real SMTP: one email per receiver and event,
 * whatever the redeliveries; bad records go to the dead-letter topic without stopping the rest.
 */
@QuarkusTest
@QuarkusTestResource(NotificationServiceTestResource.class)
class AlertNotificationsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TestEvents events = TestEvents.shared();
  private final Mailbox mailbox = Mailbox.shared();

  @Test
  void firingAlertIsEmailedToEveryReceiverOnceEvenWhenRedelivered() throws Exception {
    String target = "demo-ready-" + UUID.randomUUID().toString().substring(0, 8);
    String alertId = UUID.randomUUID().toString();
    String eventId = UUID.randomUUID().toString();
    String fired = alertFired(alertId, "Target " + target + " is DOWN", target);

    events.send(Topics.ALERT_FIRED, eventId, alertId, fired);

    String subject = "[FIRING P1] Target " + target + " is DOWN";
    List<MimeMessage> messages = mailbox.await(subject, 2);
    assertThat(messages)
        .extracting(Mailbox::to)
        .containsExactlyInAnyOrder(List.of(ONCALL), List.of(LEAD));
    MimeMessage message = messages.get(0);
    assertThat(message.getFrom()[0].toString()).isEqualTo(FROM);
    assertThat(message.getHeader("X-Autopilot-Event-Id")).containsExactly(eventId);
    String text = Mailbox.part(message, "text/plain");
    assertThat(text)
        .contains("Target " + target + " is DOWN is firing.")
        .contains("Severity:    P1")
        .contains("connection refused (3 consecutive failures)")
        .contains("https://runbooks.example/target-down")
        .contains("target = " + target)
        .contains(alertId)
        .contains(eventId);
    assertThat(Mailbox.part(message, "text/html"))
        .contains("<strong>Target " + target + " is DOWN</strong>")
        .contains("<a href=\"https://runbooks.example/target-down\">");

    List<Map<String, Object>> rows = NotificationLog.ofEvent(eventId);
    assertThat(rows).hasSize(2);
    assertThat(rows)
        .allSatisfy(
            row -> {
              assertThat(row).containsEntry("status", "SENT").containsEntry("attempts", 1);
              assertThat(row).containsEntry("channel", "email");
              assertThat(row).containsEntry("eventType", Topics.ALERT_FIRED);
              assertThat(row).containsEntry("subject", subject);
              assertThat(row.get("sentAt")).isNotNull();
            });
    String notificationId = (String) rows.get(0).get("id");
    assertThat(messages)
        .extracting(m -> m.getHeader("Message-ID")[0])
        .contains("<" + notificationId + "@notification.test>");

    // The same event again (a redelivery: same ce_id), processed once it is consumed.
    RecordMetadata again = events.send(Topics.ALERT_FIRED, eventId, alertId, fired);
    TestEvents.awaitConsumed(again, WAIT);
    assertThat(NotificationLog.ofEvent(eventId))
        .hasSize(2)
        .allSatisfy(row -> assertThat(row).containsEntry("status", "SENT"));
    assertThat(mailbox.withSubject(subject)).hasSize(2);
  }

  @Test
  void acknowledgementAndResolutionNameTheAlertThatFired() throws Exception {
    String target = "api-" + UUID.randomUUID().toString().substring(0, 8);
    String alertId = UUID.randomUUID().toString();
    String summary = "Target " + target + " is DOWN";
    events.send(Topics.ALERT_FIRED, alertId, alertFired(alertId, summary, target));
    mailbox.await("[FIRING P1] " + summary, 2);

    events.send(
        Topics.ALERT_ACKNOWLEDGED,
        alertId,
        "{\"alertId\":\"" + alertId + "\",\"by\":\"jane\",\"at\":\"2026-11-23T10:05:00Z\"}");
    MimeMessage ack = mailbox.await("[ACK] " + summary + " acknowledged by jane", 2).get(0);
    assertThat(Mailbox.part(ack, "text/plain")).contains("Acknowledged: 2026-11-23T10:05:00Z");

    events.send(
        Topics.ALERT_RESOLVED,
        alertId,
        "{\"alertId\":\""
            + alertId
            + "\",\"name\":\"TargetUnhealthy\",\"endsAt\":\"2026-11-23T10:09:00Z\"}");
    MimeMessage resolved = mailbox.await("[RESOLVED] " + summary, 2).get(0);
    assertThat(Mailbox.part(resolved, "text/plain"))
        .contains(summary + " is resolved.")
        .contains("Severity: P1")
        .contains("Resolved: 2026-11-23T10:09:00Z");
  }

  @Test
  void invalidAlertIsDeadLetteredAndTheNextOneIsEmailed() throws Exception {
    String bad = "bad-" + UUID.randomUUID();
    events.send(Topics.ALERT_FIRED, bad, "{\"name\":\"NoId\",\"severity\":\"P2\"}");
    String target = "after-bad-" + UUID.randomUUID().toString().substring(0, 8);
    String alertId = UUID.randomUUID().toString();
    events.send(
        Topics.ALERT_FIRED, alertId, alertFired(alertId, "Target " + target + " is DOWN", target));

    List<ConsumerRecord<String, byte[]>> dead =
        events.awaitRecords(Topics.dlqOf(Topics.ALERT_FIRED), r -> bad.equals(r.key()), 1, WAIT);
    assertThat(KafkaTestClient.headerValue(dead.get(0), DeadLetterHeaders.REASON))
        .contains("alertId")
        .contains("must not be null");
    assertThat(KafkaTestClient.headerValue(dead.get(0), DeadLetterHeaders.CONSUMER))
        .isEqualTo("notification-service/alert.fired");
    mailbox.await("[FIRING P1] Target " + target + " is DOWN", 2);
  }

  /** An alert.fired as alert-service writes it for a health target, with a future field. */
  static String alertFired(String alertId, String summary, String target) throws Exception {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("alertId", alertId);
    // alert-service derives the fingerprint from the labels: one per target here.
    data.put("fingerprint", "fp-" + target);
    data.put("name", "TargetUnhealthy");
    data.put("severity", "P1");
    data.put("labels", Map.of("target", target, "service", "demo"));
    data.put(
        "annotations",
        Map.of(
            "summary",
            summary,
            "description",
            "connection refused (3 consecutive failures)",
            "runbookUrl",
            "https://runbooks.example/target-down"));
    data.put("startsAt", "2026-11-23T10:00:00Z");
    data.put("value", 3.0);
    data.put("someFutureField", true);
    return JSON.writeValueAsString(data);
  }
}
