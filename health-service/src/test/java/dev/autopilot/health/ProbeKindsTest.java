package dev.autopilot.health;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.autopilot.health.store.TargetRepository;
import dev.autopilot.health.store.TargetStateRecord;
import dev.autopilot.health.store.TargetStateRepository;
import dev.autopilot.health.target.TargetCatalog;
import dev.autopilot.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;
import redis.embedded.core.ExecutableProvider;

/**
 * Every kind of probe against a real server, through the on-demand check API (POST /checks, as
 * deploy-service calls it): HTTP conditions (body, header secret, slow, flapping), TCP and Postgres
 * against the shared stack's Postgres, Redis against one this test starts and stops.
 */
@QuarkusTest
@QuarkusTestResource(HealthServiceTestResource.class)
class ProbeKindsTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @Inject TargetRepository targets;
  @Inject TargetStateRepository states;
  @Inject TargetCatalog catalog;

  private static String base() {
    return ConfigProvider.getConfig().getValue(HealthServiceTestResource.BASE_URL, String.class);
  }

  private static int pgPort() {
    return ConfigProvider.getConfig().getValue(HealthServiceTestResource.PG_PORT, Integer.class);
  }

  private static void create(String id, String service, String address, String extra) {
    given()
        .auth()
        .oauth2(TestTokens.OPERATOR)
        .contentType(ContentType.JSON)
        .body(
            "{\"id\":\""
                + id
                + "\",\"service\":\""
                + service
                + "\",\"environment\":\"test\",\"address\":\""
                + address
                + "\",\"interval\":\"1s\",\"timeout\":\"1s\",\"failureThreshold\":1"
                + extra
                + "}")
        .post("/targets")
        .then()
        .statusCode(201);
  }

  private static void delete(String id) {
    given().auth().oauth2(TestTokens.OPERATOR).delete("/targets/" + id);
  }

  private static JsonPath check(String body) {
    return given()
        .auth()
        .oauth2(TestTokens.OPERATOR)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/checks")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static JsonPath checkTarget(String id) {
    return check("{\"targetId\":\"" + id + "\"}");
  }

  @Test
  void checkApiFollowsTheContract() {
    JsonPath shop = check("{\"service\":\"shop\",\"environment\":\"test\"}");
    assertThat(shop.getString("checkedAt")).isNotBlank();
    assertThat(shop.getList("results.targetId", String.class))
        .containsExactlyInAnyOrder("it-ready", "it-live");
    assertThat(shop.getList("results.durationMs")).allSatisfy(d -> assertThat(d).isNotNull());
    JsonPath refused = check("{\"service\":\"billing\",\"environment\":\"test\"}");
    assertThat(refused.getString("verdict")).isEqualTo("DOWN");
    assertThat(refused.getString("results.find { it.targetId == 'it-refused' }.error"))
        .isEqualTo("connection refused");
    assertThat(refused.getBoolean("results.find { it.targetId == 'it-refused' }.ok")).isFalse();

    given()
        .auth()
        .oauth2(TestTokens.OPERATOR)
        .contentType(ContentType.JSON)
        .body("{\"service\":\"nobody\",\"environment\":\"test\"}")
        .post("/checks")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    given()
        .auth()
        .oauth2(TestTokens.OPERATOR)
        .contentType(ContentType.JSON)
        .body("{\"service\":\"shop\"}")
        .post("/checks")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("environment"));
    given()
        .contentType(ContentType.JSON)
        .body("{\"targetId\":\"it-live\"}")
        .post("/checks")
        .then()
        .statusCode(401);
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .contentType(ContentType.JSON)
        .body("{\"targetId\":\"it-live\"}")
        .post("/checks")
        .then()
        .statusCode(403);
  }

  @Test
  void httpConditionsOnBodyHeadersTimeAndFlapping() throws Exception {
    String base = base();
    create(
        "kinds-json",
        "kinds-http",
        base + "/health/ready",
        ",\"conditions\":[\"[STATUS] == 200\",\"[BODY].status == Healthy\",\"len([BODY].status) > 3\"]");
    create(
        "kinds-auth",
        "kinds-http",
        base + "/auth",
        ",\"headers\":[{\"name\":\"Authorization\",\"valueFromEnv\":\"IT_PROBE_TOKEN\"}]");
    create("kinds-noauth", "kinds-http", base + "/auth", "");
    create("kinds-slow", "kinds-http", base + "/slow", ",\"timeout\":\"400ms\"");
    create(
        "kinds-flap",
        "kinds-http",
        base + "/flap",
        ",\"failureThreshold\":3,\"successThreshold\":3");
    create(
        "kinds-sluggish",
        "kinds-http",
        base + "/slow",
        ",\"interval\":\"5s\",\"timeout\":\"3s\","
            + "\"conditions\":[\"[STATUS] == 200\",\"[RESPONSE_TIME] < 1000\"]");
    try {
      assertThat(checkTarget("kinds-json").getString("verdict")).isEqualTo("UP");
      TargetApi.control(base + "/ready", "json-status=Degraded");
      JsonPath wrongBody = checkTarget("kinds-json");
      assertThat(wrongBody.getString("verdict")).isEqualTo("DOWN");
      assertThat(wrongBody.getString("results[0].error"))
          .isEqualTo("[BODY].status == Healthy failed");
      TargetApi.control(base + "/ready", "json-status=Healthy");

      assertThat(checkTarget("kinds-auth").getString("verdict")).isEqualTo("UP");
      assertThat(checkTarget("kinds-noauth").getString("results[0].error")).isEqualTo("status 401");

      JsonPath slow = checkTarget("kinds-slow");
      assertThat(slow.getString("results[0].error")).isEqualTo("timeout after 400ms");
      assertThat(slow.getLong("results[0].durationMs")).isBetween(350L, 1_500L);

      // Flapping 200/503 never reaches 3 in a row either way: no DOWN, and no event.
      Awaitility.await().atMost(WAIT).until(() -> TargetApi.probes("kinds-flap").size() >= 6);
      assertThat(TargetApi.status("kinds-flap")).isIn("UP", "UNKNOWN");

      // Answering after 2 s, too slowly for [RESPONSE_TIME] < 1000: DEGRADED, not DOWN.
      Awaitility.await()
          .atMost(WAIT)
          .until(() -> "DEGRADED".equals(TargetApi.status("kinds-sluggish")));
      assertThat(TargetApi.target("kinds-sluggish").getString("state.lastError"))
          .startsWith("[RESPONSE_TIME] < 1000 failed (was 2");
    } finally {
      for (String id :
          new String[] {
            "kinds-json", "kinds-auth", "kinds-noauth", "kinds-slow", "kinds-flap", "kinds-sluggish"
          }) {
        delete(id);
      }
    }
  }

  @Test
  void certificateExpiryOfARealShortLivedCertificate() {
    String url =
        ConfigProvider.getConfig().getValue(HealthServiceTestResource.TLS_URL, String.class);
    create(
        "kinds-tls-ok",
        "kinds-tls",
        url,
        ",\"interval\":\"5s\",\"timeout\":\"4s\",\"conditions\":[\"[STATUS] == 200\",\"[CERTIFICATE_EXPIRATION] > 24h\"]");
    create(
        "kinds-tls-week",
        "kinds-tls-week",
        url,
        ",\"interval\":\"5s\",\"timeout\":\"4s\",\"conditions\":[\"[STATUS] == 200\",\"[CERTIFICATE_EXPIRATION] > 168h\"]");
    try {
      JsonPath ok = checkTarget("kinds-tls-ok");
      assertThat(ok.getString("verdict")).as(ok.prettify()).isEqualTo("UP");
      JsonPath week = checkTarget("kinds-tls-week");
      assertThat(week.getString("verdict")).isEqualTo("DOWN");
      assertThat(week.getString("results[0].error"))
          .matches("\\[CERTIFICATE_EXPIRATION\\] > 168h failed \\(was 4[78]h\\)");
      // Expiring soon is a soft failure: the target answers, so it is DEGRADED, not DOWN.
      Awaitility.await()
          .atMost(WAIT)
          .until(() -> "DEGRADED".equals(TargetApi.status("kinds-tls-week")));
    } finally {
      delete("kinds-tls-ok");
      delete("kinds-tls-week");
    }
  }

  @Test
  void tcpAndPostgresAgainstTheRealDatabase() throws Exception {
    int port = pgPort();
    int closed = closedPort();
    create("kinds-tcp", "kinds-db", "tcp://127.0.0.1:" + port, "");
    create("kinds-tcp-closed", "kinds-db-down", "tcp://127.0.0.1:" + closed, "");
    create(
        "kinds-pg",
        "kinds-db",
        "postgres://postgres@127.0.0.1:" + port + "/health",
        ",\"passwordEnv\":\"IT_PG_PASSWORD\",\"conditions\":[\"[CONNECTED] == true\",\"[BODY] == 1\"]");
    create(
        "kinds-pg-nodb",
        "kinds-db-down",
        "postgres://postgres@127.0.0.1:" + port + "/no_such_database",
        ",\"passwordEnv\":\"IT_PG_PASSWORD\"");
    create(
        "kinds-pg-closed", "kinds-db-down", "postgres://postgres@127.0.0.1:" + closed + "/x", "");
    try {
      JsonPath up = check("{\"service\":\"kinds-db\",\"environment\":\"test\"}");
      assertThat(up.getString("verdict")).as(up.prettify()).isEqualTo("UP");
      JsonPath down = check("{\"service\":\"kinds-db-down\",\"environment\":\"test\"}");
      assertThat(down.getString("verdict")).isEqualTo("DOWN");
      assertThat(down.getString("results.find { it.targetId == 'kinds-tcp-closed' }.error"))
          .isEqualTo("connection refused");
      assertThat(down.getString("results.find { it.targetId == 'kinds-pg-nodb' }.error"))
          .isEqualTo("postgres error 3D000");
      assertThat(down.getString("results.find { it.targetId == 'kinds-pg-closed' }.error"))
          .isEqualTo("connection refused");
      Awaitility.await().atMost(WAIT).until(() -> "UP".equals(TargetApi.status("kinds-pg")));
      Awaitility.await().atMost(WAIT).until(() -> "DOWN".equals(TargetApi.status("kinds-pg-nodb")));
    } finally {
      for (String id :
          new String[] {
            "kinds-tcp", "kinds-tcp-closed", "kinds-pg", "kinds-pg-nodb", "kinds-pg-closed"
          }) {
        delete(id);
      }
    }
  }

  @Test
  void redisUpThenStoppedIsDown() throws Exception {
    int port = closedPort();
    Path bin = Files.createTempDirectory("health-redis");
    RedisServer redis = redis(port, bin);
    create(
        "kinds-redis",
        "kinds-cache",
        "redis://127.0.0.1:" + port,
        ",\"conditions\":[\"[CONNECTED] == true\",\"[BODY] == PONG\"]");
    try {
      assertThat(checkTarget("kinds-redis").getString("verdict")).isEqualTo("UP");
      Awaitility.await().atMost(WAIT).until(() -> "UP".equals(TargetApi.status("kinds-redis")));
      redis.stop();
      JsonPath down = checkTarget("kinds-redis");
      assertThat(down.getString("verdict")).isEqualTo("DOWN");
      assertThat(down.getString("results[0].error")).isEqualTo("connection refused");
      Awaitility.await().atMost(WAIT).until(() -> "DOWN".equals(TargetApi.status("kinds-redis")));
    } finally {
      delete("kinds-redis");
      if (redis.isActive()) {
        redis.stop();
      }
    }
  }

  @Test
  void theSsrfGuardAlsoRunsAtProbeTime() {
    // Written around the API's write-time check (as an older row or a direct DB edit would be):
    // the probe still refuses to connect.
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              targets.upsert(
                  TestTargets.http("kinds-metadata", "http://169.254.169.254/latest/meta-data")
                      .service("kinds-ssrf")
                      .interval(Duration.ofSeconds(30))
                      .timeout(Duration.ofSeconds(1))
                      .managedBy("api")
                      .build());
              states.createIfMissing(TargetStateRecord.unknown("kinds-metadata", Instant.now()));
            });
    catalog.replace(targets.list());
    try {
      JsonPath refused = checkTarget("kinds-metadata");
      assertThat(refused.getString("verdict")).isEqualTo("DOWN");
      assertThat(refused.getString("results[0].error")).startsWith("address refused");
      assertThat(refused.getLong("results[0].durationMs")).isLessThan(500L);
    } finally {
      delete("kinds-metadata");
    }
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .get("/targets/kinds-metadata")
        .then()
        .statusCode(404)
        .body("detail", containsString("kinds-metadata"));
  }

  private static RedisServer redis(int port, Path bin) throws IOException {
    try {
      RedisServer server =
          RedisServer.newRedisServer()
              .bind("127.0.0.1")
              .port(port)
              .setting("save \"\"")
              .setting("appendonly no")
              .soutListener(line -> {})
              .serrListener(line -> {})
              .executableProvider(ExecutableProvider.newJarResourceProvider(bin.toFile()))
              .build();
      server.start();
      return server;
    } catch (IOException bundled) {
      RedisServer server =
          RedisServer.newRedisServer()
              .bind("127.0.0.1")
              .port(port)
              .setting("save \"\"")
              .soutListener(line -> {})
              .serrListener(line -> {})
              .executableProvider(ExecutableProvider.newExecutableInPath("redis-server"))
              .build();
      server.start();
      return server;
    }
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
