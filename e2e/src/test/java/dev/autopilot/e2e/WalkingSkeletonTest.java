package dev.autopilot.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The two walking-skeleton flows through all five services, as real processes on the real stack
 * that {@code ./autopilot up} starts: a deployment with its restore point, and an outage of the
 * demo app that fires, emails and resolves an alert.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(1)
class WalkingSkeletonTest {
  private static final Duration FLOW = Duration.ofMinutes(3);
  private static final String ONCALL = "oncall@autopilot.local";

  @Test
  @Order(1)
  void deploymentTakesARestorePointDeploysAndTellsTheHumans() throws Exception {
    Suite suite = Suite.get();
    String version = "1.1." + (System.currentTimeMillis() % 100_000);
    Http.Reply requested =
        Http.post(
            Suite.DEPLOY,
            "/deployments",
            suite.adminToken,
            "{\"service\":\"demo\",\"environment\":\"local\",\"version\":\""
                + version
                + "\",\"idempotencyKey\":\"e2e-"
                + version
                + "\",\"requestedBy\":\"e2e\",\"checks\":{\"testsPassed\":true,"
                + "\"buildSucceeded\":true,\"migrationsTested\":true}}");
    assertThat(requested.status()).as(requested.text()).isEqualTo(202);
    String id = requested.body().get("id").asText();

    AtomicReference<JsonNode> deployment = new AtomicReference<>();
    await()
        .atMost(FLOW)
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              deployment.set(Http.get(Suite.DEPLOY, "/deployments/" + id, suite.adminToken).body());
              String state = deployment.get().path("state").asText();
              return Deployments.FINAL.contains(state);
            });
    assertThat(deployment.get().path("state").asText())
        .as("deployment %s", deployment.get())
        .isEqualTo("SUCCEEDED");

    // The restore point: a real pg_dump of the demo database, correlated with the deployment.
    JsonNode backups = Http.get(Suite.BACKUP, "/backups?source=demo", suite.adminToken).body();
    JsonNode restorePoint = null;
    for (JsonNode backup : backups) {
      if (id.equals(backup.path("correlationId").asText())) {
        restorePoint = backup;
      }
    }
    assertThat(restorePoint).as("backup correlated with %s in %s", id, backups).isNotNull();
    assertThat(restorePoint.path("status").asText()).isEqualTo("COMPLETED");
    assertThat(restorePoint.path("sha256").asText()).matches("[0-9a-f]{64}");
    assertThat(restorePoint.path("sizeBytes").asLong()).isPositive();

    // The demo app now runs the new version, and the on-call got the news by email.
    assertThat(Http.get(Suite.DEMO, "/version", null).text()).contains(version);
    await()
        .atMost(FLOW)
        .until(() -> Mailbox.subjects(ONCALL).stream().anyMatch(s -> s.contains(version)));
  }

  @Test
  @Order(2)
  void anOutageFiresAnAlertEmailsItAndRecoveryResolvesIt() throws Exception {
    Suite suite = Suite.get();
    suite.run(Duration.ofMinutes(1), "demo", "stop");
    AtomicReference<String> alertId = new AtomicReference<>();
    await()
        .atMost(FLOW)
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              JsonNode firing =
                  Http.get(Suite.ALERT, "/alerts?state=FIRING", suite.adminToken).body();
              for (JsonNode alert : firing) {
                if ("demo-ready".equals(alert.path("labels").path("target").asText())) {
                  alertId.set(alert.path("id").asText());
                  return true;
                }
              }
              return false;
            });
    await()
        .atMost(FLOW)
        .until(
            () ->
                Mailbox.subjects(ONCALL).stream()
                    .anyMatch(s -> s.contains("FIRING") && s.contains("demo-ready")));

    suite.run(Duration.ofMinutes(1), "demo", "start");
    await()
        .atMost(FLOW)
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () ->
                Http.get(Suite.ALERT, "/alerts/" + alertId.get(), suite.adminToken)
                    .body()
                    .path("state")
                    .asText()
                    .equals("RESOLVED"));
    await()
        .atMost(FLOW)
        .until(
            () ->
                Mailbox.subjects(ONCALL).stream()
                    .anyMatch(s -> s.contains("RESOLVED") && s.contains("demo-ready")));
  }

  @Test
  @Order(3)
  void whileRedisIsDownOnlyItsUserIsNotReadyAndUpRestoresIt() throws Exception {
    Suite suite = Suite.get();
    long pid = Long.parseLong(Files.readString(suite.home.resolve("pids/redis.pid")).strip());
    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
    // notification-service keeps dedupe and throttle state in Redis: it reports not ready.
    await()
        .atMost(FLOW)
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> Http.get(Suite.NOTIFICATION, "/q/health/ready", null).status() == 503);
    assertThat(Http.get(Suite.NOTIFICATION, "/q/health/ready", null).text()).contains("Redis");
    // Liveness stays up: the process is fine, a dependency is not.
    assertThat(Http.get(Suite.NOTIFICATION, "/q/health/live", null).status()).isEqualTo(200);
    // The services that never talk to Redis stay ready.
    for (int port : new int[] {Suite.HEALTH, Suite.ALERT, Suite.BACKUP, Suite.DEPLOY}) {
      assertThat(Http.get(port, "/q/health/ready", null).status())
          .as("readiness on port %d while Redis is down", port)
          .isEqualTo(200);
    }

    suite.run(Duration.ofMinutes(3), "up"); // idempotent: starts only what is missing
    await()
        .atMost(FLOW)
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> Http.get(Suite.NOTIFICATION, "/q/health/ready", null).status() == 200);
  }
}
