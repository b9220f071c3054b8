package dev.autopilot.deploy;

import static dev.autopilot.deploy.SagaFixture.WAIT;
import static dev.autopilot.deploy.SagaFixture.answerBackup;
import static dev.autopilot.deploy.SagaFixture.awaitEvent;
import static dev.autopilot.deploy.SagaFixture.request;
import static dev.autopilot.deploy.SagaFixture.uniqueVersion;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autopilot.platform.event.Topics;
import dev.autopilot.testing.KafkaTestClient;
import dev.autopilot.testing.SharedStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The saga against a real process: the sample app (test resources) started and restarted by the
 * command executor, its health gate asked of the health-service stand-in, which probes the app.
 */
@QuarkusTest
@QuarkusTestResource(DeployServiceTestResource.class)
class SampleAppSagaTest {
  private static final ObjectMapper JSON = new ObjectMapper();
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
  void healthyVersionSucceedsAndBrokenOneIsRolledBackToIt() throws Exception {
    String v2 = uniqueVersion("2.0.0");
    String first = request("sample", "rollout", v2);
    JsonNode succeeded = awaitEvent(kafka, Topics.DEPLOY_SUCCEEDED, first);
    assertThat(succeeded.path("watchUntil").asText()).isNotEmpty();
    assertThat(servedVersion("rollout")).isEqualTo(v2);

    String v3 = uniqueVersion("3.0.0");
    String second = request("sample", "rollout", v3);
    JsonNode rolledBack = awaitEvent(kafka, Topics.DEPLOY_ROLLED_BACK, second);
    assertThat(rolledBack.path("fromVersion").asText()).isEqualTo(v3);
    assertThat(rolledBack.path("toVersion").asText()).isEqualTo(v2);
    assertThat(rolledBack.path("reason").asText()).contains("VERIFY").contains("DOWN");

    JsonPath detail = DeploymentSagaTest.deployment(second);
    assertThat(detail.getString("state")).isEqualTo("ROLLED_BACK");
    assertThat(detail.getList("steps.step"))
        .containsExactly("VALIDATE", "BACKUP", "MIGRATE", "ROLLOUT", "VERIFY", "ROLLBACK");
    assertThat(detail.getList("steps.outcome"))
        .containsExactly("SUCCEEDED", "SKIPPED", "SKIPPED", "SUCCEEDED", "FAILED", "SUCCEEDED");
    assertThat(servedVersion("rollout")).isEqualTo(v2);
    assertThat(Files.readAllLines(sampleDir("rollout").resolve("deployed")))
        .containsSubsequence(v2, v3, v2);
  }

  @Test
  void failedMigrationRestoresTheRestorePointAndWaitsForBackupRestored() throws Exception {
    String version = uniqueVersion("4.0.0-badmig");
    String id = request("sample", "migrate", version);
    String backupId = answerBackup(kafka, id, true);

    Path restore = DeployServiceTestResource.DIR.resolve("restores").resolve(id);
    Awaitility.await().atMost(WAIT).until(() -> Files.exists(restore));
    String[] recorded = Files.readString(restore).split(" ");
    assertThat(recorded[0]).isEqualTo(backupId);
    // The real restore is backup-service's: until it reports, the deployment waits.
    Awaitility.await()
        .during(Duration.ofSeconds(2))
        .atMost(WAIT)
        .until(() -> "RESTORING".equals(DeploymentSagaTest.deployment(id).getString("state")));
    JsonPath waiting = DeploymentSagaTest.deployment(id);
    assertThat(waiting.getString("restoreId")).isEqualTo(recorded[1]);
    assertThat(waiting.getBoolean("migrated")).isTrue();
    assertThat(waiting.getBoolean("rolledOut")).isFalse();

    kafka.sendCloudEvent(
        Topics.BACKUP_RESTORED,
        Topics.typeOf(Topics.BACKUP_RESTORED),
        "/backup-service",
        "sample-db",
        "{\"backupId\":\""
            + backupId
            + "\",\"target\":\"sample-db\",\"restoreSeconds\":1.5,\"correlationId\":\""
            + id
            + "\",\"source\":\"sample-db\",\"ok\":true}");

    JsonNode rolledBack = awaitEvent(kafka, Topics.DEPLOY_ROLLED_BACK, id);
    assertThat(rolledBack.path("reason").asText()).contains("MIGRATE").contains("exit code 4");
    JsonPath detail = DeploymentSagaTest.deployment(id);
    assertThat(detail.getString("state")).isEqualTo("ROLLED_BACK");
    assertThat(detail.getList("steps.step"))
        .containsExactly("VALIDATE", "BACKUP", "MIGRATE", "ROLLBACK", "RESTORE");
    assertThat(detail.getList("steps.outcome"))
        .containsExactly("SUCCEEDED", "SUCCEEDED", "FAILED", "SUCCEEDED", "SUCCEEDED");
    // Nothing was rolled out: the deploy command never ran for this version.
    assertThat(Files.exists(sampleDir("migrate").resolve("deployed"))).isFalse();
  }

