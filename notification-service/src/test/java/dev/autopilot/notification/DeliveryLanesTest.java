package dev.autopilot.notification;

import static dev.autopilot.notification.NotificationLog.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.autopilot.platform.event.Topics;
import dev.autopilot.platform.store.Jdbc;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Delivery runs one lane per channel: a peer that hangs holds up its own channel only. The webhook
 * peer holds its request unanswered (the HTTP timeout here is 20 s); a Slack page fired after it
 * must go out while that webhook attempt is still in flight.
 */
@QuarkusTest
@TestProfile(ChannelsTest.Channels.class)
class DeliveryLanesTest {
  private static final TestEvents events = TestEvents.shared();
  private final HttpReceiver peer = HttpReceiver.shared();

  @Inject Jdbc jdbc;

  @Test
  void aHungWebhookDoesNotHoldUpTheSlackPageBehindIt() throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String hooked = "Lane webhook " + run;
    String chatted = "Lane slack " + run;
    String hookAlert = UUID.randomUUID().toString();
    try (HttpReceiver.Held held = peer.hold("/hook")) {
      events.send(
          Topics.ALERT_FIRED,
          hookAlert,
          ChannelsTest.alert(hookAlert, "fp-" + hookAlert, "P2", hooked, "webhook"));
      peer.await("/hook", hooked, 1, WAIT); // arrived, and held unanswered
      String slackAlert = UUID.randomUUID().toString();
      events.send(
          Topics.ALERT_FIRED,
          slackAlert,
          ChannelsTest.alert(slackAlert, "fp-" + slackAlert, "P1", chatted, "slack"));

      peer.await(ChannelsTestResource.SLACK_PATH, chatted, 1, WAIT);
      // The webhook's attempt is not recorded yet: its send is still waiting for an answer. A
      // single delivery worker would have sent the Slack page only after that attempt ended.
      assertThat(attemptsOfWebhook(hookAlert))
          .as("webhook attempts recorded when the Slack page went out")
          .isEmpty();
    }
    // Released: the held webhook is answered and recorded as sent.
    org.awaitility.Awaitility.await()
        .atMost(WAIT)
        .until(() -> attemptsOfWebhook(hookAlert).contains("SENT"));
  }

  private List<String> attemptsOfWebhook(String alertId) {
    return jdbc.list(
        "select a.outcome from delivery_attempt a join notification n on n.id = a.notification_id"
            + " where n.alert_id = ? and n.channel = 'webhook' order by a.id",
        rs -> rs.getString(1),
        UUID.fromString(alertId));
  }
}
