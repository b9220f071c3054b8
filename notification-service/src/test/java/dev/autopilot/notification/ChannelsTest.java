package dev.autopilot.notification;

import static dev.autopilot.notification.ChannelsTestResource.FALLBACK;
import static dev.autopilot.notification.NotificationLog.WAIT;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autopilot.notification.HttpReceiver.Answer;
import dev.autopilot.notification.HttpReceiver.Request;
import dev.autopilot.notification.channel.webhook.WebhookSignature;
import dev.autopilot.platform.acklink.AckLinks;
import dev.autopilot.platform.event.Topics;
import dev.autopilot.testing.KafkaTestClient;
import dev.autopilot.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Every HTTP channel against a local peer that checks the wire format, and the delivery pipeline's
 * retry, Retry-After, bounded attempts, fallback, dead letters and dedupe.
 */
@QuarkusTest
@TestProfile(ChannelsTest.Channels.class)
class ChannelsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TestEvents events = TestEvents.shared();
  private final HttpReceiver peer = HttpReceiver.shared();

  /** SMS on, three attempts, short backoff. */
  public static class Channels implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      Map<String, String> config = new LinkedHashMap<>();
      config.put("notification.announce.poll-interval", "500ms");
      config.put("notification.events.health", "true");
      config.put("notification.throttle.per-hour.slack", "2");
      config.put("notification.escalation.poll-interval", "500ms");
      config.put("notification.sms.enabled", "true");
      config.put("notification.delivery.max-attempts", "3");
      config.put("notification.delivery.initial-backoff", "200ms");
      config.put("notification.delivery.max-backoff", "1s");
      config.put("notification.delivery.poll-interval", "200ms");
      // Long enough that a request a peer holds unanswered outlasts DeliveryLanesTest.
      config.put("notification.http.timeout", "20s");
      config.put("notification.group.poll-interval", "500ms");
      return config;
    }

    @Override
    public List<TestResourceEntry> testResources() {
      return List.of(new TestResourceEntry(ChannelsTestResource.class));
    }

    @Override
    public boolean disableGlobalTestResources() {
      return true;
    }
  }

  static String alert(
      String alertId, String fingerprint, String severity, String summary, String testCase)
      throws Exception {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("alertId", alertId);
    data.put("fingerprint", fingerprint);
    data.put("name", "TargetUnhealthy");
    data.put("severity", severity);
    data.put("labels", Map.of("case", testCase, "service", "demo", "environment", "prod"));
    data.put("annotations", Map.of("summary", summary));
    data.put("startsAt", "2026-11-23T10:00:00Z");
    return JSON.writeValueAsString(data);
  }

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static UUID verifiedAckLink(String link) {
    assertThat(link).startsWith("http://alert.test/ack/");
    AckLinks links =
        new AckLinks(
            Optional.of(ChannelsTestResource.ACK_KEY), Duration.ofDays(1), Optional.empty());
    return links
        .verify(link.substring(link.lastIndexOf('/') + 1), Instant.now())
        .orElseThrow()
        .alertId();
  }

  @Test
  void slackCompatibleWebhookGetsTextAttachmentsAndTheAckLink() throws Exception {
    String summary = unique("Slack target down");
    String alertId = UUID.randomUUID().toString();
    String eventId =
        events.send(
            Topics.ALERT_FIRED, alertId, alert(alertId, unique("fp"), "P1", summary, "slack"));

    Request request = peer.await(ChannelsTestResource.SLACK_PATH, summary, 1, WAIT).get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.header("Content-Type")).startsWith("application/json");
    JsonNode body = JSON.readTree(request.body());
    assertThat(body.get("text").asText()).isEqualTo("[FIRING P1] " + summary);
    assertThat(body.get("channel").asText()).isEqualTo("#ops");
    assertThat(body.get("username").asText()).isEqualTo("autopilot");
    JsonNode attachment = body.get("attachments").get(0);
    assertThat(attachment.get("color").asText()).isEqualTo("#e65100");
    assertThat(attachment.get("title").asText()).isEqualTo("[FIRING P1] " + summary);
    String text = attachment.get("text").asText();
    assertThat(text).contains(summary + " is firing.");
    String link = text.substring(text.indexOf("Acknowledge: ") + "Acknowledge: ".length()).strip();
    assertThat(verifiedAckLink(link)).hasToString(alertId);

    Map<String, Object> row = NotificationLog.await(eventId, 1, "SENT").get(0);
    assertThat(row)
        .containsEntry("channel", "slack")
        .containsEntry("receiverName", "chat")
        .containsEntry("attempts", 1);
  }

  @Test
  void genericWebhookIsSignedWithTimestampAndCarriesTheEvent() throws Exception {
    String summary = unique("Webhook target down");
    String alertId = UUID.randomUUID().toString();
    events.send(
        Topics.ALERT_FIRED, alertId, alert(alertId, unique("fp"), "P2", summary, "webhook"));

    Request request = peer.await("/hook", summary, 1, WAIT).get(0);
    String timestamp = request.header(WebhookSignature.TIMESTAMP_HEADER);
    String signature = request.header(WebhookSignature.SIGNATURE_HEADER);
    assertThat(Long.parseLong(timestamp))
        .isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(60L));
    assertThat(signature).startsWith("v1=");
    assertThat(
            WebhookSignature.verify(
                ChannelsTestResource.WEBHOOK_SECRET, timestamp, request.body(), signature))
        .isTrue();
    assertThat(WebhookSignature.verify("wrong-secret", timestamp, request.body(), signature))
        .isFalse();
    assertThat(
            WebhookSignature.verify(
                ChannelsTestResource.WEBHOOK_SECRET, timestamp, request.body() + " ", signature))
        .isFalse();
    JsonNode body = JSON.readTree(request.body());
    assertThat(body.get("eventType").asText()).isEqualTo("alert.fired");
    assertThat(body.get("receiver").asText()).isEqualTo("hook");
    assertThat(body.get("severity").asText()).isEqualTo("P2");
    assertThat(body.get("alertId").asText()).isEqualTo(alertId);
    assertThat(body.get("data").get("labels").get("case").asText()).isEqualTo("webhook");
    assertThat(body.get("subject").asText()).isEqualTo("[FIRING P2] " + summary);
  }

  @Test
  void healthEventsRouteLikeAlertsOnTheirLabels() throws Exception {
    String target = unique("orders-ready");
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("targetId", target);
    data.put("service", "orders");
    data.put("environment", "prod");
    data.put("status", "DOWN");
    data.put("reason", "connection refused");
    data.put("severity", "P1");
    data.put("labels", Map.of("case", "webhook"));
    events.send(Topics.HEALTH_DEGRADED, target, JSON.writeValueAsString(data));

    Request request = peer.await("/hook", target, 1, WAIT).get(0);
    JsonNode body = JSON.readTree(request.body());
    assertThat(body.get("eventType").asText()).isEqualTo("health.degraded");
    assertThat(body.get("subject").asText())
        .isEqualTo("[HEALTH DOWN P1] " + target + " (orders in prod)");
    assertThat(body.get("data").get("reason").asText()).isEqualTo("connection refused");
  }

  @Test
  void smsGoesThroughTwilioFormAndMessageMediaJsonWithBasicAuth() throws Exception {
    String summary = unique("SMS target down");
    String alertId = UUID.randomUUID().toString();
    events.send(Topics.ALERT_FIRED, alertId, alert(alertId, unique("fp"), "P0", summary, "sms"));

    Request twilio =
        peer.await("/2010-04-01/Accounts/AC0123/Messages.json", URLEncoder.encode(summary), 1, WAIT)
            .get(0);
    assertThat(twilio.header("Content-Type")).startsWith("application/x-www-form-urlencoded");
    assertThat(twilio.header("Authorization"))
        .isEqualTo(basic("AC0123", ChannelsTestResource.TWILIO_TOKEN));
    Map<String, String> form = form(twilio.body());
    assertThat(form).containsEntry("To", "+61491570156").containsEntry("From", "+15005550006");
    assertThat(form.get("Body"))
        .startsWith("[FIRING P0] " + summary)
        .contains(" Ack: http://alert.test/ack/");

    Request mm = peer.await("/v1/messages", summary, 1, WAIT).get(0);
    assertThat(mm.header("Authorization"))
        .isEqualTo(basic(ChannelsTestResource.MM_KEY, ChannelsTestResource.MM_SECRET));
    JsonNode message = JSON.readTree(mm.body()).get("messages").get(0);
    assertThat(message.get("destination_number").asText()).isEqualTo("+61491570157");
    assertThat(message.get("format").asText()).isEqualTo("SMS");
    assertThat(message.get("content").asText()).startsWith("[FIRING P0] " + summary);
  }

  @Test
  void pagerDutyTriggersOnceForDuplicatesThenAcknowledgesAndResolvesByFingerprint()
      throws Exception {
    String summary = unique("PD target down");
    String fingerprint = unique("fp-pd");
    String alertId = UUID.randomUUID().toString();
    String fired = alert(alertId, fingerprint, "P0", summary, "pagerduty");
    events.send(Topics.ALERT_FIRED, alertId, fired);

    Request trigger = peer.await("/v2/enqueue", summary, 1, WAIT).get(0);
    JsonNode body = JSON.readTree(trigger.body());
    assertThat(body.get("routing_key").asText()).isEqualTo(ChannelsTestResource.PD_KEY);
    assertThat(body.get("event_action").asText()).isEqualTo("trigger");
    assertThat(body.get("dedup_key").asText()).isEqualTo(fingerprint);
    assertThat(body.get("payload").get("severity").asText()).isEqualTo("critical");
    assertThat(body.get("payload").get("summary").asText()).isEqualTo("[FIRING P0] " + summary);
    assertThat(body.get("payload").get("source").asText()).isNotBlank();
    assertThat(verifiedAckLink(body.get("links").get(0).get("href").asText())).hasToString(alertId);

    // The same alert fired again (a new event id): within repeat_interval nobody is paged twice.
    RecordMetadata duplicate =
        events.send(Topics.ALERT_FIRED, UUID.randomUUID().toString(), alertId, fired);
    TestEvents.awaitConsumed(duplicate, WAIT);

    Map<String, Object> ack = new LinkedHashMap<>();
    ack.put("alertId", alertId);
    ack.put("by", "jane");
    ack.put("at", Instant.now().toString());
    ack.put("fingerprint", fingerprint);
    events.send(Topics.ALERT_ACKNOWLEDGED, alertId, JSON.writeValueAsString(ack));
    Map<String, Object> resolved = new LinkedHashMap<>();
    resolved.put("alertId", alertId);
    resolved.put("fingerprint", fingerprint);
    resolved.put("name", "TargetUnhealthy");
    resolved.put("endsAt", Instant.now().toString());
    events.send(Topics.ALERT_RESOLVED, alertId, JSON.writeValueAsString(resolved));

    // Different topics, so either may arrive first.
    Awaitility.await()
        .atMost(WAIT)
        .until(
            () ->
                peer.matching("/v2/enqueue", fingerprint).stream()
                        .map(Request::body)
                        .filter(b -> b.contains("\"acknowledge\"") || b.contains("\"resolve\""))
                        .count()
                    == 2);
    List<Request> all = peer.matching("/v2/enqueue", fingerprint);
    assertThat(all)
        .extracting(r -> JSON.readTree(r.body()).get("event_action").asText())
        .containsExactlyInAnyOrder("trigger", "acknowledge", "resolve");
    assertThat(all)
        .allSatisfy(
            r ->
                assertThat(JSON.readTree(r.body()).get("dedup_key").asText())
                    .isEqualTo(fingerprint));
  }

  @Test
  void theTokenBucketHoldsTheThirdMessageOfTheHour() throws Exception {
    String prefix = unique("Chatty");
    List<String> eventIds = new java.util.ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      String alertId = UUID.randomUUID().toString();
      eventIds.add(
          events.send(
              Topics.ALERT_FIRED,
              alertId,
              alert(alertId, unique("fp"), "P2", prefix + " #" + i, "chatty")));
    }
    peer.await(ChannelsTestResource.SLACK_PATH, prefix, 2, WAIT);
    // Two tokens an hour: the third waits for a refill (~30 min), it is neither sent nor failed.
    Awaitility.await()
        .atMost(WAIT)
        .until(
            () ->
                eventIds.stream()
                    .map(NotificationLog::ofEvent)
                    .flatMap(List::stream)
                    .filter(r -> "PENDING".equals(r.get("status")))
                    .map(r -> attempts((String) r.get("id")))
                    .anyMatch(a -> !a.isEmpty() && "THROTTLED".equals(a.get(0).get("outcome"))));
    Awaitility.await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(4))
        .until(() -> peer.matching(ChannelsTestResource.SLACK_PATH, prefix).size() == 2);
    List<Map<String, Object>> rows =
        eventIds.stream().map(NotificationLog::ofEvent).flatMap(List::stream).toList();
    assertThat(rows)
        .extracting(r -> r.get("status"))
        .containsExactlyInAnyOrder("SENT", "SENT", "PENDING");
    assertThat(rows)
        .filteredOn(r -> "PENDING".equals(r.get("status")))
        .allSatisfy(r -> assertThat(r).containsEntry("attempts", 0));
  }

  @Test
  void a500ThenA200IsOneRetryAndOneDelivery() throws Exception {
    peer.script("/flaky", new Answer(500, null, "{\"error\":\"boom\"}"));
    String summary = unique("Flaky receiver");
    String alertId = UUID.randomUUID().toString();
    String eventId =
        events.send(
            Topics.ALERT_FIRED, alertId, alert(alertId, unique("fp"), "P1", summary, "flaky"));

    Map<String, Object> row = NotificationLog.await(eventId, 1, "SENT").get(0);
    assertThat(row).containsEntry("attempts", 2);
    assertThat(peer.matching("/flaky", summary)).hasSize(2);
    List<Map<String, Object>> attempts = attempts((String) row.get("id"));
    assertThat(attempts).extracting(a -> a.get("outcome")).containsExactly("RETRY", "SENT");
    assertThat((String) attempts.get(0).get("error")).contains("HTTP 500");
    assertThat(attempts).allSatisfy(a -> assertThat(a.get("latencyMs")).isNotNull());
  }

  @Test
  void a429WithRetryAfterWaitsThatLong() throws Exception {
    peer.script("/busy", new Answer(429, "2", "{}"));
    String summary = unique("Busy receiver");
    String alertId = UUID.randomUUID().toString();
    String eventId =
        events.send(
            Topics.ALERT_FIRED, alertId, alert(alertId, unique("fp"), "P1", summary, "busy"));

    NotificationLog.await(eventId, 1, "SENT");
    List<Request> requests = peer.matching("/busy", summary);
    assertThat(requests).hasSize(2);
    // Backoff alone would wait 160-200 ms; Retry-After asked for 2 s.
    assertThat(Duration.between(requests.get(0).at(), requests.get(1).at()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(1900));
  }

  @Test
  void alwaysFailingReceiverIsBoundedFallsBackAndAnnouncesTheFailure() throws Exception {
    peer.always("/broken", new Answer(503, null, "down"));
    String summary = unique("Broken receiver");
    String alertId = UUID.randomUUID().toString();
    String eventId =
        events.send(
            Topics.ALERT_FIRED, alertId, alert(alertId, unique("fp"), "P1", summary, "broken"));

    List<Map<String, Object>> rows = NotificationLog.await(eventId, 2, "SENT", "FAILED");
    Map<String, Object> failed =
        rows.stream().filter(r -> "FAILED".equals(r.get("status"))).findFirst().orElseThrow();
    Map<String, Object> rescue =
        rows.stream().filter(r -> "SENT".equals(r.get("status"))).findFirst().orElseThrow();
    String failedId = (String) failed.get("id");
    assertThat(failed).containsEntry("attempts", 3).containsEntry("channel", "webhook");
    assertThat(peer.matching("/broken", summary)).hasSize(3);
    assertThat(rescue)
        .containsEntry("channel", "email")
        .containsEntry("receiver", FALLBACK)
        .containsEntry("receiverName", "rescue")
        .containsEntry("fallbackOf", failedId);
    Mailbox.shared().await("[FIRING P1] " + summary, 1);

    ConsumerRecord<String, byte[]> announced =
        events
            .awaitRecords(Topics.NOTIFICATION_FAILED, r -> failedId.equals(r.key()), 1, WAIT)
            .get(0);
    JsonNode data = KafkaTestClient.data(announced);
    assertThat(data.get("channel").asText()).isEqualTo("webhook");
    assertThat(data.get("attempts").asInt()).isEqualTo(3);
    assertThat(data.get("reason").asText()).contains("HTTP 503");

    given().get("/admin/notification-dead-letters").then().statusCode(401);
    given()
        .auth()
        .oauth2(TestTokens.OPERATOR)
        .get("/admin/notification-dead-letters")
        .then()
        .statusCode(403);
    given()
        .auth()
        .oauth2(TestTokens.ADMIN)
        .get("/admin/notification-dead-letters")
        .then()
        .statusCode(200)
        .body("id", hasItem(failedId));
    given()
        .auth()
        .oauth2(TestTokens.OPERATOR)
        .post("/admin/notification-dead-letters/" + failedId + "/reprocess")
        .then()
        .statusCode(403);
    given()
        .auth()
        .oauth2(TestTokens.ADMIN)
        .post("/admin/notification-dead-letters/" + failedId + "/reprocess")
        .then()
        .statusCode(202)
        .body("status", equalTo("PENDING"))
        .body("attempts", equalTo(0));
    peer.await("/broken", summary, 4, WAIT);
  }

  @Test
  void routingIsReadableWithoutSecretsAndBadRoutingIs400NamingTheField() {
    String json =
        given()
            .auth()
            .oauth2(TestTokens.VIEWER)
            .get("/routing")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(json)
        .contains("SLACK_TEST_URL")
        .contains("PD_TEST_KEY")
        .doesNotContain("slack-secret-token")
        .doesNotContain(ChannelsTestResource.PD_KEY);

    String yaml =
        given()
            .auth()
            .oauth2(TestTokens.VIEWER)
            .queryParam("format", "yaml")
            .get("/routing")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    given()
        .contentType("application/yaml")
        .body(yaml.getBytes(StandardCharsets.UTF_8))
        .put("/routing")
        .then()
        .statusCode(401);
    given()
        .auth()
        .oauth2(TestTokens.OPERATOR)
        .contentType("application/yaml")
        .body(yaml.getBytes(StandardCharsets.UTF_8))
        .put("/routing")
        .then()
        .statusCode(403);
    given()
        .auth()
        .oauth2(TestTokens.ADMIN)
        .contentType("application/yaml")
        .body(
            yaml.replace("case=\\\"slack\\\"", "case=~\\\"(slack\\\"")
                .replace("case=\"slack\"", "case=~\"(slack\"")
                .getBytes(StandardCharsets.UTF_8))
        .put("/routing")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", hasItem("route.routes[0].matchers[0]"));
    given()
        .auth()
        .oauth2(TestTokens.ADMIN)
        .contentType("application/yaml")
        .body(
            ("receivers: [{name: a, email_configs: [{to: [a@b.c]}]}]\n"
                    + "route: {receiver: a, group_wiat: 5m}\n")
                .getBytes(StandardCharsets.UTF_8))
        .put("/routing")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("route.group_wiat"));
    given()
        .auth()
        .oauth2(TestTokens.ADMIN)
        .contentType("application/yaml")
        .body(
            ("receivers: [{name: a, slack_configs: [{url_env: 'https://hooks.slack.com/x'}]}]\n"
                    + "route: {receiver: b, routes: [{receiver: a, repeat_interval: soon}]}\n")
                .getBytes(StandardCharsets.UTF_8))
        .put("/routing")
        .then()
        .statusCode(400)
        .body(
            "errors.field",
            org.hamcrest.Matchers.hasItems(
                "receivers[0].slack_configs[0].url_env",
                "route.receiver",
                "route.routes[0].repeat_interval"));
    // The document the file gave, written back through the API, is accepted as it is.
    given()
        .auth()
        .oauth2(TestTokens.ADMIN)
        .contentType("application/yaml")
        .body(yaml.getBytes(StandardCharsets.UTF_8))
        .put("/routing")
        .then()
        .statusCode(200);
  }

  private static List<Map<String, Object>> attempts(String id) {
    return given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .get("/notifications/" + id + "/attempts")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("$");
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
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

  private static final class URLEncoder {
    static String encode(String s) {
      return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
  }
}
