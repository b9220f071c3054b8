package dev.autopilot.deploy;

import static dev.autopilot.deploy.SagaFixture.awaitEvent;
import static dev.autopilot.deploy.SagaFixture.recordedRun;
import static dev.autopilot.deploy.SagaFixture.request;
import static dev.autopilot.deploy.SagaFixture.uniqueVersion;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autopilot.platform.event.Topics;
import dev.autopilot.testing.KafkaTestClient;
import dev.autopilot.testing.SharedStack;
import dev.autopilot.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Manual rollback of the current version, its guards, and the current-version view. */
@QuarkusTest
@QuarkusTestResource(DeployServiceTestResource.class)
class OperatorActionsTest {
  private static KafkaTestClient kafka;

  @BeforeAll
  static void connect() {
    kafka = new KafkaTestClient(SharedStack.get().bootstrapServers());
  }

  @AfterAll
  static void close() {
    kafka.close();
  }

  @Test
  void currentVersionIsRolledBackByHandToThePreviousOne() {
    String first = uniqueVersion("1.0.0");
    String firstId = request("manual", "prod", first);
    awaitEvent(kafka, Topics.DEPLOY_SUCCEEDED, firstId);
    String second = uniqueVersion("1.1.0");
    String secondId = request("manual", "prod", second);
    awaitEvent(kafka, Topics.DEPLOY_SUCCEEDED, secondId);
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .get("/targets/current")
        .then()
        .statusCode(200)
        .body("find { it.service == 'manual' }.version", equalTo(second));

    given().post("/deployments/" + secondId + "/rollback").then().statusCode(401);
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .post("/deployments/" + secondId + "/rollback")
        .then()
        .statusCode(403);
    // Not the current version any more: only the newest success can be rolled back.
    given()
        .auth()
        .oauth2(TestTokens.OPERATOR)
        .post("/deployments/" + firstId + "/rollback")
        .then()
        .statusCode(409);

    given()
        .auth()
        .oauth2(TestTokens.OPERATOR)
        .queryParam("reason", "customer reports")
        .post("/deployments/" + secondId + "/rollback")
        .then()
        .statusCode(200)
        .body("state", equalTo("ROLLING_BACK"));
    JsonNode rolledBack = awaitEvent(kafka, Topics.DEPLOY_ROLLED_BACK, secondId);
    assertThat(rolledBack.path("toVersion").asText()).isEqualTo(first);
    assertThat(rolledBack.path("reason").asText())
        .contains("manual rollback by")
        .contains("customer reports");
    // The rollback ran the deploy command (no rollback command configured) with the previous
    // version.
    assertThat(recordedRun(secondId)).isEqualTo("manual prod " + first);
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .get("/targets/current")
        .then()
        .body("find { it.service == 'manual' }.version", equalTo(first));
  }
}
