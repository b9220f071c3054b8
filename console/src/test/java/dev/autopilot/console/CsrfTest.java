package dev.autopilot.console;

import static dev.autopilot.console.ConsoleTestSupport.COOKIE;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every form post needs this session's CSRF token; the action then reaches the service. */
@QuarkusTest
@QuarkusTestResource(StandInService.class)
class CsrfTest {
  private static final String ALERT = "5c1e8f7e-1111-4a4a-9b9b-000000000001";

  @BeforeEach
  void clear() {
    StandInService.REQUESTS.clear();
    StandInService.SCRIPT.clear();
  }

  @Test
  void aPostWithoutTheTokenIsRefusedAndReachesNoService() {
    String cookie = ConsoleTestSupport.signIn(StandInService.OPERATOR);
    StandInService.REQUESTS.clear();
    given()
        .cookie(COOKIE, cookie)
        .post("/alerts/" + ALERT + "/ack")
        .then()
        .statusCode(403)
        .body(containsString("This form was not accepted"));
    given()
        .cookie(COOKIE, cookie)
        .formParam("csrf", "forged")
        .post("/alerts/" + ALERT + "/ack")
        .then()
        .statusCode(403);
    assertThat(StandInService.REQUESTS).isEmpty();
  }

  @Test
  void anotherSessionsTokenIsRefused() {
    String first = ConsoleTestSupport.signIn(StandInService.OPERATOR);
    String firstCsrf = ConsoleTestSupport.csrf(first, "/alerts");
    String second = ConsoleTestSupport.signIn(StandInService.OPERATOR); // signed in again
    assertThat(ConsoleTestSupport.csrf(second, "/alerts")).isNotEqualTo(firstCsrf);
    StandInService.REQUESTS.clear();
    given()
        .cookie(COOKIE, second)
        .formParam("csrf", firstCsrf)
        .post("/alerts/" + ALERT + "/ack")
        .then()
        .statusCode(403);
    assertThat(StandInService.REQUESTS).isEmpty();
  }

  @Test
  void withTheTokenTheActionIsSentWithTheUsersBearerToken() {
    String cookie = ConsoleTestSupport.signIn(StandInService.OPERATOR);
    String csrf = ConsoleTestSupport.csrf(cookie, "/alerts");
    StandInService.REQUESTS.clear();
    given()
        .redirects()
        .follow(false)
        .cookie(COOKIE, cookie)
        .formParam("csrf", csrf)
        .post("/alerts/" + ALERT + "/ack")
        .then()
        .statusCode(303)
        .header("Location", containsString("/alerts?done=acknowledged"));
    assertThat(StandInService.to("POST", "/alerts/" + ALERT + "/ack"))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.authorization()).isEqualTo("Bearer " + StandInService.OPERATOR);
              assertThat(r.body()).isEmpty();
            });
  }

  @Test
  void aSilenceIsSentInAlertServicesShape() {
    String cookie = ConsoleTestSupport.signIn(StandInService.OPERATOR);
    String csrf = ConsoleTestSupport.csrf(cookie, "/alerts");
    StandInService.REQUESTS.clear();
    given()
        .redirects()
        .follow(false)
        .cookie(COOKIE, cookie)
        .formParam("csrf", csrf)
        .formParam("matchers", "alertname=\"DemoDown\", target=~\"demo-.*\", env!=prod")
        .formParam("duration", "2h")
        .formParam("comment", "planned restart")
        .post("/alerts/silences")
        .then()
        .statusCode(303);
    String body = StandInService.to("POST", "/silences").get(0).body();
    assertThat(body)
        .contains(
            "\"matchers\":[{\"name\":\"alertname\",\"value\":\"DemoDown\",\"isRegex\":false,"
                + "\"isEqual\":true},{\"name\":\"target\",\"value\":\"demo-.*\",\"isRegex\":true,"
                + "\"isEqual\":true},{\"name\":\"env\",\"value\":\"prod\",\"isRegex\":false,"
                + "\"isEqual\":false}]")
        .contains("\"comment\":\"planned restart\"")
        .containsPattern("\"endsAt\":\"\\d{4}-\\d\\d-\\d\\dT");
  }

  @Test
  void viewersGetNoActionForms() {
    StandInService.SCRIPT.put(
        "GET /alerts?limit=200&state=FIRING",
        StandInService.json(
            200,
            "[{\"id\":\""
                + ALERT
                + "\",\"name\":\"DemoDown\",\"state\":\"FIRING\",\"severity\":\"P1\","
                + "\"labels\":{\"target\":\"demo-ready\"},\"startsAt\":\"2026-11-23T10:00:00Z\"}]"));
    String viewer = ConsoleTestSupport.signIn(StandInService.VIEWER);
    given()
        .cookie(COOKIE, viewer)
        .get("/alerts")
        .then()
        .statusCode(200)
        .body(containsString("data-alert-id=\"" + ALERT + "\""))
        .body(not(containsString("/ack\"")))
        .body(not(containsString("new-silence")));
    String operator = ConsoleTestSupport.signIn(StandInService.OPERATOR);
    given()
        .cookie(COOKIE, operator)
        .get("/alerts")
        .then()
        .body(containsString("action=\"/alerts/" + ALERT + "/ack\""));
  }
}
