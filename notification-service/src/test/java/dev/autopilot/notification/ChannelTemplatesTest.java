package dev.autopilot.notification;

import static dev.autopilot.notification.NotificationLog.WAIT;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autopilot.notification.HttpReceiver.Request;
import dev.autopilot.notification.channel.sms.SmsText;
import dev.autopilot.platform.event.Topics;
import dev.autopilot.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Per-channel templates: one deploy.succeeded routed to a receiver with Slack, webhook, SMS and
 * PagerDuty integrations, each rendered by its own channel's template (file overrides from
 * ChannelsTestResource), checked in the wire bodies the local receivers got; the built-in SMS
 * template of alert.fired is short; the preview endpoint renders every channel.
 */
@QuarkusTest
@TestProfile(ChannelsTest.Channels.class)
class ChannelTemplatesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TestEvents events = TestEvents.shared();
  private final HttpReceiver peer = HttpReceiver.shared();

  @Test
  void eachChannelGetsItsOwnTemplate() throws Exception {
    String service = "svc-" + UUID.randomUUID().toString().substring(0, 8);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("deploymentId", UUID.randomUUID().toString());
    data.put("service", service);
    data.put("environment", "templated");
    data.put("version", "2.4.1");
    data.put("durationMs", 4200);
    String eventId =
        events.send(Topics.DEPLOY_SUCCEEDED, service + "/templated", JSON.writeValueAsString(data));

    // The first test of a freshly started application on a busy machine: its consumers may still
    // be joining their group, so the first delivery gets longer than the usual wait.
    JsonNode slack =
        JSON.readTree(
            peer.await(ChannelsTestResource.SLACK_PATH, service, 1, WAIT.multipliedBy(3))
                .get(0)
                .body());
    assertThat(slack.get("text").asText()).isEqualTo(":rocket: " + service + " 2.4.1 is live");
    assertThat(slack.get("channel").asText()).isEqualTo("#deploys");
    assertThat(slack.get("attachments").get(0).get("text").asText())
        .isEqualTo("Slack template: " + service + " 2.4.1 in templated, 4200 ms.");
    assertThat(slack.get("attachments").get(0).get("color").asText()).isEqualTo("#2e7d32");

    JsonNode hook = JSON.readTree(peer.await("/templated", service, 1, WAIT).get(0).body());
    assertThat(hook.get("subject").asText()).isEqualTo("deployed " + service + "@2.4.1");
    assertThat(hook.get("text").asText())
        .isEqualTo(
            "Webhook template: "
                + service
                + " 2.4.1 (Deployed "
                + service
                + " 2.4.1 to templated)\n");
    assertThat(hook.get("data").get("durationMs").asInt()).isEqualTo(4200);

    Request twilio =
        peer.await("/2010-04-01/Accounts/AC0123/Messages.json", service, 1, WAIT).get(0);
    String sms = form(twilio.body()).get("Body");
    assertThat(sms).startsWith("SMS template: " + service + " 2.4.1 live in templated. padding");
    // The template renders 200+ characters: the message is cut to one 160-character segment.
    assertThat(sms).endsWith("...").hasSizeLessThanOrEqualTo(160);
    assertThat(SmsText.segments(sms)).isEqualTo(1);
    assertThat(form(twilio.body())).containsEntry("To", "+61491570158");

    JsonNode pd = JSON.readTree(peer.await("/v2/enqueue", service, 1, WAIT).get(0).body());
    assertThat(pd.get("event_action").asText()).isEqualTo("trigger");
    assertThat(pd.get("payload").get("summary").asText())
        .isEqualTo("PD: " + service + " 2.4.1 deployed to templated");
    assertThat(pd.get("payload").get("custom_details").get("text").asText())
        .isEqualTo("PagerDuty template details for " + service + ".\n");

    assertThat(NotificationLog.await(eventId, 4, "SENT"))
        .extracting(r -> r.get("channel"))
        .containsExactlyInAnyOrder("slack", "webhook", "sms", "pagerduty");
  }

  @Test
  void theBuiltInSmsOfAnAlertIsShortAndKeepsTheAckLinkWhole() throws Exception {
    String summary =
        "SMS long " + UUID.randomUUID().toString().substring(0, 8) + " " + "x".repeat(300);
    String alertId = UUID.randomUUID().toString();
    events.send(
        Topics.ALERT_FIRED,
        alertId,
        ChannelsTest.alert(alertId, "fp-" + alertId, "P0", summary, "sms"));

    Request twilio =
        peer.await(
                "/2010-04-01/Accounts/AC0123/Messages.json",
                java.net.URLEncoder.encode(summary.substring(0, 17), StandardCharsets.UTF_8),
                1,
                WAIT)
            .get(0);
    String body = form(twilio.body()).get("Body");
    assertThat(body).startsWith("[FIRING P0] " + summary.substring(0, 17)).contains("... Ack: ");
    String link = body.substring(body.indexOf(" Ack: ") + 6);
    assertThat(link).startsWith("http://alert.test/ack/").doesNotContain(" ");
    // The text before the link is at most one segment; the link itself is never cut.
    assertThat(body.indexOf(" Ack: ")).isLessThanOrEqualTo(160);
    assertThat(SmsText.segments(body)).isLessThanOrEqualTo(3);
  }

  @Test
  void previewRendersEveryChannel() {
    String deploy =
        "{\"eventType\":\"deploy.succeeded\",\"channel\":\"CHANNEL\",\"data\":{\"deploymentId\":\""
            + UUID.randomUUID()
            + "\",\"service\":\"orders\",\"environment\":\"prod\",\"version\":\"3.0.0\"}}";
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .contentType("application/json")
        .body(deploy.replace("CHANNEL", "slack"))
        .post("/templates/preview")
        .then()
        .statusCode(200)
        .body("subject", equalTo(":rocket: orders 3.0.0 is live"))
        .body("html", equalTo(""));
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .contentType("application/json")
        .body(deploy.replace("CHANNEL", "pagerduty"))
        .post("/templates/preview")
        .then()
        .statusCode(200)
        .body("subject", equalTo("PD: orders 3.0.0 deployed to prod"));
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .contentType("application/json")
        .body(
            "{\"eventType\":\"alert.fired\",\"channel\":\"sms\",\"data\":{\"alertId\":\""
                + UUID.randomUUID()
                + "\",\"name\":\"DiskFull\",\"severity\":\"P0\"}}")
        .post("/templates/preview")
        .then()
        .statusCode(200)
        .body("text", equalTo("[FIRING P0] DiskFull Ack: https://alert.example/ack/PREVIEW"));
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .contentType("application/json")
        .body(
            "{\"eventType\":\"maintenance.started\",\"channel\":\"webhook\",\"data\":{\"windowId\":\""
                + UUID.randomUUID()
                + "\",\"services\":[\"orders\"],\"environment\":\"prod\"}}")
        .post("/templates/preview")
        .then()
        .statusCode(200)
        .body("subject", equalTo("[MAINTENANCE started] orders in prod"))
        .body("text", startsWith("Maintenance has started."));
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .contentType("application/json")
        .body(deploy.replace("CHANNEL", "telex"))
        .post("/templates/preview")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("channel"));
  }

  private static Map<String, String> form(String body) {
    Map<String, String> form = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      form.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return form;
  }
}
