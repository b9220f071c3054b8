package dev.autopilot.notification;

import static dev.autopilot.notification.NotificationLog.WAIT;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;

import dev.autopilot.notification.HttpReceiver.Request;
import dev.autopilot.platform.event.Topics;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * A PagerDuty incident acknowledged in PagerDuty acknowledges the alert in alert-service (a local
 * peer standing in for it, checking path and bearer token); unsigned deliveries are refused.
 */
@QuarkusTest
@TestProfile(ChannelsTest.Channels.class)
class PagerDutyAckTest {
  private static final TestEvents events = TestEvents.shared();
  private final HttpReceiver peer = HttpReceiver.shared();

  private static String sign(String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(
        new SecretKeySpec(
            ChannelsTestResource.PD_WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return "v1=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void anIncidentAcknowledgedInPagerDutyAcknowledgesTheAlert() throws Exception {
    String fingerprint = "fp-pd-ack-" + UUID.randomUUID().toString().substring(0, 8);
    String alertId = UUID.randomUUID().toString();
    String summary = "PD ack " + fingerprint;
    events.send(
        Topics.ALERT_FIRED,
        alertId,
        ChannelsTest.alert(alertId, fingerprint, "P0", summary, "pagerduty"));
    peer.await("/v2/enqueue", summary, 1, WAIT);

    String body =
        "{\"event\":{\"id\":\"01\",\"event_type\":\"incident.acknowledged\","
            + "\"data\":{\"id\":\"PABC\",\"type\":\"incident\",\"incident_key\":\""
            + fingerprint
            + "\"}}}";
    given()
        .contentType("application/json")
        .header("X-PagerDuty-Signature", "v1=00ff," + sign(body))
        .body(body)
        .post("/integrations/pagerduty/webhook")
        .then()
        .statusCode(202)
        .body("acknowledged", contains(alertId));
    Request ack = peer.await("/alert-service/alerts/" + alertId + "/ack", "", 1, WAIT).get(0);
    assertThat(ack.method()).isEqualTo("POST");
    assertThat(ack.header("Authorization"))
        .isEqualTo("Bearer " + ChannelsTestResource.CLIENT_TOKEN);

    given()
        .contentType("application/json")
        .header("X-PagerDuty-Signature", sign(body + " "))
        .body(body)
        .post("/integrations/pagerduty/webhook")
        .then()
        .statusCode(401)
        .contentType("application/problem+json");
    given()
        .contentType("application/json")
        .body(body)
        .post("/integrations/pagerduty/webhook")
        .then()
        .statusCode(401);
  }

  @Test
  void anIncidentWithoutIncidentKeyIsIgnoredWith2xxSoPagerDutyKeepsTheSubscription()
      throws Exception {
    // An incident opened in PagerDuty by hand carries no key of ours: a 4xx would count as a
    // dropped delivery (three in a row disable the subscription), so it is accepted and ignored.
    String body =
        "{\"event\":{\"id\":\"02\",\"event_type\":\"incident.acknowledged\","
            + "\"resource_type\":\"incident\",\"data\":{\"id\":\"PXYZ\",\"type\":\"incident\"}}}";
    given()
        .contentType("application/json")
        .header("X-PagerDuty-Signature", sign(body))
        .body(body)
        .post("/integrations/pagerduty/webhook")
        .then()
        .statusCode(202)
        .body("acknowledged", org.hamcrest.Matchers.empty());
  }

  @Test
  void alertServiceFailingIs503SoPagerDutyRedelivers() throws Exception {
    String fingerprint = "fp-pd-503-" + UUID.randomUUID().toString().substring(0, 8);
    String alertId = UUID.randomUUID().toString();
    String summary = "PD 503 " + fingerprint;
    events.send(
        Topics.ALERT_FIRED,
        alertId,
        ChannelsTest.alert(alertId, fingerprint, "P0", summary, "pagerduty"));
    peer.await("/v2/enqueue", summary, 1, WAIT);
    String path = "/alert-service/alerts/" + alertId + "/ack";
    peer.script(path, new HttpReceiver.Answer(503, null, "{}"));
    String body =
        "{\"event\":{\"id\":\"03\",\"event_type\":\"incident.acknowledged\","
            + "\"data\":{\"id\":\"PDEF\",\"type\":\"incident\",\"incident_key\":\""
            + fingerprint
            + "\"}}}";
    given()
        .contentType("application/json")
        .header("X-PagerDuty-Signature", sign(body))
        .body(body)
        .post("/integrations/pagerduty/webhook")
        .then()
        .statusCode(503)
        .contentType("application/problem+json");
    // PagerDuty's redelivery then gets through.
    given()
        .contentType("application/json")
        .header("X-PagerDuty-Signature", sign(body))
        .body(body)
        .post("/integrations/pagerduty/webhook")
        .then()
        .statusCode(202)
        .body("acknowledged", contains(alertId));
    assertThat(peer.to(path)).hasSize(2);
  }
}
