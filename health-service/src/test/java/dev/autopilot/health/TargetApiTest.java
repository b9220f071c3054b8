package dev.autopilot.health;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import dev.autopilot.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The targets API (viewer, problem+json errors) and the public status page. */
@QuarkusTest
@QuarkusTestResource(HealthServiceTestResource.class)
class TargetApiTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void targetsNeedAToken() {
    given()
        .get("/targets")
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .header("WWW-Authenticate", containsString("Bearer"));
    given().get("/targets/it-ready").then().statusCode(401);
    given().get("/targets/it-ready/probes").then().statusCode(401);
    given().auth().oauth2("ap_not_a_token").get("/targets").then().statusCode(401);
    given().auth().oauth2(TestTokens.expiredJwt("admin")).get("/targets").then().statusCode(401);
  }

  @Test
  void viewerReadsTargetsWithConfigAndState() {
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .get("/targets")
        .then()
        .statusCode(200)
        .body("id", hasItems("it-ready", "it-live", "it-refused", "it-slow"));
    given()
        .auth()
        .oauth2(TestTokens.jwt("viewer"))
        .get("/targets/it-live")
        .then()
        .statusCode(200)
        .body("address", containsString("/live"))
        .body("kind", equalTo("http"))
        .body("service", equalTo("shop"))
        .body("environment", equalTo("test"))
        .body("role", equalTo("liveness"))
        .body("interval", equalTo("1s"))
        .body("timeout", equalTo("1s"))
        .body("conditions", contains("[STATUS] == 200"))
        .body("failureThreshold", equalTo(3))
        .body("successThreshold", equalTo(2))
        .body("criticality", equalTo("P1"))
        .body("managedBy", equalTo("config"));
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .get("/targets/it-ready")
        .then()
        .statusCode(200)
        .body("role", equalTo("readiness"))
        .body("criticality", equalTo("P0"))
        .body("failureThreshold", equalTo(2));
  }

  @Test
  void probeFailuresSayWhatHappened() {
    Awaitility.await().atMost(WAIT).until(() -> "UP".equals(TargetApi.status("it-live")));
    Awaitility.await().atMost(WAIT).until(() -> "DOWN".equals(TargetApi.status("it-refused")));
    assertThat(TargetApi.target("it-refused").getString("state.lastError"))
        .isEqualTo("connection refused");
    Awaitility.await().atMost(WAIT).until(() -> "DOWN".equals(TargetApi.status("it-slow")));
    assertThat(TargetApi.target("it-slow").getString("state.lastError"))
        .isEqualTo("timeout after 300ms");
    assertThat(TargetApi.probes("it-slow"))
        .first()
        .satisfies(
            p -> {
              assertThat(p.get("ok")).isEqualTo(false);
              assertThat(((Number) p.get("durationMs")).longValue()).isBetween(250L, 1_500L);
            });
  }

  @Test
  void unknownTargetIs404AndBadLimitIs400() {
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .get("/targets/no-such-target")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("detail", containsString("no-such-target"));
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .get("/targets/no-such-target/probes")
        .then()
        .statusCode(404);
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .queryParam("limit", 0)
        .get("/targets/it-ready/probes")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("limit"));
  }

  @Test
  void statusPageIsPublicAndShowsNoUrls() {
    Awaitility.await().atMost(WAIT).until(() -> "DOWN".equals(TargetApi.status("it-refused")));
    given()
        .get("/status")
        .then()
        .statusCode(200)
        .contentType(containsString("text/html"))
        .body(containsString("it-ready"))
        .body(containsString("shop / test"))
        .body(containsString("billing / test"))
        .body(containsString("Some systems are down"))
        .body(containsString("connection refused"))
        .body(not(containsString("127.0.0.1")));
    given()
        .get("/status.json")
        .then()
        .statusCode(200)
        .contentType(containsString("application/json"))
        .body("overall", equalTo("DOWN"))
        .body("services.service", hasItems("shop", "billing"))
        .body("services.find { it.service == 'shop' }.targets.id", hasItems("it-ready", "it-live"))
        .body(not(containsString("127.0.0.1")))
        .body(not(containsString("url")));
  }

  @Test
  void operationalEndpointsArePublic() {
    given().get("/q/health/ready").then().statusCode(200);
    given().get("/q/health/live").then().statusCode(200);
    given().get("/q/openapi").then().statusCode(200).body(containsString("/targets"));
    // it-live is probed every second from the start; wait for its first recorded probe.
    String liveCounter = "autopilot_health_probes_total{outcome=\"success\",target=\"it-live\"}";
    Awaitility.await()
        .atMost(WAIT)
        .untilAsserted(() -> given().get("/q/metrics").then().body(containsString(liveCounter)));
    given()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(containsString("autopilot_health_probe_latency_seconds_bucket{outcome=\"success\""))
        .body(containsString(liveCounter))
        .body(containsString("autopilot_health_target_state{target=\"it-live\"}"))
        .body(not(containsString("autopilot_health_probe_duration")));
  }
}