  @Test
  void failedRestoreFailsTheDeployment() throws Exception {
    String id = request("sample", "migrate", uniqueVersion("4.1.0-badmig"));
    String backupId = answerBackup(kafka, id, true);
    Path restore = DeployServiceTestResource.DIR.resolve("restores").resolve(id);
    Awaitility.await().atMost(WAIT).until(() -> Files.exists(restore));
    Awaitility.await()
        .atMost(WAIT)
        .until(() -> DeploymentSagaTest.deployment(id).getString("restoreId") != null);

    kafka.sendCloudEvent(
        Topics.BACKUP_RESTORED,
        Topics.typeOf(Topics.BACKUP_RESTORED),
        "/backup-service",
        "sample-db",
        "{\"backupId\":\""
            + backupId
            + "\",\"target\":\"sample-db\",\"correlationId\":\""
            + id
            + "\",\"source\":\"sample-db\",\"ok\":false,\"reason\":\"pg_restore: exit 1\"}");

    JsonNode failed = awaitEvent(kafka, Topics.DEPLOY_FAILED, id);
    assertThat(failed.path("step").asText()).isEqualTo("RESTORE");
    assertThat(failed.path("reason").asText()).contains("rollback failed").contains("pg_restore");
  }

  @Test
  void alertsDuringTheBakeBeyondTheFailureLimitRollBack() throws Exception {
    String v2 = uniqueVersion("2.1.0");
    String first = request("sample", "bake", v2);
    awaitEvent(kafka, Topics.DEPLOY_SUCCEEDED, first);
    // sample/bake's health gate names health-service targets: asked as {"targetId"} each.
    JsonPath verified = DeploymentSagaTest.deployment(first);
    assertThat(verified.getString("steps.find { it.step == 'VERIFY' }.detail"))
        .contains("health-service check of targets [sample-bake-ready] passed");

    String next = uniqueVersion("2.2.0");
    String id = request("sample", "bake", next);
    Awaitility.await()
        .atMost(WAIT)
        .until(() -> "BAKING".equals(DeploymentSagaTest.deployment(id).getString("state")));
    for (int i = 0; i < 2; i++) {
      kafka.sendCloudEvent(
          Topics.ALERT_FIRED,
          Topics.typeOf(Topics.ALERT_FIRED),
          "/alert-service",
          UUID.randomUUID().toString(),
          "{\"alertId\":\""
              + UUID.randomUUID()
              + "\",\"name\":\"HighErrorRate\",\"severity\":\"P1\","
              + "\"labels\":{\"service\":\"sample\",\"environment\":\"bake\"}}");
    }

    JsonNode rolledBack = awaitEvent(kafka, Topics.DEPLOY_ROLLED_BACK, id);
    assertThat(rolledBack.path("reason").asText())
        .contains("BAKE")
        .contains("more than the limit of 1");
    assertThat(servedVersion("bake")).isEqualTo(v2);
    assertThat(DeploymentSagaTest.deployment(id).getInt("bakeFailures")).isEqualTo(2);
  }

  private static Path sampleDir(String environment) {
    return DeployServiceTestResource.DIR.resolve("sample-" + environment);
  }

  /** What the sample app of this environment says it runs. */
  static String servedVersion(String environment) throws Exception {
    String port = Files.readString(sampleDir(environment).resolve("port")).strip();
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/version")).build(),
                HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(response.body()).path("version").asText();
  }
}
