package dev.autopilot.alert.robust;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.autopilot.alert.AlertServiceTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * alert-service never talks to Redis, so Redis being unreachable (here: configured on a port
 * nothing listens on; the shared Redis keeps serving other tests) must not take it out of service:
 * readiness stays UP and has no Redis check.
 */
@QuarkusTest
@QuarkusTestResource(AlertServiceTestResource.class)
@TestProfile(RedisDownReadinessTest.RedisUnreachable.class)
class RedisDownReadinessTest {
  /** Redis at a closed port. */
  public static class RedisUnreachable implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          // Above the test resource's own Redis address (test resources otherwise win).
          "config_ordinal", "1000", "quarkus.redis.hosts", "redis://127.0.0.1:" + closedPort());
    }

    private static int closedPort() {
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        return s.getLocalPort();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Test
  void readyWithoutRedis() {
    String body = given().get("/q/health/ready").then().extract().asString();
    JsonPath health = JsonPath.from(body);
    List<String> checks = health.getList("checks.name");
    assertThat(checks).as(body).noneMatch(name -> name.contains("Redis"));
    assertThat(checks).as(body).anyMatch(name -> name.contains("Database"));
    assertThat(health.getString("status")).as(body).isEqualTo("UP");
  }
}
