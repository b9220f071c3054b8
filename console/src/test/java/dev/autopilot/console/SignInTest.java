package dev.autopilot.console;

import static dev.autopilot.console.ConsoleTestSupport.COOKIE;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sign-in with a token the services accept, the cookie's flags, sign-out. */
@QuarkusTest
@QuarkusTestResource(StandInService.class)
class SignInTest {
  @CacheName("console-identity")
  Cache identities;

  @BeforeEach
  void clear() {
    identities.invalidateAll().await().indefinitely();
    StandInService.REQUESTS.clear();
    StandInService.SCRIPT.clear();
  }

  @Test
  void pagesWithoutASignInShowTheSignInForm() {
    given()
        .get("/alerts")
        .then()
        .statusCode(401)
        .contentType(containsString("text/html"))
        .body(containsString("name=\"token\""));
    assertThat(StandInService.REQUESTS).isEmpty();
  }

  @Test
  void aTokenTheServicesAcceptIsKeptInAnHttpOnlyStrictCookie() {
    Response response =
        given()
            .redirects()
            .follow(false)
            .formParam("token", StandInService.OPERATOR)
            .post("/sign-in");
    assertThat(response.statusCode()).isEqualTo(303);
    assertThat(response.header("Location")).endsWith("/alerts");
    String setCookie = response.header("Set-Cookie");
    assertThat(setCookie)
        .startsWith(COOKIE + "=")
        .containsIgnoringCase("HttpOnly")
        .containsIgnoringCase("SameSite=Strict")
        .contains("Path=/")
        .contains("Max-Age=28800")
        .doesNotContainIgnoringCase("Secure;")
        .doesNotEndWith("Secure");
    assertThat(response.getCookie(COOKIE)).endsWith("." + StandInService.OPERATOR);

    // The token was checked with the services, sent as a bearer token: the read probe, then the
    // role probes (nil alert ack: 404 = operator; deploy audit: 403 = not admin).
    assertThat(StandInService.to("GET", "/alerts?limit=1"))
        .singleElement()
        .satisfies(
            r -> assertThat(r.authorization()).isEqualTo("Bearer " + StandInService.OPERATOR));
    assertThat(StandInService.to("POST", "/alerts/00000000-0000-0000-0000-000000000000/ack"))
        .hasSize(1);
    assertThat(StandInService.to("GET", "/audit?limit=1")).hasSize(1);

    given()
        .cookie(COOKIE, response.getCookie(COOKIE))
        .get("/alerts")
        .then()
        .statusCode(200)
        .body(containsString("<span id=\"role\">operator</span>"));
  }

  @Test
  void overHttpsTheCookieIsSecure() {
    // Behind a TLS-terminating proxy (quarkus.http.proxy.* in the test profile).
    String setCookie =
        given()
            .redirects()
            .follow(false)
            .header("X-Forwarded-Proto", "https")
            .formParam("token", StandInService.VIEWER)
            .post("/sign-in")
            .then()
            .statusCode(303)
            .extract()
            .header("Set-Cookie");
    assertThat(setCookie).containsIgnoringCase("Secure").containsIgnoringCase("HttpOnly");
  }

  @Test
  void aTokenTheServicesRefuseIsNotKept() {
    Response response =
        given().redirects().follow(false).formParam("token", "ap_unknown").post("/sign-in");
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.asString()).contains("That token was not accepted by the services.");
    assertThat(response.getCookie(COOKIE)).isNullOrEmpty();
    assertThat(StandInService.to("GET", "/alerts?limit=1"))
        .singleElement()
        .satisfies(r -> assertThat(r.authorization()).isEqualTo("Bearer ap_unknown"));
  }

  @Test
  void aSignInFormPostedFromAnotherSiteIsRefusedUnchecked() {
    given()
        .redirects()
        .follow(false)
        .header("Origin", "https://evil.example")
        .formParam("token", StandInService.OPERATOR)
        .post("/sign-in")
        .then()
        .statusCode(401)
        .body(containsString("Sign in from the console"));
    assertThat(StandInService.REQUESTS).isEmpty();
  }

  @Test
  void viewersAndAdminsAreToldApart() {
    String viewer = ConsoleTestSupport.signIn(StandInService.VIEWER);
    given().cookie(COOKIE, viewer).get("/alerts").then().body(containsString(">viewer<"));
    String admin = ConsoleTestSupport.signIn(StandInService.ADMIN);
    given().cookie(COOKIE, admin).get("/alerts").then().body(containsString(">admin<"));
  }

  @Test
  void signOutClearsTheCookie() {
    String cookie = ConsoleTestSupport.signIn(StandInService.OPERATOR);
    String csrf = ConsoleTestSupport.csrf(cookie, "/alerts");
    Response response =
        given()
            .redirects()
            .follow(false)
            .cookie(COOKIE, cookie)
            .formParam("csrf", csrf)
            .post("/sign-out");
    assertThat(response.statusCode()).isEqualTo(303);
    assertThat(response.header("Location")).endsWith("/sign-in");
    assertThat(response.header("Set-Cookie")).startsWith(COOKIE + "=;").contains("Max-Age=0");
  }
}
