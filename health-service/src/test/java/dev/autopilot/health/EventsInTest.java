package dev.autopilot.health;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autopilot.platform.event.Topics;
import dev.autopilot.testing.KafkaTestClient;
import dev.autopilot.testing.SharedStack;
import dev.autopilot.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What changes the meaning of a failure, over real Kafka: a down dependency (suppressedBy), a
 * maintenance window (MAINTENANCE, no events), a post-deploy watch (deploymentId).
 */
@QuarkusTest
@QuarkusTestResource(HealthServiceTestResource.class)
class EventsInTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static KafkaTestClient kafka;

  @Inject DataSource dataSource;

  @BeforeAll
  static void connect() {
    kafka = new KafkaTestClient(SharedStack.get().bootstrapServers());
  }

  @AfterAll
  static void disconnect() {
    kafka.close();
  }

  @Test
  void aDependentsEventNamesTheDownDependency() throws Exception {
    int closed = closedPort();
    create(
        "ev-db",
        "ev-supp",
        "tcp://127.0.0.1:" + closed,
        ",\"failureThreshold\":1,\"criticality\":\"P0\"");
    create(
        "ev-app",
        "ev-supp",
        "http://127.0.0.1:" + closed + "/ready",
        ",\"failureThreshold\":3,\"dependsOn\":[\"ev-db\"],\"labels\":{\"team\":\"core\"},"
            + "\"criticality\":\"P2\"");
    try {
      JsonNode db = kafka.awaitEvent(Topics.HEALTH_DEGRADED, "targetId", "ev-db", WAIT);
      assertThat(db.path("suppressedBy").asText(null)).isNull();
      assertThat(db.get("severity").asText()).isEqualTo("P0");
      JsonNode app = kafka.awaitEvent(Topics.HEALTH_DEGRADED, "targetId", "ev-app", WAIT);
      assertThat(app.get("suppressedBy").asText()).isEqualTo("ev-db");
      assertThat(app.get("severity").asText()).isEqualTo("P2");
      assertThat(app.get("labels").get("team").asText()).isEqualTo("core");
      assertThat(app.get("labels").get("targetId").asText()).isEqualTo("ev-app");
      assertThat(app.get("consecutiveFailures").asInt()).isEqualTo(3);
    } finally {
      delete("ev-app");
      delete("ev-db");
    }
  }

  @Test
  void maintenanceHoldsEventsAndShowsMaintenance() throws Exception {
    UUID window = UUID.randomUUID();
    kafka.sendCloudEvent(
        Topics.MAINTENANCE_STARTED,
        Topics.typeOf(Topics.MAINTENANCE_STARTED),
        "/deploy-service",
        window.toString(),
        "{\"windowId\":\""
            + window
            + "\",\"services\":[\"ev-maint\"],\"environment\":\"test\",\"endsAt\":\""
            + Instant.now().plus(Duration.ofHours(1))
            + "\",\"description\":\"database upgrade\"}");
    Awaitility.await()
        .atMost(WAIT)
        .until(
            () ->
                count("select count(*) from maintenance_window where window_id = ?", window) == 1);
    create("ev-maint", "ev-maint", "tcp://127.0.0.1:" + closedPort(), ",\"failureThreshold\":1");
    try {
      Awaitility.await().atMost(WAIT).until(() -> TargetApi.probes("ev-maint").size() >= 3);
      assertThat(TargetApi.status("ev-maint")).isEqualTo("MAINTENANCE");
      assertThat(count("select count(*) from outbox where msg_key = ?", "ev-maint")).isZero();
      given()
          .get("/api/status")
          .then()
          .statusCode(200)
          .body("maintenance.description", org.hamcrest.Matchers.hasItem("database upgrade"));
      given()
          .get("/status")
          .then()
          .body(org.hamcrest.Matchers.containsString("Maintenance in progress"))
          .body(org.hamcrest.Matchers.containsString("database upgrade"));

      kafka.sendCloudEvent(
          Topics.MAINTENANCE_ENDED,
          Topics.typeOf(Topics.MAINTENANCE_ENDED),
          "/deploy-service",
          window.toString(),
          "{\"windowId\":\"" + window + "\",\"services\":[\"ev-maint\"],\"environment\":\"test\"}");
      JsonNode degraded = kafka.awaitEvent(Topics.HEALTH_DEGRADED, "targetId", "ev-maint", WAIT);
      assertThat(degraded.get("status").asText()).isEqualTo("DOWN");
      assertThat(TargetApi.status("ev-maint")).isEqualTo("DOWN");
    } finally {
      delete("ev-maint");
    }
  }

  @Test
  void aFailureInsideThePostDeployWatchCarriesTheDeployment() throws Exception {
    UUID deployment = UUID.randomUUID();
    kafka.sendCloudEvent(
        Topics.DEPLOY_SUCCEEDED,
        Topics.typeOf(Topics.DEPLOY_SUCCEEDED),
        "/deploy-service",
        "ev-watch/test",
        "{\"deploymentId\":\""
            + deployment
            + "\",\"service\":\"ev-watch\",\"environment\":\"test\",\"version\":\"1.2.3\","
            + "\"watchUntil\":\""
            + Instant.now().plus(Duration.ofHours(2))
            + "\"}");
    Awaitility.await()
        .atMost(WAIT)
        .until(
            () ->
                count(
                        "select count(*) from deploy_watch where service = ? and deployment_id = ?",
                        "ev-watch",
                        deployment)
                    == 1);
    create("ev-watched", "ev-watch", "tcp://127.0.0.1:" + closedPort(), ",\"failureThreshold\":1");
    try {
      JsonNode degraded = kafka.awaitEvent(Topics.HEALTH_DEGRADED, "targetId", "ev-watched", WAIT);
      assertThat(degraded.get("deploymentId").asText()).isEqualTo(deployment.toString());
    } finally {
      delete("ev-watched");
    }
  }

  @Test
  void aMalformedMaintenanceEventIsDeadLettered() {
    String key = "bad-" + UUID.randomUUID();
    kafka.sendCloudEvent(
        Topics.MAINTENANCE_STARTED,
        Topics.typeOf(Topics.MAINTENANCE_STARTED),
        "/deploy-service",
        key,
        "{\"services\":[\"x\"]}");
    assertThat(
            kafka.awaitRecords(
                Topics.dlqOf(Topics.MAINTENANCE_STARTED), r -> key.equals(r.key()), 1, WAIT))
        .hasSize(1);
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
                + "\",\"interval\":\"1s\",\"timeout\":\"1s\""
                + extra
                + "}")
        .post("/targets")
        .then()
        .statusCode(201);
  }

  private static void delete(String id) {
    given().auth().oauth2(TestTokens.OPERATOR).delete("/targets/" + id);
  }

  private long count(String sql, Object... parameters) throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        ps.setObject(i + 1, parameters[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
