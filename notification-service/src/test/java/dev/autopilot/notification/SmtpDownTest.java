package dev.autopilot.notification;

import static dev.autopilot.notification.NotificationLog.WAIT;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.autopilot.platform.event.Topics;
import dev.autopilot.testing.KafkaTestClient;
import dev.autopilot.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * With the SMTP server down, a notification is retried with backoff, then FAILED with a
 * notification.failed event; once the server is back, an operator's retry delivers it.
 */
@QuarkusTest
@TestProfile(SmtpDownTest.SmtpDown.class)
class SmtpDownTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TestEvents events = TestEvents.shared();

  @ConfigProperty(name = "quarkus.mailer.port")
  int smtpPort;

  /** A closed SMTP port, two attempts, short backoff. */
  public static class SmtpDown implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "notification.delivery.max-attempts", "2",
          "notification.delivery.initial-backoff", "300ms",
          "notification.delivery.max-backoff", "1s");
    }

    @Override
    public List<TestResourceEntry> testResources() {
      return List.of(new TestResourceEntry(SmtpDownTestResource.class));
    }

    @Override
    public boolean disableGlobalTestResources() {
      return true;
    }
  }

  @Test
  void refusedSendsAreRetriedThenFailedAndAnOperatorRetryDeliversOnceSmtpIsBack() throws Exception {
    String target = "smtp-down-" + UUID.randomUUID().toString().substring(0, 8);
    String alertId = UUID.randomUUID().toString();
    String subject = "[FIRING P1] Target " + target + " is DOWN";
    String eventId =
        events.send(
            Topics.ALERT_FIRED,
            alertId,
            AlertNotificationsTest.alertFired(alertId, "Target " + target + " is DOWN", target));

    Map<String, Object> failed = NotificationLog.await(eventId, 1, "FAILED").get(0);
    String id = (String) failed.get("id");
    assertThat(failed).containsEntry("attempts", 2).containsEntry("sentAt", null);
    assertThat((String) failed.get("lastError")).isNotBlank();

    ConsumerRecord<String, byte[]> announced =
        events.awaitRecords(Topics.NOTIFICATION_FAILED, r -> id.equals(r.key()), 1, WAIT).get(0);
    JsonNode data = JSON.readTree(announced.value());
    assertThat(data.get("notificationId").asText()).isEqualTo(id);
    assertThat(data.get("channel").asText()).isEqualTo("email");
    assertThat(data.get("receiver").asText()).isEqualTo(NotificationServiceTestResource.ONCALL);
    assertThat(data.get("attempts").asInt()).isEqualTo(2);
    assertThat(data.get("reason").asText()).isEqualTo(failed.get("lastError"));
    assertThat(KafkaTestClient.headerValue(announced, "ce_type"))
        .isEqualTo("dev.autopilot.notification.failed.v1");
    assertThat(KafkaTestClient.headerValue(announced, "ce_source"))
        .isEqualTo("/notification-service");

    GreenMail smtp =
        new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
    smtp.start();
    try {
      given()
          .auth()
          .oauth2(TestTokens.OPERATOR)
          .post("/notifications/" + id + "/retry")
          .then()
          .statusCode(202)
          .body("status", equalTo("PENDING"))
          .body("attempts", equalTo(0));
      NotificationLog.await(eventId, 1, "SENT");
      new Mailbox(smtp).await(subject, 1);
      given()
          .auth()
          .oauth2(TestTokens.VIEWER)
          .get("/notifications/" + id)
          .then()
          .statusCode(200)
          .body("attempts", equalTo(1))
          .body("lastError", nullValue());
      given()
          .auth()
          .oauth2(TestTokens.OPERATOR)
          .post("/notifications/" + id + "/retry")
          .then()
          .statusCode(409);
    } finally {
      smtp.stop();
    }
  }
}
