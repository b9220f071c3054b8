package dev.autopilot.alert;

import static io.restassured.RestAssured.given;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** METRICS_GUARD=secret: a scrape without the shared secret is refused (seed runbook 004). */
@QuarkusTest
@QuarkusTestResource(AlertServiceTestResource.class)
@TestProfile(MetricsGuardTest.SecretGuard.class)
class MetricsGuardTest {
  /** Turns the guard on with a known secret. */
  public static class SecretGuard implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("autopilot.metrics.guard", "secret", "autopilot.metrics.secret", "s3cret");
    }
  }

  @Test
  void scrapeNeedsTheSecretHeader() {
    given().get("/q/metrics").then().statusCode(403);
    given().header("x-metrics-secret", "wrong").get("/q/metrics").then().statusCode(403);
    given().header("x-metrics-secret", "s3cret").get("/q/metrics").then().statusCode(200);
    // Probes stay open: an orchestrator must not need the metrics secret.
    given().get("/q/health/live").then().statusCode(200);
  }
}
