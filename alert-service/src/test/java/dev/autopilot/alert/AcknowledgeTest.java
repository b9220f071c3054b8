package dev.autopilot.alert;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autopilot.platform.acklink.AckLinks;
import dev.autopilot.platform.event.Topics;
import dev.autopilot.testing.KafkaTestClient;
import dev.autopilot.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** Acknowledge / unacknowledge, the one-time links, history and MTTA/MTTR. */
@QuarkusTest
@QuarkusTestResource(AlertServiceTestResource.class)
class AcknowledgeTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final KafkaTestClient kafka = KafkaTestClient.shared();

  @Inject AckLinks links;

  @Test
  void ackUnackAndAckAgainWithEventAndHistory() {
    String run = UUID.randomUUID().toString();
    String id =
        TestAlerts.fire(
            Map.of("alertname", "AckMe", "run", run, "service", "orders", "environment", "prod"));
    given()
        .auth()
        .oauth2(TestTokens.OPERATOR)
        .post("/alerts/" + id + "/ack")
        .then()
        .statusCode(200)
        .body("state", equalTo("ACKNOWLEDGED"))
        .body("acknowledgedBy", equalTo("token:test-operator"));
    JsonNode acked = kafka.awaitEvent(Topics.ALERT_ACKNOWLEDGED, "alertId", id, WAIT);
    assertThat(acked.get("by").asText()).isEqualTo("token:test-operator");
    assertThat(acked.get("fingerprint").asText()).isNotBlank();
    assertThat(acked.path("labels").path("service").asText()).isEqualTo("orders");
    assertThat(acked.path("labels").path("environment").asText()).isEqualTo("prod");

    given()
        .auth()
        .oauth2(TestTokens.OPERATOR)
        .post("/alerts/" + id + "/ack")
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("detail", containsString("already acknowledged by token:test-operator"));
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .post("/alerts/" + id + "/unack")
        .then()
        .statusCode(403);
    given()
        .auth()
        .oauth2(TestTokens.OPERATOR)
        .post("/alerts/" + id + "/unack")
        .then()
        .statusCode(200)
        .body("state", equalTo("FIRING"))
        .body("acknowledgedBy", equalTo(null))
        .body("firstAcknowledgedAt", notNullValue());
    given()
        .auth()
        .oauth2(TestTokens.OPERATOR)
        .post("/alerts/" + id + "/unack")
        .then()
        .statusCode(409);
    given()
        .auth()
        .oauth2(TestTokens.jwt("operator"))
        .post("/alerts/" + id + "/ack")
        .then()
        .statusCode(200);

    TestAlerts.post(
        "resolved",
        Map.of("alertname", "AckMe", "run", run, "service", "orders", "environment", "prod"));
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .get("/alerts/" + id + "/history")
        .then()
        .statusCode(200)
        .body("alert.state", equalTo("RESOLVED"))
        .body("transitions", hasSize(5))
        .body(
            "transitions.to",
            equalTo(List.of("FIRING", "ACKNOWLEDGED", "FIRING", "ACKNOWLEDGED", "RESOLVED")))
        .body("transitions[1].actor", equalTo("token:test-operator"))
        .body("transitions[4].actor", equalTo("alertmanager"));
    // Acknowledging a resolved alert never brings it back.
    given()
        .auth()
        .oauth2(TestTokens.OPERATOR)
        .post("/alerts/" + id + "/ack")
        .then()
        .statusCode(409)
        .body("detail", containsString("RESOLVED"));
    assertThat(TestAlerts.state(id)).isEqualTo("RESOLVED");

    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .queryParam("service", "orders")
        .get("/alerts/stats")
        .then()
        .statusCode(200)
        .body(
            "find { it.service == 'orders' }.acknowledged",
            org.hamcrest.Matchers.greaterThanOrEqualTo(1))
        .body("find { it.service == 'orders' }.mttaSeconds", notNullValue())
        .body("find { it.service == 'orders' }.mttrSeconds", notNullValue());
  }

  /** grafana/oncall #3161: an ack racing a resolve must never leave the alert un-resolved. */
  @RepeatedTest(5)
  void ackRacingResolveNeverUnresolves() {
    String run = UUID.randomUUID().toString();
    Map<String, String> labels = Map.of("alertname", "AckRace", "run", run);
    String id = TestAlerts.fire(labels);
    CompletableFuture<Integer> ack =
        CompletableFuture.supplyAsync(
            () ->
                given()
                    .auth()
                    .oauth2(TestTokens.OPERATOR)
                    .post("/alerts/" + id + "/ack")
                    .then()
                    .extract()
                    .statusCode());
    TestAlerts.post("resolved", labels);
    int status = ack.join();
    assertThat(status).isIn(200, 409);
    assertThat(TestAlerts.state(id)).isEqualTo("RESOLVED");
  }

  @Test
  void oneTimeLinkConfirmsOnGetAndAcknowledgesOnceOnPost() {
    String run = UUID.randomUUID().toString();
    String id = TestAlerts.fire(Map.of("alertname", "LinkAck", "run", run, "service", "web"));
    String token = links.sign(UUID.fromString(id), Instant.now());
    Optional<String> link = links.link(UUID.fromString(id), Instant.now());
    assertThat(link)
        .hasValueSatisfying(l -> assertThat(l).startsWith("http://localhost:8082/ack/"));

    // GET shows the page and changes nothing (mail scanners prefetch).
    for (int i = 0; i < 2; i++) {
      given()
          .get("/ack/" + token)
          .then()
          .statusCode(200)
          .contentType(containsString("text/html"))
          .body(containsString("LinkAck"))
          .body(containsString("method=\"post\""));
    }
    assertThat(TestAlerts.state(id)).isEqualTo("FIRING");

    given().post("/ack/" + token).then().statusCode(200).body(containsString("Acknowledged"));
    assertThat(TestAlerts.state(id)).isEqualTo("ACKNOWLEDGED");
    JsonNode acked = kafka.awaitEvent(Topics.ALERT_ACKNOWLEDGED, "alertId", id, WAIT);
    assertThat(acked.get("by").asText()).isEqualTo("ack-link");

    // Once only, even after an unack.
    given()
        .auth()
        .oauth2(TestTokens.OPERATOR)
        .post("/alerts/" + id + "/unack")
        .then()
        .statusCode(200);
    given().post("/ack/" + token).then().statusCode(410).contentType("application/problem+json");
    assertThat(TestAlerts.state(id)).isEqualTo("FIRING");

    // Forged, tampered, expired.
    String forged =
        new AckLinks(Optional.of("another-key"), Duration.ofHours(1), Optional.empty())
            .sign(UUID.fromString(id), Instant.now());
    given().post("/ack/" + forged).then().statusCode(403);
    given().get("/ack/" + forged).then().statusCode(403);
    given().post("/ack/" + token.substring(0, token.length() - 2) + "xx").then().statusCode(403);
    String expired = links.sign(UUID.fromString(id), Instant.now().minus(Duration.ofDays(2)));
    given().post("/ack/" + expired).then().statusCode(403);
    assertThat(TestAlerts.state(id)).isEqualTo("FIRING");
  }
}
