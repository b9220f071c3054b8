package dev.autopilot.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * kill -9 drills of the three services {@link FaultDrillTest} does not kill, with real processes:
 * each is SIGKILLed while it has work in flight and brought back with {@code ./autopilot up}.
 * Counted from the services' APIs and the events on the broker (by CloudEvent id): requests lost
 * (must be 0), effects duplicated (must be 0: one backup per request, one deployment and one deploy
 * command per idempotency key, one {@code health.degraded}/{@code health.recovered} per
 * transition), and how long until every service was ready again (printed, not asserted).
 */
@Order(3)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServiceKillDrillTest {
  /** Duplicates would come from redelivery or a resumed worker: counts must hold this long. */
  private static final Duration HOLD_STILL = Duration.ofSeconds(10);

  private Suite suite;
  private String run;

  @BeforeEach
  void everyServiceReady() throws Exception {
    suite = Suite.get();
    run = "kd" + (System.currentTimeMillis() % 1_000_000);
    suite.ensureUp();
  }

  /**
   * Six {@code backup.requested} events of the demo database (made big enough that a dump takes a
   * few seconds); backup-service dies while one backup RUNS and the rest wait, two more requests
   * arrive while it is down, and two earlier events are delivered again after the restart (same
   * CloudEvent id, as a redelivery). Each request must end in exactly one COMPLETED backup and one
   * {@code backup.completed}.
   */
  @Test
  @Order(1)
  void backupServiceKilledWhileABackupRunsCompletesEveryRequestOnce() throws Exception {
    int before = 4;
    int whileDown = 2;
    Map<String, String> ceIds = new LinkedHashMap<>(); // correlationId → ce_id
    psql(
        "create table if not exists killdrill_ballast as select g, md5(g::text) ||"
            + " md5((g * 7)::text) as pad from generate_series(1, 250000) g");
    try {
      for (int i = 0; i < before; i++) {
        requestBackup(run + "-" + i, ceIds);
      }
      AtomicReference<List<JsonNode>> atKill = new AtomicReference<>();
      await()
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofMillis(100))
          .until(
              () -> {
                atKill.set(DrillReads.backups(suite, run));
                return atKill.get().stream()
                    .anyMatch(b -> "RUNNING".equals(b.path("status").asText()));
              });
      KillDrill.kill(suite, "backup-service");
      Instant killed = Instant.now();
      for (int i = before; i < before + whileDown; i++) {
        requestBackup(run + "-" + i, ceIds);
      }
      KillDrill.Restart restart = KillDrill.restart(suite);
      List<String> again = new ArrayList<>(ceIds.keySet()).subList(0, 2);
      for (String correlation : again) {
        Events.publish(
            "backup.requested", ceIds.get(correlation), "demo", backupRequested(correlation));
      }

      await()
          .atMost(Duration.ofMinutes(4))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> DrillReads.settled(suite, run, ceIds.keySet()));
      Instant allDone = Instant.now();
      await()
          .during(HOLD_STILL)
          .atMost(HOLD_STILL.plusSeconds(30))
          .pollInterval(Duration.ofSeconds(2))
          .until(() -> DrillReads.settled(suite, run, ceIds.keySet()));

      List<JsonNode> backups = DrillReads.backups(suite, run);
      Map<String, Long> perRequest = DrillReads.perCorrelation(backups);
      List<Events.Event> completed =
          Events.read(
              "backup.completed", d -> d.path("correlationId").asText().startsWith(run + "-"));
      Map<String, Long> eventsPerBackup =
          Events.perField(completed, d -> d.path("backupId").asText());
      long lost = ceIds.keySet().stream().filter(c -> !perRequest.containsKey(c)).count();
      long doubled = perRequest.values().stream().mapToLong(n -> n - 1).sum();
      long doubledEvents = eventsPerBackup.values().stream().mapToLong(n -> n - 1).sum();
      System.out.printf(
          "kill drill backup-service: %d requests (%d while down, %d delivered twice); at the kill"
              + " %s; %s; all settled %.1f s after the kill (%s); %d lost, %d duplicated backups,"
              + " %d backup.completed for %d backups (%d duplicated, %d re-published copies)%n",
          ceIds.size(),
          whileDown,
          again.size(),
          DrillReads.tally(atKill.get()),
          restart,
          Duration.between(killed, allDone).toMillis() / 1000.0,
          DrillReads.tally(backups),
          lost,
          doubled,
          completed.size(),
          eventsPerBackup.size(),
          doubledEvents,
          Events.republished(completed));
      assertThat(backups)
          .as("the drill's backups")
          .allSatisfy(b -> assertThat(b.path("status").asText()).isEqualTo("COMPLETED"));
      assertThat(perRequest).as("backups per request").hasSize(ceIds.size());
      assertThat(perRequest).allSatisfy((c, n) -> assertThat(n).as(c).isEqualTo(1L));
      assertThat(eventsPerBackup).as("backup.completed per backup").hasSize(ceIds.size());
      assertThat(eventsPerBackup).allSatisfy((b, n) -> assertThat(n).as(b).isEqualTo(1L));
    } finally {
      psql("drop table if exists killdrill_ballast");
    }
  }

  /**
   * Two deployments of the demo app, each with its idempotency key; deploy-service dies while the
   * first waits for its restore point (BACKING_UP) or bakes, the second QUEUED. After the restart
   * the same two requests are sent again (a CI job retrying). Each key must end in one SUCCEEDED
   * deployment whose steps each ran once, the deploy command once, one restore point, and one
   * {@code deploy.succeeded}.
   */
  @Test
  @Order(2)
  void deployServiceKilledMidSagaFinishesEachDeploymentOnce() throws Exception {
    int count = 2;
    List<String> versions = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      versions.add("3." + run.substring(2) + "." + i);
      Http.Reply reply = DrillReads.requestDeployment(suite, versions.get(i), run + "-" + i);
      assertThat(reply.status()).as(reply.text()).isEqualTo(202);
      ids.add(reply.body().path("id").asText());
    }
    AtomicReference<String> stateAtKill = new AtomicReference<>();
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              String state = DrillReads.deployment(suite, ids.get(0)).path("state").asText();
              assertThat(Deployments.FINAL)
                  .as("first deployment ended before the kill")
                  .doesNotContain(state);
              stateAtKill.set(state);
              return state.equals("BACKING_UP") || state.equals("BAKING");
            });
    KillDrill.kill(suite, "deploy-service");
    Instant killed = Instant.now();
    KillDrill.Restart restart = KillDrill.restart(suite);
    for (int i = 0; i < count; i++) {
      Http.Reply again = DrillReads.requestDeployment(suite, versions.get(i), run + "-" + i);
      assertThat(again.status()).as("the same key again: %s", again.text()).isEqualTo(200);
      assertThat(again.body().path("id").asText()).isEqualTo(ids.get(i));
    }
    await()
        .atMost(Duration.ofMinutes(5))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              for (String id : ids) {
                if (!Deployments.FINAL.contains(
                    DrillReads.deployment(suite, id).path("state").asText())) {
                  return false;
                }
              }
              return true;
            });
    Instant allDone = Instant.now();

    Map<String, Long> perKey = DrillReads.deploymentsPerKey(suite, run);
    List<String> states = new ArrayList<>();
    List<String> repeatedSteps = new ArrayList<>();
    for (String id : ids) {
      JsonNode d = DrillReads.deployment(suite, id);
      states.add(d.path("state").asText());
      repeatedSteps.addAll(DrillReads.repeatedSteps(d));
    }
    Map<String, Long> commandRuns = DrillReads.demoStarts(suite, versions);
    Map<String, Long> restorePoints =
        DrillReads.perCorrelation(DrillReads.backups(suite, ids::contains));
    List<Events.Event> succeeded =
        Events.read("deploy.succeeded", d -> ids.contains(d.path("deploymentId").asText()));
    Map<String, Long> succeededPer =
        Events.perField(succeeded, d -> d.path("deploymentId").asText());
    List<Events.Event> stepEvents =
        Events.read("deploy.step.completed", d -> ids.contains(d.path("deploymentId").asText()));
    Map<String, Long> stepEventsPer =
        Events.perField(
            stepEvents, d -> d.path("deploymentId").asText() + " " + d.path("step").asText());
    System.out.printf(
        "kill drill deploy-service: %d deployments, killed while the first was %s; %s; all"
            + " finished %.1f s after the kill: %s; deployments per key %s; steps run more than once"
            + " %s; deploy command runs per version %s; restore points per deployment %s;"
            + " deploy.succeeded per deployment %s; deploy.step.completed %d for %d steps"
            + " (%d re-published copies)%n",
        count,
        stateAtKill.get(),
        restart,
        Duration.between(killed, allDone).toMillis() / 1000.0,
        states,
        perKey.values(),
        repeatedSteps,
        commandRuns.values(),
        restorePoints.values(),
        succeededPer.values(),
        stepEvents.size(),
        stepEventsPer.size(),
        Events.republished(stepEvents) + Events.republished(succeeded));
    assertThat(states).as("every deployment").containsOnly("SUCCEEDED");
    assertThat(perKey).as("deployments per idempotency key").hasSize(count);
    assertThat(perKey).allSatisfy((k, n) -> assertThat(n).as(k).isEqualTo(1L));
    assertThat(repeatedSteps).as("steps with more than one attempt").isEmpty();
    assertThat(commandRuns)
        .allSatisfy((v, n) -> assertThat(n).as("demo %s started", v).isEqualTo(1L));
    assertThat(restorePoints).as("restore points").hasSize(count);
    assertThat(restorePoints).allSatisfy((d, n) -> assertThat(n).as(d).isEqualTo(1L));
    assertThat(succeededPer).as("deploy.succeeded per deployment").hasSize(count);
    assertThat(succeededPer).allSatisfy((d, n) -> assertThat(n).as(d).isEqualTo(1L));
    assertThat(stepEventsPer).allSatisfy((s, n) -> assertThat(n).as(s).isEqualTo(1L));
  }

  /**
   * A target of the test's own goes down and comes back; health-service is killed after the first
   * failed probe, so the DOWN transition happens in the restarted process (which continues the
   * persisted count once the dead process's lease on the target lapsed). Exactly one {@code
   * health.degraded} and, after the recovery, one {@code health.recovered} for the target.
   */
  @Test
  @Order(3)
  void healthServiceKilledAroundTransitionsReportsEachOnce() throws Exception {
    String id = "killdrill-" + run;
    try (SwitchableTarget target = SwitchableTarget.start()) {
      Http.Reply created =
          Http.post(
              Suite.HEALTH,
              "/targets",
              suite.adminToken,
              "{\"id\":\""
                  + id
                  + "\",\"service\":\"killdrill\",\"environment\":\"e2e\",\"url\":\""
                  + target.url()
                  + "\",\"interval\":\"5s\",\"timeout\":\"2s\",\"failureThreshold\":2,"
                  + "\"successThreshold\":2,\"criticality\":\"P3\"}");
      assertThat(created.status()).as(created.text()).isEqualTo(201);
      try {
        await()
            .atMost(Duration.ofMinutes(2))
            .pollInterval(Duration.ofMillis(500))
            .until(() -> "UP".equals(DrillReads.targetState(suite, id).path("status").asText()));

        target.healthy(false);
        await()
            .atMost(Duration.ofMinutes(1))
            .pollInterval(Duration.ofMillis(100))
            .until(
                () -> DrillReads.targetState(suite, id).path("consecutiveFailures").asInt() >= 1);
        String beforeDown = DrillReads.targetState(suite, id).toString();
        KillDrill.kill(suite, "health-service");
        Instant killedDown = Instant.now();
        KillDrill.Restart restart = KillDrill.restart(suite);
        await()
            .atMost(Duration.ofMinutes(3))
            .pollInterval(Duration.ofSeconds(1))
            .until(() -> !DrillReads.transitions(id, "health.degraded").isEmpty());
        Duration degradedAfter = Duration.between(killedDown, Instant.now());

        target.healthy(true);
        await()
            .atMost(Duration.ofMinutes(2))
            .pollInterval(Duration.ofSeconds(1))
            .until(() -> !DrillReads.transitions(id, "health.recovered").isEmpty());
        // Anything announced twice (a second degraded from the restarted process, a recovery
        // repeated) would follow within a few probe rounds: the counts must hold still.
        await()
            .during(HOLD_STILL)
            .atMost(HOLD_STILL.plusSeconds(30))
            .pollInterval(Duration.ofSeconds(2))
            .until(
                () ->
                    DrillReads.transitions(id, "health.degraded").size() == 1
                        && DrillReads.transitions(id, "health.recovered").size() == 1);

        List<Events.Event> degraded = DrillReads.transitions(id, "health.degraded");
        List<Events.Event> recovered = DrillReads.transitions(id, "health.recovered");
        System.out.printf(
            "kill drill health-service: killed after the first failed probe (state %s); %s;"
                + " health.degraded %.1f s after the kill; health.degraded %d, health.recovered"
                + " %d (%d re-published copies)%n",
            beforeDown,
            restart,
            degradedAfter.toMillis() / 1000.0,
            degraded.size(),
            recovered.size(),
            Events.republished(degraded) + Events.republished(recovered));
        assertThat(degraded).as("health.degraded for one outage").hasSize(1);
        assertThat(degraded.get(0).data().path("status").asText()).isEqualTo("DOWN");
        assertThat(recovered).as("health.recovered for one recovery").hasSize(1);
      } finally {
        Http.send("DELETE", Suite.HEALTH, "/targets/" + id, suite.adminToken, null);
      }
    }
  }

  private void requestBackup(String correlation, Map<String, String> ceIds) throws Exception {
    String ceId = UUID.randomUUID().toString();
    ceIds.put(correlation, ceId);
    Events.publish("backup.requested", ceId, "demo", backupRequested(correlation));
  }

  private static String backupRequested(String correlation) {
    return "{\"source\":\"demo\",\"reason\":\"MANUAL\",\"correlationId\":\"" + correlation + "\"}";
  }

  private void psql(String sql) throws Exception {
    suite.run(Duration.ofMinutes(3), "psql", "demo", "-v", "ON_ERROR_STOP=1", "-q", "-c", sql);
  }
}
