package dev.autopilot.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.autopilot.platform.event.Topics;
import dev.autopilot.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.mail.internet.MimeMessage;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A template file overrides the built-in one; the preview endpoint renders without sending. */
@QuarkusTest
@TestProfile(ChannelsTest.Channels.class)
class TemplateOverrideTest {
  private static final TestEvents events = TestEvents.shared();

  @Test
  void anOverrideFileReplacesTheBuiltInTemplate() throws Exception {
    String source = "db-" + UUID.randomUUID().toString().substring(0, 8);
    events.send(
        Topics.BACKUP_FAILED, source, "{\"source\":\"" + source + "\",\"reason\":\"disk full\"}");
    MimeMessage mail = Mailbox.shared().await("[BACKUP BROKEN] " + source, 1).get(0);
    assertThat(Mailbox.part(mail, "text/plain"))
        .contains("Overridden template: " + source + " has no new restore point (disk full).");
  }

  @Test
  void previewRendersASampleEventWithTheTemplateInForce() {
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .contentType("application/json")
        .body("{\"eventType\":\"backup.failed\",\"data\":{\"source\":\"orders-db\"}}")
        .post("/templates/preview")
        .then()
        .statusCode(200)
        .body("subject", equalTo("[BACKUP BROKEN] orders-db"))
        .body("text", containsString("orders-db has no new restore point (?)"));
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .contentType("application/json")
        .body(
            "{\"eventType\":\"alert.fired\",\"data\":{\"alertId\":\""
                + UUID.randomUUID()
                + "\",\"name\":\"DiskFull\",\"severity\":\"P0\"}}")
        .post("/templates/preview")
        .then()
        .statusCode(200)
        .body("subject", equalTo("[FIRING P0] DiskFull"))
        .body("text", containsString("Acknowledge (one-time link): https://alert.example/ack/"))
        .body("html", containsString("<a href=\"https://alert.example/ack/PREVIEW\">"));
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .contentType("application/json")
        .body("{\"eventType\":\"alert.exploded\",\"data\":{}}")
        .post("/templates/preview")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("eventType"));
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .contentType("application/json")
        .body("{\"eventType\":\"alert.fired\",\"data\":{\"severity\":\"P9\"}}")
        .post("/templates/preview")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("data"));
    given()
        .contentType("application/json")
        .body("{\"eventType\":\"backup.failed\",\"data\":{}}")
        .post("/templates/preview")
        .then()
        .statusCode(401);
  }
}
