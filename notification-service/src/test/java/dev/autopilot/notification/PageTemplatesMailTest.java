package dev.autopilot.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autopilot.platform.event.Topics;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.mail.internet.MimeMessage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Group and escalation messages have their own templates (email/group.*, email/escalation.*), read
 * back from the real SMTP server: a digest listing its alerts, a page naming its level and since
 * when the alert is unacknowledged.
 */
@QuarkusTest
@TestProfile(ChannelsTest.Channels.class)
class PageTemplatesMailTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TestEvents events = TestEvents.shared();
  private final Mailbox mailbox = Mailbox.shared();

  private static String alert(String alertId, String testCase, String service, String summary)
      throws Exception {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("alertId", alertId);
    data.put("fingerprint", "fp-" + alertId);
    data.put("name", "QueueBacklog");
    data.put("severity", "P2");
    data.put("labels", Map.of("case", testCase, "service", service));
    data.put("annotations", Map.of("summary", summary));
    data.put("startsAt", "2026-11-23T10:00:00Z");
    return JSON.writeValueAsString(data);
  }

  /** A part of a received mail, with SMTP's CRLF line ends read as LF. */
  private static String text(MimeMessage mail, String mimeType) throws Exception {
    return Mailbox.part(mail, mimeType).replace("\r\n", "\n");
  }

  @Test
  void aGroupIsMailedAsADigestListingItsAlerts() throws Exception {
    String service = "svc-" + UUID.randomUUID().toString().substring(0, 8);
    for (String which : List.of("first", "second")) {
      String id = UUID.randomUUID().toString();
      events.send(Topics.ALERT_FIRED, id, alert(id, "digest", service, service + " " + which));
    }
    MimeMessage mail = mailbox.await("[FIRING:2] service=" + service, 1).get(0);
    assertThat(Mailbox.to(mail)).containsExactly(ChannelsTestResource.DIGEST);
    String text = text(mail, "text/plain");
    assertThat(text)
        .startsWith("2 alerts (2 firing) for service=" + service + ":\n")
        .contains("- [FIRING P2] " + service + " first\n  Acknowledge: http://alert.test/ack/")
        .contains("- [FIRING P2] " + service + " second\n  Acknowledge: http://alert.test/ack/")
        .contains(service + " first is firing.")
        .contains(service + " second is firing.")
        .contains("\n----\n");
    String html = text(mail, "text/html");
    assertThat(html)
        .contains("<h2>[FIRING:2] service=" + service + "</h2>")
        .contains("<td>alert.fired</td><td>P2</td><td>[FIRING P2] " + service + " first</td>")
        .contains("<a href=\"http://alert.test/ack/")
        .contains("route <code>");
  }

  @Test
  void anEscalationPageSaysItsLevelAndSinceWhenUnacknowledged() throws Exception {
    String summary = "Backlog " + UUID.randomUUID().toString().substring(0, 8);
    String id = UUID.randomUUID().toString();
    events.send(Topics.ALERT_FIRED, id, alert(id, "escalate-mail", "queue", summary));

    MimeMessage first = mailbox.await("[ESCALATION L1] [FIRING P2] " + summary, 1).get(0);
    assertThat(Mailbox.to(first)).containsExactly(ChannelsTestResource.PAGED);
    String text = text(first, "text/plain");
    assertThat(text)
        .startsWith("Not acknowledged: escalation level 1 of 2 (policy mailed).")
        .contains("Alert:                [FIRING P2] " + summary)
        .containsPattern("Unacknowledged since: 20\\d\\d-\\d\\d-\\d\\dT[^ ]+ \\(\\d+ s\\)")
        .contains("This level pages:     mailpage")
        .contains("Nobody acknowledging it pages level 2 next.")
        .contains("Acknowledge (one-time link): http://alert.test/ack/")
        .contains("The alert as it fired:")
        .contains(summary + " is firing.");
    assertThat(text(first, "text/html"))
        .contains("escalation level 1 of 2 (policy\n<code>mailed</code>)")
        .contains("<pre>" + summary + " is firing.");

    MimeMessage second = mailbox.await("[ESCALATION L2] [FIRING P2] " + summary, 1).get(0);
    assertThat(text(second, "text/plain"))
        .startsWith("Not acknowledged: escalation level 2 of 2 (policy mailed).")
        .contains("This is the policy's last level.");
  }
}
