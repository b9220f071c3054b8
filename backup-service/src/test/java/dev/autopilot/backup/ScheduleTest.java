package dev.autopilot.backup;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.autopilot.backup.schedule.BackupScheduler;
import dev.autopilot.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Schedules through the API (bad cron 400, unknown source 404, admin only) and one run per slot.
 */
@QuarkusTest
@QuarkusTestResource(BackupServiceTestResource.class)
class ScheduleTest {
  @Inject BackupScheduler scheduler;

  @Test
  void aDueSlotRequestsOneScheduledBackup() {
    setSchedule("echo", "0 * * * * ?").statusCode(200).body("schedule", equalTo("0 * * * * ?"));
    int before = scheduled("echo");
    assertThat(scheduler.runIfDue("echo")).isTrue();
    // The same slot again (another tick, another replica): nothing.
    assertThat(scheduler.runIfDue("echo")).isFalse();
    assertThat(scheduled("echo")).isEqualTo(before + 1);
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .get("/sources/echo")
        .then()
        .statusCode(200)
        .body("kind", equalTo("command"))
        .body("nextRun", notNullValue())
        .body("lastScheduledSlot", notNullValue());
    setSchedule("echo", "off").statusCode(200).body("nextRun", org.hamcrest.Matchers.nullValue());
  }

  @Test
  void schedulesAreValidatedAndAdminOnly() {
    setSchedule("echo", "every day at two")
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", containsString("cron"));
    setSchedule("no-such-source", "0 0 2 * * ?").statusCode(404);
    given()
        .auth()
        .oauth2(TestTokens.OPERATOR)
        .contentType(ContentType.JSON)
        .body("{\"cron\":\"0 0 2 * * ?\"}")
        .put("/sources/echo/schedule")
        .then()
        .statusCode(403);
    given().get("/sources").then().statusCode(401);
    List<Map<String, Object>> all =
        given()
            .auth()
            .oauth2(TestTokens.VIEWER)
            .get("/sources")
            .then()
            .statusCode(200)
            .extract()
            .path("$");
    assertThat(all).extracting(m -> m.get("name")).contains("shop", "uploads", "cache", "echo");
    assertThat(all)
        .filteredOn(m -> "shop".equals(m.get("name")))
        .extracting(m -> m.get("schedule"))
        .containsExactly("0 0 2 * * ?");
    given().auth().oauth2(TestTokens.VIEWER).get("/sources/nope").then().statusCode(404);
  }

  private static io.restassured.response.ValidatableResponse setSchedule(
      String source, String cron) {
    return given()
        .auth()
        .oauth2(TestTokens.ADMIN)
        .contentType(ContentType.JSON)
        .body("{\"cron\":\"" + cron + "\"}")
        .put("/sources/" + source + "/schedule")
        .then();
  }

  private static int scheduled(String source) {
    List<Map<String, Object>> backups =
        given()
            .auth()
            .oauth2(TestTokens.VIEWER)
            .queryParam("source", source)
            .queryParam("limit", 1000)
            .get("/backups")
            .then()
            .extract()
            .path("$");
    return (int) backups.stream().filter(b -> "SCHEDULED".equals(b.get("reason"))).count();
  }
}
