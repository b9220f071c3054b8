package dev.autopilot.health;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.autopilot.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * mongodb probes against {@link MongoReceiver}, a local receiver speaking the real OP_MSG wire
 * format: ok: 1 with conditions on [CONNECTED], [RESPONSE_TIME] and the reply's fields; ok: 0; a
 * connection closed without a reply; a server that never answers; something that is not MongoDB.
 * Through the on-demand check API and the scheduler, as every other kind.
 */
@QuarkusTest
@QuarkusTestResource(HealthServiceTestResource.class)
class MongoProbeTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @Test
  void helloAnsweredOkIsUpAndItsReplyFeedsConditions() throws Exception {
    try (MongoReceiver mongo = MongoReceiver.start(MongoReceiver.Mode.OK)) {
      create(
          "mongo-ok",
          "mongodb://127.0.0.1:" + mongo.port(),
          "1s",
          "\"[CONNECTED] == true\",\"[RESPONSE_TIME] < 1000\","
              + "\"[BODY].isWritablePrimary == true\",\"[BODY].setName == rs0\"");
      create(
          "mongo-secondary",
          "mongodb://127.0.0.1:" + mongo.port() + "/",
          "1s",
          "\"[CONNECTED] == true\",\"[BODY].isWritablePrimary == false\"");
      try {
        JsonPath ok = checkTarget("mongo-ok");
        assertThat(ok.getString("verdict")).as(ok.prettify()).isEqualTo("UP");
        assertThat(ok.getBoolean("results[0].ok")).isTrue();
        JsonPath secondary = checkTarget("mongo-secondary");
        assertThat(secondary.getString("verdict")).isEqualTo("DOWN");
        assertThat(secondary.getString("results[0].error"))
            .isEqualTo("[BODY].isWritablePrimary == false failed");

        // What went over the wire: hello against admin, nothing else.
        assertThat(mongo.protocolErrors()).isEmpty();
        assertThat(mongo.commands())
            .isNotEmpty()
            .allSatisfy(
                c -> {
                  assertThat(c.keySet()).containsExactly("hello", "$db");
                  assertThat(c.getInt32("hello").getValue()).isEqualTo(1);
                  assertThat(c.getString("$db").getValue()).isEqualTo("admin");
                });
        // The scheduler probes it too, and every probe closes its connection.
        Awaitility.await().atMost(WAIT).until(() -> "UP".equals(TargetApi.status("mongo-ok")));
        Awaitility.await().atMost(WAIT).until(() -> mongo.openConnections() <= 2);
      } finally {
        delete("mongo-ok");
        delete("mongo-secondary");
      }
      Awaitility.await().atMost(WAIT).until(() -> mongo.openConnections() == 0);
    }
  }

  @Test
  void aCommandErrorIsDownWithTheServersCode() throws Exception {
    try (MongoReceiver mongo = MongoReceiver.start(MongoReceiver.Mode.ERROR)) {
      create("mongo-err", "mongodb://127.0.0.1:" + mongo.port(), "1s", "\"[CONNECTED] == true\"");
      try {
        JsonPath down = checkTarget("mongo-err");
        assertThat(down.getString("verdict")).isEqualTo("DOWN");
        assertThat(down.getString("results[0].error")).isEqualTo("mongodb error 13 (Unauthorized)");
        Awaitility.await().atMost(WAIT).until(() -> "DOWN".equals(TargetApi.status("mongo-err")));
        assertThat(TargetApi.target("mongo-err").getString("state.lastError"))
            .isEqualTo("mongodb error 13 (Unauthorized)");
        assertThat(mongo.protocolErrors()).isEmpty();
      } finally {
        delete("mongo-err");
      }
    }
  }

  @Test
  void aClosedConnectionASilentServerAndAnotherProtocolAreDown() throws Exception {
    try (MongoReceiver closing = MongoReceiver.start(MongoReceiver.Mode.CLOSE);
        MongoReceiver silent = MongoReceiver.start(MongoReceiver.Mode.SILENT);
        MongoReceiver http = MongoReceiver.start(MongoReceiver.Mode.NOT_MONGO)) {
      create("mongo-closed", "mongodb://127.0.0.1:" + closing.port(), "1s", "");
      create("mongo-silent", "mongodb://127.0.0.1:" + silent.port(), "500ms", "");
      create("mongo-http", "mongodb://127.0.0.1:" + http.port(), "1s", "");
      try {
        assertThat(checkTarget("mongo-closed").getString("results[0].error"))
            .isEqualTo("connection closed before the response");
        JsonPath timeout = checkTarget("mongo-silent");
        assertThat(timeout.getString("verdict")).isEqualTo("DOWN");
        assertThat(timeout.getString("results[0].error")).isEqualTo("timeout after 500ms");
        assertThat(timeout.getLong("results[0].durationMs")).isBetween(450L, 2_000L);
        assertThat(checkTarget("mongo-http").getString("results[0].error"))
            .isEqualTo("not a MongoDB reply");
        assertThat(closing.commands()).isNotEmpty();
        assertThat(silent.commands()).isNotEmpty();
        Awaitility.await()
            .atMost(WAIT)
            .until(() -> "DOWN".equals(TargetApi.status("mongo-silent")));
      } finally {
        delete("mongo-closed");
        delete("mongo-silent");
        delete("mongo-http");
      }
      // A server that never answers does not keep the prober's connections: the idle timeout
      // closes each one shortly after its probe timed out.
      Awaitility.await().atMost(WAIT).until(() -> silent.openConnections() == 0);
    }
  }

  @Test
  void mongodbTargetsAreValidatedLikeEveryOther() {
    invalid(
        "\"address\":\"mongodb://127.0.0.1:27017\",\"kind\":\"redis\"",
        "address",
        "is a mongodb address but kind is redis");
    invalid(
        "\"address\":\"mongodb://127.0.0.1:27017\",\"passwordEnv\":\"MONGO_PASSWORD\"",
        "passwordEnv",
        "is not used: mongodb probes run hello, which needs no login");
    invalid(
        "\"address\":\"mongodb://probe:secret@127.0.0.1:27017\"",
        "address",
        "must not contain a password or user info (use passwordEnv or headers)");
  }

  private static void invalid(String fields, String field, String message) {
    given()
        .auth()
        .oauth2(TestTokens.OPERATOR)
        .contentType(ContentType.JSON)
        .body(
            "{\"id\":\"mongo-bad\",\"service\":\"mongo\",\"environment\":\"test\"," + fields + "}")
        .post("/targets")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", org.hamcrest.Matchers.contains(field))
        .body("errors[0].message", org.hamcrest.Matchers.equalTo(message));
  }

  private static void create(String id, String address, String timeout, String conditions) {
    given()
        .auth()
        .oauth2(TestTokens.OPERATOR)
        .contentType(ContentType.JSON)
        .body(
            "{\"id\":\""
                + id
                + "\",\"service\":\"mongo\",\"environment\":\"test\",\"address\":\""
                + address
                + "\",\"interval\":\"1s\",\"timeout\":\""
                + timeout
                + "\",\"failureThreshold\":1"
                + (conditions.isEmpty() ? "" : ",\"conditions\":[" + conditions + "]")
                + "}")
        .post("/targets")
        .then()
        .statusCode(201)
        .body("kind", org.hamcrest.Matchers.equalTo("mongodb"));
  }

  private static JsonPath checkTarget(String id) {
    return given()
        .auth()
        .oauth2(TestTokens.OPERATOR)
        .contentType(ContentType.JSON)
        .body("{\"targetId\":\"" + id + "\"}")
        .post("/checks")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static void delete(String id) {
    given().auth().oauth2(TestTokens.OPERATOR).delete("/targets/" + id);
  }
}
