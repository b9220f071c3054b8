package dev.autopilot.deploy;

import static dev.autopilot.deploy.SagaFixture.WAIT;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.autopilot.platform.event.Topics;
import dev.autopilot.testing.KafkaTestClient;
import dev.autopilot.testing.SharedStack;
import dev.autopilot.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Maintenance windows and freezes over REST: roles, validation, recurrence, deletion. */
@QuarkusTest
@QuarkusTestResource(DeployServiceTestResource.class)
class CalendarApiTest {
  private static KafkaTestClient kafka;

  @BeforeAll
  static void connect() {
    kafka = new KafkaTestClient(SharedStack.get().bootstrapServers());
  }

  @AfterAll
  static void close() {
    kafka.close();
  }

  @Test
  void writesNeedAnAdminAndBadFieldsAreNamed() {
    String sundays =
        "{\"services\":[\"shop\"],\"environment\":\"production\",\"cron\":\"0 0 2 ? * SUN\","
            + "\"durationSeconds\":7200,\"zone\":\"Europe/London\"}";
    given()
        .contentType(ContentType.JSON)
        .body(sundays)
        .post("/maintenance-windows")
        .then()
        .statusCode(401);
    given()
        .auth()
        .oauth2(TestTokens.OPERATOR)
        .contentType(ContentType.JSON)
        .body(sundays)
        .post("/maintenance-windows")
        .then()
        .statusCode(403);
    given()
        .auth()
        .oauth2(TestTokens.OPERATOR)
        .contentType(ContentType.JSON)
        .body(
            "{\"environment\":\"prod\",\"startsAt\":\"2026-01-01T00:00:00Z\","
                + "\"endsAt\":\"2026-01-02T00:00:00Z\",\"reason\":\"x\"}")
        .post("/freezes")
        .then()
        .statusCode(403);
    given()
        .auth()
        .oauth2(TestTokens.ADMIN)
        .contentType(ContentType.JSON)
        .body(sundays.replace("0 0 2 ? * SUN", "every sunday"))
        .post("/maintenance-windows")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("cron"));
    given()
        .auth()
        .oauth2(TestTokens.ADMIN)
        .contentType(ContentType.JSON)
        .body(sundays.replace("Europe/London", "Mars/Olympus"))
        .post("/maintenance-windows")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("zone"));
    given()
        .auth()
        .oauth2(TestTokens.ADMIN)
        .contentType(ContentType.JSON)
        .body(
            "{\"environment\":\"prod\",\"startsAt\":\"2026-01-02T00:00:00Z\","
                + "\"endsAt\":\"2026-01-01T00:00:00Z\",\"reason\":\"x\"}")
        .post("/freezes")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("endsAt"));
  }

  @Test
  void recurringWindowListsItsSundayOccurrences() {
    String id =
        given()
            .auth()
            .oauth2(TestTokens.ADMIN)
            .contentType(ContentType.JSON)
            .body(
                "{\"services\":[\"shop\"],\"environment\":\"production\","
                    + "\"cron\":\"0 0 2 ? * SUN\",\"durationSeconds\":7200,"
                    + "\"zone\":\"Europe/London\",\"description\":\"weekly\"}")
            .post("/maintenance-windows")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    List<String> starts =
        given()
            .auth()
            .oauth2(TestTokens.VIEWER)
            .queryParam("days", 21)
            .get("/maintenance-windows/" + id + "/occurrences")
            .then()
            .statusCode(200)
            .body("$", hasSize(3))
            .extract()
            .path("startsAt");
    for (String start : starts) {
      var local = Instant.parse(start).atZone(ZoneId.of("Europe/London"));
      assertThat(local.getDayOfWeek()).isEqualTo(DayOfWeek.SUNDAY);
      assertThat(local.getHour()).isEqualTo(2);
    }
  }

  @Test
  void deletingARunningWindowEndsItNow() {
    String id =
        given()
            .auth()
            .oauth2(TestTokens.ADMIN)
            .contentType(ContentType.JSON)
            .body(
                "{\"services\":[],\"environment\":\"cleanup\",\"startsAt\":\""
                    + Instant.now().minusSeconds(5)
                    + "\",\"endsAt\":\""
                    + Instant.now().plusSeconds(3600)
                    + "\"}")
            .post("/maintenance-windows")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    kafka.awaitEvent(Topics.MAINTENANCE_STARTED, "windowId", id, WAIT);
    given()
        .auth()
        .oauth2(TestTokens.ADMIN)
        .delete("/maintenance-windows/" + id)
        .then()
        .statusCode(204);
    kafka.awaitEvent(Topics.MAINTENANCE_ENDED, "windowId", id, WAIT);
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .get("/maintenance-windows/" + id + "/occurrences")
        .then()
        .statusCode(404);
  }
}
