package dev.autopilot.health;

import static io.restassured.RestAssured.given;

import dev.autopilot.testing.TestTokens;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/** What tests read through the API (as a viewer), and how they switch the fake target. */
final class TargetApi {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private TargetApi() {}

  /** GET /targets/{id} as a viewer. */
  static JsonPath target(String id) {
    return given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .get("/targets/" + id)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  /** The target's current status: UP, DOWN or UNKNOWN. */
  static String status(String id) {
    return target(id).getString("state.status");
  }

  /** The target's latest probes, newest first. */
  static List<Map<String, Object>> probes(String id) {
    return given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .queryParam("limit", 100)
        .get("/targets/" + id + "/probes")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("$");
  }

  /** POSTs a control query ({@code ready=503}, {@code fail-next=1}) to the fake target. */
  static void control(String readyUrl, String query) throws Exception {
    URI uri = URI.create(readyUrl.replace("/ready", "/control?" + query));
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 204) {
      throw new AssertionError("fake target control failed: " + response.body());
    }
  }
}
