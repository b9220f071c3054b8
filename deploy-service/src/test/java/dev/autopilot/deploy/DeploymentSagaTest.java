package dev.autopilot.deploy;

import static dev.autopilot.deploy.SagaFixture.WAIT;
import static dev.autopilot.deploy.SagaFixture.answerBackup;
import static dev.autopilot.deploy.SagaFixture.awaitEvent;
import static dev.autopilot.deploy.SagaFixture.recordedRun;
import static dev.autopilot.deploy.SagaFixture.request;
import static dev.autopilot.deploy.SagaFixture.runOf;
import static dev.autopilot.deploy.SagaFixture.uniqueVersion;
import static dev.autopilot.testing.KafkaTestClient.data;
import static dev.autopilot.testing.KafkaTestClient.where;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autopilot.platform.event.Topics;
import dev.autopilot.testing.KafkaTestClient;
import dev.autopilot.testing.SharedStack;
import dev.autopilot.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The saga end to end: backup gate, roll-out, verification, queueing, failures. */
@QuarkusTest
@QuarkusTestResource(DeployServiceTestResource.class)
class DeploymentSagaTest {
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
  void requestBacksUpThenRollsOutVerifiesAndSucceeds() {
    String version = uniqueVersion("2.3.1");
    String id = request("shop", "staging", version);

    List<ConsumerRecord<String, byte[]>> started =
        kafka.awaitRecords(Topics.DEPLOY_STARTED, where("deploymentId", id), 1, WAIT);
    assertThat(started.get(0).key()).isEqualTo("shop/staging");
    assertThat(KafkaTestClient.headerValue(started.get(0), "ce_type"))
        .isEqualTo("dev.autopilot.deploy.started.v1");
    assertThat(KafkaTestClient.headerValue(started.get(0), "ce_source"))
        .isEqualTo("/deploy-service");
    assertThat(data(started.get(0)).path("version").asText()).isEqualTo(version);

    JsonNode backupRequest =
        data(
            kafka
                .awaitRecords(Topics.BACKUP_REQUESTED, where("correlationId", id), 1, WAIT)
                .get(0));
    assertThat(backupRequest.path("source").asText()).isEqualTo("shop-db");
    assertThat(backupRequest.path("reason").asText()).isEqualTo("PRE_DEPLOY");
    // No restore point yet, so nothing is rolled out.
    assertThat(deployment(id).getString("state")).isEqualTo("BACKING_UP");
    assertThat(runOf(id)).doesNotExist();

    String backupId = answerBackup(kafka, id, true);

    JsonNode succeeded = awaitEvent(kafka, Topics.DEPLOY_SUCCEEDED, id);
    assertThat(succeeded.path("version").asText()).isEqualTo(version);
    assertThat(succeeded.path("durationMs").asLong(-1)).isNotNegative();
    assertThat(recordedRun(id)).isEqualTo("shop staging " + version + " --fixed-arg");
    List<ConsumerRecord<String, byte[]>> steps =
        kafka.awaitRecords(Topics.DEPLOY_STEP_COMPLETED, where("deploymentId", id), 6, WAIT);
    assertThat(steps)
        .extracting(r -> data(r).path("step").asText() + " " + data(r).path("outcome").asText())
        .containsExactly(
            "VALIDATE SUCCEEDED",
            "BACKUP SUCCEEDED",
            "MIGRATE SKIPPED",
            "ROLLOUT SUCCEEDED",
            "VERIFY SUCCEEDED",
            "BAKE SKIPPED");

    JsonPath detail = deployment(id);
    assertThat(detail.getString("state")).isEqualTo("SUCCEEDED");
    assertThat(detail.getString("backupId")).isEqualTo(backupId);
    assertThat(detail.getString("finishedAt")).isNotNull();
    assertThat(detail.getList("steps.step"))
        .containsExactly("VALIDATE", "BACKUP", "MIGRATE", "ROLLOUT", "VERIFY", "BAKE");
    String rolloutOutput = detail.getString("steps[3].detail");
    assertThat(rolloutOutput)
        .startsWith("exit code 0")
        .contains("rolled out shop " + version)
        .contains("password=***")
        .doesNotContain("hunter2");
  }

