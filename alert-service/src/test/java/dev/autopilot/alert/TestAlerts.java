package dev.autopilot.alert;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autopilot.testing.TestTokens;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;

/** Opens and resolves alerts through the Alertmanager webhook, and finds them through the API. */
final class TestAlerts {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TestAlerts() {}

  /** Posts one Alertmanager alert with these labels ({@code alertname} included). */
  static void post(String status, Map<String, String> labels) {
    ObjectNode body =
        JSON.createObjectNode().put("version", "4").put("status", status).put("receiver", "t");
    ArrayNode alerts = body.putArray("alerts");
    ObjectNode alert = alerts.addObject().put("status", status);
    ObjectNode l = alert.putObject("labels");
    labels.forEach(l::put);
    alert.putObject("annotations").put("summary", labels.get("alertname") + " summary");
    alert.put("startsAt", "2026-11-23T11:26:51Z");
    alert.put("endsAt", status.equals("firing") ? "0001-01-01T00:00:00Z" : "2026-11-23T11:36:51Z");
    given()
        .auth()
        .oauth2(TestTokens.OPERATOR)
        .contentType(ContentType.JSON)
        .body(body.toString())
        .post("/webhooks/alertmanager")
        .then()
        .statusCode(200);
  }

  /** Fires an Alertmanager alert and returns the id of the alert it opened. */
  static String fire(Map<String, String> labels) {
    post("firing", labels);
    return only(labels.get("alertname"), labels.get("run"));
  }

  /** The one alert with this name and {@code run} label (any state). */
  static Map<String, Object> find(String name, String run) {
    return find(name, run, "run");
  }

  /** The id of the one alert with this name and label value (any state). */
  static String only(String name, String value, String label) {
    return (String) find(name, value, label).get("id");
  }

  /** The one alert with this name whose {@code label} is {@code value} (any state). */
  static Map<String, Object> find(String name, String run, String label) {
    List<Map<String, Object>> all =
        given()
            .auth()
            .oauth2(TestTokens.VIEWER)
            .queryParam("name", name)
            .queryParam("limit", 1000)
            .get("/alerts")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("$");
    List<Map<String, Object>> mine =
        all.stream().filter(a -> run.equals(((Map<?, ?>) a.get("labels")).get(label))).toList();
    assertThat(mine).hasSize(1);
    return mine.get(0);
  }

  static String only(String name, String run) {
    return (String) find(name, run).get("id");
  }

  /** The state of one alert. */
  static String state(String id) {
    return given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .get("/alerts/" + id)
        .then()
        .statusCode(200)
        .extract()
        .path("state");
  }
}
