package dev.autopilot.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sign-in and CSRF helpers for the console's tests. */
final class ConsoleTestSupport {
  static final String COOKIE = "autopilot_console";
  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

  private ConsoleTestSupport() {}

  /** Signs in with a token; returns the cookie's value. */
  static String signIn(String token) {
    Response response =
        given().redirects().follow(false).formParam("token", token).post("/sign-in");
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(303);
    return response.getCookie(COOKIE);
  }

  /** The CSRF token in the forms of a page. */
  static String csrf(String cookie, String page) {
    String html =
        given().cookie(COOKIE, cookie).get(page).then().statusCode(200).extract().asString();
    Matcher m = CSRF.matcher(html);
    assertThat(m.find()).as("a csrf field in %s", page).isTrue();
    return m.group(1);
  }
}
