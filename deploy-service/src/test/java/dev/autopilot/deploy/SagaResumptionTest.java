package dev.autopilot.deploy;

import static dev.autopilot.deploy.SagaFixture.awaitEvent;
import static dev.autopilot.deploy.SagaFixture.recordedRun;
import static dev.autopilot.deploy.SagaFixture.uniqueVersion;
import static org.assertj.core.api.Assertions.assertThat;

import dev.autopilot.platform.event.Topics;
import dev.autopilot.testing.KafkaTestClient;
import dev.autopilot.testing.SharedStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A replica that died mid-roll-out leaves its deployment ROLLING_OUT with a running step and a
 * lease nobody renews; once the lease lapses, the worker runs the step again and finishes.
 */
@QuarkusTest
@QuarkusTestResource(DeployServiceTestResource.class)
class SagaResumptionTest {
  private static KafkaTestClient kafka;

  @Inject DataSource dataSource;

  @BeforeAll
  static void connect() {
    kafka = new KafkaTestClient(SharedStack.get().bootstrapServers());
  }

  @AfterAll
  static void close() {
    kafka.close();
  }

  /**
   * kill -9 mid-BAKE: the bake lives in the row (bake_until, bake_failures), so a restarted service
   * finds the deployment BAKING and finishes the bake at its end, without repeating a step.
   */
  @Test
  void bakeLeftBehindByACrashedReplicaFinishes() throws Exception {
    String id = UUID.randomUUID().toString();
    String version = uniqueVersion("7.1.0");
    try (Connection c = dataSource.getConnection();
        PreparedStatement deployment =
            c.prepareStatement(
                "insert into deployment (id, service, environment, version, state, step,"
                    + " requested_by, started_at, rolled_out, bake_until)"
                    + " values (?::uuid, 'quick', 'resume', ?, 'BAKING', 'BAKE', 'test',"
                    + " now() - interval '2 minutes', true, now() + interval '2 seconds')");
        PreparedStatement step =
            c.prepareStatement(
                "insert into deployment_step (deployment_id, step, outcome, started_at)"
                    + " values (?::uuid, 'BAKE', 'RUNNING', now() - interval '1 minute')")) {
      deployment.setString(1, id);
      deployment.setString(2, version);
      deployment.executeUpdate();
      step.setString(1, id);
      step.executeUpdate();
    }

    assertThat(awaitEvent(kafka, Topics.DEPLOY_SUCCEEDED, id).path("watchUntil").asText())
        .isNotEmpty();
    JsonPath detail = DeploymentSagaTest.deployment(id);
    assertThat(detail.getString("state")).isEqualTo("SUCCEEDED");
    assertThat(detail.getList("steps.step")).containsExactly("BAKE");
    assertThat(detail.getList("steps.outcome")).containsExactly("SUCCEEDED");
  }

  @Test
  void rolloutLeftBehindByACrashedReplicaIsResumed() throws Exception {
    String id = UUID.randomUUID().toString();
    String version = uniqueVersion("7.0.0");
    try (Connection c = dataSource.getConnection();
        PreparedStatement deployment =
            c.prepareStatement(
                "insert into deployment (id, service, environment, version, state, step,"
                    + " requested_by, started_at, lease_owner, lease_until)"
                    + " values (?::uuid, 'quick', 'resume', ?, 'ROLLING_OUT', 'ROLLOUT', 'test',"
                    + " now() - interval '2 minutes', 'crashed-replica/1',"
                    + " now() - interval '1 minute')");
        PreparedStatement step =
            c.prepareStatement(
                "insert into deployment_step (deployment_id, step, outcome, started_at)"
                    + " values (?::uuid, 'ROLLOUT', 'RUNNING', now() - interval '2 minutes')")) {
      deployment.setString(1, id);
      deployment.setString(2, version);
      deployment.executeUpdate();
      step.setString(1, id);
      step.executeUpdate();
    }

    awaitEvent(kafka, Topics.DEPLOY_SUCCEEDED, id);

    assertThat(recordedRun(id)).isEqualTo("quick resume " + version);
    JsonPath detail = DeploymentSagaTest.deployment(id);
    assertThat(detail.getString("state")).isEqualTo("SUCCEEDED");
    assertThat(detail.getList("steps.step"))
        .containsExactly("ROLLOUT", "ROLLOUT", "VERIFY", "BAKE");
    assertThat(detail.getList("steps.outcome"))
        .containsExactly("INTERRUPTED", "SUCCEEDED", "SUCCEEDED", "SKIPPED");
  }
}