  @Test
  void failedBackupFailsTheDeploymentAndNothingIsRolledOut() {
    String id = request("shop", "backupfail", uniqueVersion("3.0.0"));
    answerBackup(kafka, id, false);

    JsonNode failed = awaitEvent(kafka, Topics.DEPLOY_FAILED, id);
    assertThat(failed.path("step").asText()).isEqualTo("BACKUP");
    assertThat(failed.path("reason").asText()).contains("shop-db").contains("disk full");
    JsonPath detail = deployment(id);
    assertThat(detail.getString("state")).isEqualTo("FAILED");
    assertThat(detail.getList("steps.outcome")).containsExactly("SUCCEEDED", "FAILED");
    // Give a wrongly scheduled roll-out every chance to show up.
    Awaitility.await()
        .during(Duration.ofSeconds(3))
        .atMost(WAIT)
        .until(() -> !runOf(id).toFile().exists());
    assertThat(deployment(id).getString("state")).isEqualTo("FAILED");
  }

  @Test
  void secondDeploymentWaitsForTheFirstAndRecordsItAsPreviousVersion() {
    String first = uniqueVersion("4.0.0");
    String second = uniqueVersion("4.0.1");
    String firstId = request("shop", "queue", first);
    kafka.awaitRecords(Topics.BACKUP_REQUESTED, where("correlationId", firstId), 1, WAIT);
    String secondId = request("shop", "queue", second);
    Awaitility.await()
        .during(Duration.ofSeconds(3))
        .atMost(WAIT)
        .until(() -> "QUEUED".equals(deployment(secondId).getString("state")));

    answerBackup(kafka, firstId, true);
    awaitEvent(kafka, Topics.DEPLOY_SUCCEEDED, firstId);
    answerBackup(kafka, secondId, true);
    awaitEvent(kafka, Topics.DEPLOY_SUCCEEDED, secondId);

    assertThat(awaitEvent(kafka, Topics.DEPLOY_STARTED, secondId).path("previousVersion").asText())
        .isEqualTo(first);
    assertThat(deployment(secondId).getString("previousVersion")).isEqualTo(first);
  }

  @Test
  void failingCommandFailsAtRolloutWithRedactedOutput() {
    String version = uniqueVersion("5.0.0");
    String id = request("broken", "staging", version);

    JsonNode failed = awaitEvent(kafka, Topics.DEPLOY_FAILED, id);
    assertThat(failed.path("step").asText()).isEqualTo("ROLLOUT");
    assertThat(failed.path("reason").asText())
        .contains("exit code 3")
        .contains("image " + version + " not found");
    JsonPath detail = deployment(id);
    // The first deployment of broken/staging: nothing to roll back to, so it fails.
    assertThat(detail.getList("steps.outcome"))
        .containsExactly("SUCCEEDED", "SKIPPED", "SKIPPED", "FAILED");
    assertThat(detail.getString("steps[3].detail"))
        .contains("token=***")
        .doesNotContain("s3cr3t-value");
  }

  @Test
  void serviceThatNeverBecomesReadyFailsAtVerify() {
    String id = request("unready", "staging", uniqueVersion("6.0.0"));

    JsonNode failed = awaitEvent(kafka, Topics.DEPLOY_FAILED, id);
    assertThat(failed.path("step").asText()).isEqualTo("VERIFY");
    assertThat(failed.path("reason").asText())
        .contains("did not pass 1 time(s) in a row within PT2S")
        .contains("HTTP 503");
    assertThat(runOf(id)).exists();
  }

  static JsonPath deployment(String id) {
    return given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .get("/deployments/" + id)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }
}
