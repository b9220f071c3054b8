package dev.autopilot.console;

import static dev.autopilot.console.ConsoleTestSupport.COOKIE;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a service says when it refuses or fails, as a readable page; never a stack trace. */
@QuarkusTest
@QuarkusTestResource(StandInService.class)
class ErrorRenderingTest {
  private static final String DEPLOYMENT = "a8c7516f-aa3b-491b-bf22-dd01fa8e090e";

  @BeforeEach
  void clear() {
    StandInService.REQUESTS.clear();
    StandInService.SCRIPT.clear();
  }

  @Test
  void aProblemShowsItsTitleAndDetailWithTheServicesStatus() {
    StandInService.SCRIPT.put(
        "POST /deployments/" + DEPLOYMENT + "/cancel",
        StandInService.problem(
            409, "Conflict", "deployment " + DEPLOYMENT + " is SUCCEEDED; it cannot be cancelled"));
    String cookie = ConsoleTestSupport.signIn(StandInService.OPERATOR);
    String csrf = ConsoleTestSupport.csrf(cookie, "/alerts");
    given()
        .cookie(COOKIE, cookie)
        .formParam("csrf", csrf)
        .post("/deployments/" + DEPLOYMENT + "/cancel")
        .then()
        .statusCode(409)
        .contentType(containsString("text/html"))
        .body(
            allOf(
                containsString("deploy-service answered 409: Conflict"),
                containsString("is SUCCEEDED; it cannot be cancelled"),
                not(containsString("Exception")),
                not(containsString("at dev."))));
  }

  @Test
  void validationErrorsNameTheirFields() {
    StandInService.SCRIPT.put(
        "POST /silences",
        new StandInService.Answer(
            400,
            "application/problem+json",
            "{\"title\":\"Bad Request\",\"status\":400,\"detail\":\"matchers[0].value is not a"
                + " valid regex\",\"errors\":[{\"field\":\"matchers[0].value\",\"message\":\"is"
                + " not a valid regex\"}]}"));
    String cookie = ConsoleTestSupport.signIn(StandInService.OPERATOR);
    String csrf = ConsoleTestSupport.csrf(cookie, "/alerts");
    given()
        .cookie(COOKIE, cookie)
        .formParam("csrf", csrf)
        .formParam("matchers", "job=~\"(\"")
        .formParam("duration", "1h")
        .formParam("comment", "x")
        .post("/alerts/silences")
        .then()
        .statusCode(400)
        .body(containsString("<li>matchers[0].value: is not a valid regex</li>"));
  }

  @Test
  void theConsoleRejectsAFormItCannotReadBeforeCallingAService() {
    String cookie = ConsoleTestSupport.signIn(StandInService.OPERATOR);
    String csrf = ConsoleTestSupport.csrf(cookie, "/alerts");
    StandInService.REQUESTS.clear();
    given()
        .cookie(COOKIE, cookie)
        .formParam("csrf", csrf)
        .formParam("matchers", "alertname=DemoDown")
        .formParam("duration", "forever")
        .formParam("comment", "x")
        .post("/alerts/silences")
        .then()
        .statusCode(400)
        .body(containsString("duration: use 30m, 2h, 1d or ISO-8601"));
    org.assertj.core.api.Assertions.assertThat(StandInService.REQUESTS).isEmpty();
  }

  @Test
  void aServerErrorWithoutAProblemIsA502WithoutTheBody() {
    StandInService.SCRIPT.put(
        "GET /targets",
        new StandInService.Answer(
            500, "text/html", "<html><pre>java.lang.IllegalStateException at x.y</pre></html>"));
    String cookie = ConsoleTestSupport.signIn(StandInService.VIEWER);
    given()
        .cookie(COOKIE, cookie)
        .get("/targets")
        .then()
        .statusCode(502)
        .body(
            allOf(
                containsString("health-service answered 500: HTTP 500"),
                not(containsString("IllegalStateException"))));
  }

  @Test
  void anUnreachableServiceIsNamed() {
    String cookie = ConsoleTestSupport.signIn(StandInService.VIEWER);
    given()
        .cookie(COOKIE, cookie)
        .get("/oncall")
        .then()
        .statusCode(502)
        .body(containsString("notification-service is unreachable"));
  }

  @Test
  void theServicesRefusalOfAHiddenActionIsShown() {
    String cookie = ConsoleTestSupport.signIn(StandInService.VIEWER);
    String csrf = ConsoleTestSupport.csrf(cookie, "/alerts");
    given()
        .cookie(COOKIE, cookie)
        .formParam("csrf", csrf)
        .post("/deployments/" + DEPLOYMENT + "/rollback")
        .then()
        .statusCode(403)
        .body(containsString("deploy-service answered 403: Forbidden"));
  }
}
