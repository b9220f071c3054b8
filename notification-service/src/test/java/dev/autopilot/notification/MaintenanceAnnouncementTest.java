package dev.autopilot.notification;

import static dev.autopilot.notification.NotificationLog.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autopilot.platform.event.Topics;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * maintenance.scheduled from Kafka to real SMTP: the advance notice, then start and end at their
 * times; the same window scheduled again repeats nothing.
 */
@QuarkusTest
@TestProfile(ChannelsTest.Channels.class)
class MaintenanceAnnouncementTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TestEvents events = TestEvents.shared();
  private final Mailbox mailbox = Mailbox.shared();

  @Test
  void announcesAheadAtStartAndAtEndOnce() throws Exception {
    String service = "orders-" + UUID.randomUUID().toString().substring(0, 8);
    String windowId = UUID.randomUUID().toString();
    Instant startsAt = Instant.now().plusSeconds(4);
    Instant endsAt = startsAt.plusSeconds(4);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("windowId", windowId);
    data.put("services", List.of(service, "billing"));
    data.put("environment", "prod");
    data.put("startsAt", startsAt.toString());
    data.put("endsAt", endsAt.toString());
    data.put("description", "database upgrade");
    String json = JSON.writeValueAsString(data);
    events.send(Topics.MAINTENANCE_SCHEDULED, windowId, json);

    String where = service + ", billing in prod";
    MimeMessage ahead = mailbox.await("[MAINTENANCE tomorrow] " + where, 1).get(0);
    assertThat(Mailbox.to(ahead)).containsExactly(NotificationServiceTestResource.ONCALL);
    assertThat(Mailbox.part(ahead, "text/plain"))
        .contains("database upgrade")
        .contains(startsAt.toString());
    MimeMessage started = mailbox.await("[MAINTENANCE started] " + where, 1).get(0);
    MimeMessage ended = mailbox.await("[MAINTENANCE ended] " + where, 1).get(0);
    assertThat(ended.getSentDate()).isAfterOrEqualTo(started.getSentDate());
    assertThat(Mailbox.part(ended, "text/plain")).contains("Maintenance has ended.");
    // Scheduled 4 s ahead: the upcoming (T-7d) notice is folded into the T-1d one and is not sent.
    assertThat(mailbox.withSubject("[MAINTENANCE upcoming] " + where)).isEmpty();

    // The same window announced again (a replay with a new event id) repeats nothing.
    RecordMetadata again =
        events.send(Topics.MAINTENANCE_SCHEDULED, UUID.randomUUID().toString(), windowId, json);
    TestEvents.awaitConsumed(again, WAIT);
    Awaitility.await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(4))
        .until(
            () ->
                mailbox.withSubject("[MAINTENANCE tomorrow] " + where).size() == 1
                    && mailbox.withSubject("[MAINTENANCE started] " + where).size() == 1
                    && mailbox.withSubject("[MAINTENANCE ended] " + where).size() == 1);
  }
}
