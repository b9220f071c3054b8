package dev.autopilot.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Scale-out with real processes: {@code ./autopilot replica start all} runs a second replica of
 * every service beside the stack {@code up} started (one Kafka, one Postgres), and the suite must
 * behave as if there were one: health targets split between the two health replicas with none
 * probed by both; an alert delivered to both alert replicas at once is one alert and one email
 * although two notification replicas run; one backup per request and per schedule slot; one
 * deployment of a service/environment at a time while requests arrive at both deploy replicas. Then
 * one replica is killed with SIGKILL while it owns work (health targets, a running rollout) and the
 * other takes it over; the takeover times are measured and printed (bounded only by a generous 2
 * minutes). The killed health replica stays down; the killed deploy replica is started again. Runs
 * after the other ordered e2e classes; stops the replicas it started and removes what it created.
 */
@Order(7)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutTest {
  private static final Duration FLOW = Duration.ofMinutes(3);
  private static final Duration TAKEOVER_BOUND = Duration.ofMinutes(2);
  private static final List<String> TARGETS =
      IntStream.range(0, 6).mapToObj(i -> "scaleout-" + i).toList();
  private static final String EVERY_MINUTE = "0 * * * * ?";

  private static Suite suite;
  private static String scheduleBefore;
  private static Instant scheduleChanged;
  private static final ExecutorService POOL = Executors.newFixedThreadPool(8);

  /** What each health replica probed in the last clean window (target → probes). */
  private static Map<String, Long> window1;

  private static Map<String, Long> window2;

  @BeforeAll
  static void startSecondReplicas() throws Exception {
    suite = Suite.get();
    suite.ensureUp();
    for (String id : TARGETS) {
      Http.send("DELETE", Suite.HEALTH, "/targets/" + id, suite.adminToken, null);
      Http.Reply created =
          Http.post(
              Suite.HEALTH,
              "/targets",
              suite.adminToken,
              "{\"id\":\""
                  + id
                  + "\",\"service\":\"scaleout\",\"environment\":\"local\",\"address\":"
                  + "\"http://127.0.0.1:"
                  + Suite.DEMO
                  + "/health\",\"interval\":\"5s\",\"conditions\":[\"[STATUS] == 200\"]}");
      assertThat(created.status()).as("POST /targets %s: %s", id, created.text()).isEqualTo(201);
    }
    // Scheduled backups of the demo database every minute while the replicas run.
    JsonNode source = Http.get(Suite.BACKUP, "/sources/demo", suite.adminToken).body();
    scheduleBefore = source.path("schedule").asText();
    scheduleChanged = Instant.now();
    setSchedule(EVERY_MINUTE);
    Deployments.target(suite, "local", 2);
    Deployments.target(suite, "kill", 20);

    Instant start = Instant.now();
    Replicas.start(suite, "all");
    System.out.printf(
        "scale-out: replica start all: five replicas ready in %d s%n",
        Duration.between(start, Instant.now()).toSeconds());
    suite.run(Duration.ofMinutes(1), "status"); // printed: the replicas under their services
    for (int port : Readiness.SERVICES.values()) {
      assertThat(Readiness.ready(Replicas.second(port)))
          .as("replica on port %d ready", Replicas.second(port))
          .isTrue();
    }
  }

  @AfterAll
  static void stopSecondReplicas() throws Exception {
    try {
      Replicas.stopAll(suite);
    } finally {
      setSchedule(scheduleBefore);
      for (String id : TARGETS) {
        Http.send("DELETE", Suite.HEALTH, "/targets/" + id, suite.adminToken, null);
      }
      Deployments.removeTarget(suite, "local");
      Deployments.removeTarget(suite, "kill");
      POOL.shutdownNow();
    }
  }

  @Test
  @Order(1)
  void healthTargetsAreSplitBetweenTheTwoReplicasAndNoneIsProbedByBoth() throws Exception {
    int h1 = Suite.HEALTH;
    int h2 = Replicas.second(Suite.HEALTH);
    // The replica joined: within a few lease rounds (5 s locally) the primary gives up half of the
    // targets and the replica claims them. Wait for a 15 s window in which each of our targets
    // was probed by exactly one replica and both replicas probed some.
    AtomicReference<Map<String, Long>> last1 = new AtomicReference<>(ProbeCounts.scrape(h1));
    AtomicReference<Map<String, Long>> last2 = new AtomicReference<>(ProbeCounts.scrape(h2));
    await()
        .atMost(FLOW)
        .pollDelay(Duration.ofSeconds(15))
        .pollInterval(Duration.ofSeconds(15))
        .until(
            () -> {
              Map<String, Long> now1 = ProbeCounts.scrape(h1);
              Map<String, Long> now2 = ProbeCounts.scrape(h2);
              Map<String, Long> d1 = ProbeCounts.since(last1.getAndSet(now1), now1);
              Map<String, Long> d2 = ProbeCounts.since(last2.getAndSet(now2), now2);
              Set<String> by1 = ProbeCounts.moved(d1, TARGETS);
              Set<String> by2 = ProbeCounts.moved(d2, TARGETS);
              Set<String> all = new TreeSet<>(by1);
              all.addAll(by2);
              return all.containsAll(TARGETS)
                  && ProbeCounts.both(d1, d2).isEmpty()
                  && !by1.isEmpty()
                  && !by2.isEmpty();
            });

    // From now on no target (ours, the demo's, any other test's) may be probed by both replicas.
    Map<String, Long> base1 = ProbeCounts.scrape(h1);
    Map<String, Long> base2 = ProbeCounts.scrape(h2);
    await()
        .during(Duration.ofSeconds(30))
        .atMost(Duration.ofSeconds(45))
        .pollInterval(Duration.ofSeconds(2))
        .until(
            () ->
                ProbeCounts.both(
                        ProbeCounts.since(base1, ProbeCounts.scrape(h1)),
                        ProbeCounts.since(base2, ProbeCounts.scrape(h2)))
                    .isEmpty());
    window1 = ProbeCounts.since(base1, ProbeCounts.scrape(h1));
    window2 = ProbeCounts.since(base2, ProbeCounts.scrape(h2));
    Set<String> everyTarget = new TreeSet<>(window1.keySet());
    everyTarget.addAll(window2.keySet());
    Set<String> by1 = ProbeCounts.moved(window1, everyTarget);
    Set<String> by2 = ProbeCounts.moved(window2, everyTarget);
    System.out.printf(
        "scale-out: health probes in a 30 s window: health-service %s, health-service-2 %s;"
            + " probed by both: %s%n",
        nonZero(window1), nonZero(window2), ProbeCounts.both(window1, window2));
    assertThat(ProbeCounts.both(window1, window2)).as("targets probed by both replicas").isEmpty();
    assertThat(by1).as("health-service's share").isNotEmpty();
    assertThat(by2).as("health-service-2's share").isNotEmpty();
    for (String id : TARGETS) {
      assertThat(by1.contains(id) ^ by2.contains(id))
          .as("%s probed by exactly one replica (1: %s, 2: %s)", id, by1, by2)
          .isTrue();
    }
  }

  @Test
  @Order(2)
  void killingAHealthReplicaHandsItsTargetsToTheOther() throws Exception {
    Set<String> owned = ProbeCounts.moved(window2, TARGETS);
    assertThat(owned).as("targets health-service-2 probed").isNotEmpty();
    Map<String, Long> before = ProbeCounts.scrape(Suite.HEALTH);
    Instant killed = Instant.now();
    suite.signal("health-service-2", "KILL", Duration.ofSeconds(20));
    AtomicReference<Instant> first = new AtomicReference<>();
    await()
        .atMost(TAKEOVER_BOUND)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              Set<String> taken =
                  ProbeCounts.moved(
                      ProbeCounts.since(before, ProbeCounts.scrape(Suite.HEALTH)), owned);
              if (!taken.isEmpty() && first.get() == null) {
                first.set(Instant.now());
              }
              return taken.containsAll(owned);
            });
    Duration all = Duration.between(killed, Instant.now());
    System.out.printf(
        "scale-out: kill -9 health-service-2 holding %d of our targets: health-service probed the"
            + " first of them %.1f s and all of them %.1f s after the kill (lease ttl 30 s, rounds"
            + " every 5 s, probes every 5 s)%n",
        owned.size(),
        Duration.between(killed, first.get()).toMillis() / 1000.0,
        all.toMillis() / 1000.0);
    assertThat(all).isLessThan(TAKEOVER_BOUND);
  }

  @Test
  @Order(3)
  void anAlertDeliveredToBothAlertReplicasIsOneAlertAndOneEmail() throws Exception {
    String run = "Scale" + (System.currentTimeMillis() % 1_000_000);
    List<String> names = IntStream.range(0, 6).mapToObj(i -> run + "N" + i).toList();
    for (String name : names) {
      // Alertmanager HA behind a load balancer: the same notification reaches both replicas.
      String body = AlertmanagerPost.body(name);
      Future<Http.Reply> first = POOL.submit(() -> webhook(Suite.ALERT, body));
      Future<Http.Reply> second = POOL.submit(() -> webhook(Replicas.second(Suite.ALERT), body));
      assertThat(first.get().status()).as("alert-service: %s", first.get().text()).isEqualTo(200);
      assertThat(second.get().status())
          .as("alert-service-2: %s", second.get().text())
          .isEqualTo(200);
    }
    await()
        .atMost(FLOW)
        .pollInterval(Duration.ofSeconds(2))
        .until(() -> Pages.firing(names).lost(names) == 0);
    // A second page would come from the other notification replica within a delivery poll: the
    // count must hold still for 15 s.
    await()
        .during(Duration.ofSeconds(15))
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> Pages.firing(names).exactlyOnce(names));
    Pages.Count pages = Pages.firing(names);
    for (String name : names) {
      Set<String> ids = new HashSet<>();
      for (int port : List.of(Suite.ALERT, Replicas.second(Suite.ALERT))) {
        JsonNode alerts = Http.get(port, "/alerts?name=" + name, suite.adminToken).body();
        assertThat(alerts).as("alerts named %s seen by port %d", name, port).hasSize(1);
        ids.add(alerts.get(0).path("id").asText());
      }
      assertThat(ids).as("both replicas show the same alert %s", name).hasSize(1);
    }
    System.out.printf(
        "scale-out: %d alerts each delivered to both alert replicas: %d alerts, %d pages, %d"
            + " duplicated, %d re-sent copies%n",
        names.size(), names.size(), pages.perName().size(), pages.duplicated(), pages.resent());
    assertThat(pages.perName())
        .hasSize(names.size())
        .allSatisfy((n, c) -> assertThat(c).isEqualTo(1L));
  }

  @Test
  @Order(4)
  void eachBackupRequestToEitherReplicaIsOneBackupRunOnce() throws Exception {
    List<Future<Http.Reply>> requests = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      int port = i % 2 == 0 ? Suite.BACKUP : Replicas.second(Suite.BACKUP);
      requests.add(
          POOL.submit(
              () -> Http.post(port, "/backups", suite.adminToken, "{\"source\":\"demo\"}")));
    }
    List<String> ids = new ArrayList<>();
    for (Future<Http.Reply> request : requests) {
      Http.Reply reply = request.get();
      assertThat(reply.status()).as(reply.text()).isEqualTo(202);
      ids.add(reply.body().path("id").asText());
    }
    assertThat(new HashSet<>(ids)).hasSize(4);
    await()
        .atMost(FLOW)
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              for (String id : ids) {
                String status = backup(id).path("status").asText();
                if (!status.equals("COMPLETED") && !status.equals("VERIFIED")) {
                  assertThat(status).as("backup %s", id).isNotEqualTo("FAILED");
                  return false;
                }
              }
              return true;
            });
    for (String id : ids) {
      assertThat(backup(id).path("attempts").asInt()).as("runs of backup %s", id).isEqualTo(1);
    }
    System.out.printf(
        "scale-out: 4 backup requests over both replicas: 4 backups, each run once%n");
  }

  @Test
  @Order(5)
  void oneBackupPerScheduleSlotWithTwoSchedulers() throws Exception {
    // Every minute since startSecondReplicas; both replicas check the schedule every 30 s.
    await()
        .atMost(Duration.ofMinutes(5))
        .pollInterval(Duration.ofSeconds(5))
        .until(() -> scheduledSlots().size() >= 3);
    // A second backup of a slot would come from the other replica's next check (30 s later).
    await()
        .during(Duration.ofSeconds(35))
        .atMost(Duration.ofSeconds(50))
        .pollInterval(Duration.ofSeconds(5))
        .until(() -> scheduledSlots().values().stream().allMatch(n -> n == 1));
    Map<String, Integer> slots = scheduledSlots();
    System.out.printf("scale-out: scheduled backups per slot (every minute): %s%n", slots);
    assertThat(slots).allSatisfy((slot, n) -> assertThat(n).as("backups of %s", slot).isEqualTo(1));
    setSchedule(scheduleBefore);
  }

  @Test
  @Order(6)
  void oneDeploymentOfATargetAtATimeWhileRequestsArriveAtBothReplicas() throws Exception {
    String run = Long.toString(System.currentTimeMillis() % 1_000_000);
    List<Future<Http.Reply>> requests = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      int port = i % 2 == 0 ? Suite.DEPLOY : Replicas.second(Suite.DEPLOY);
      String version = "9." + run + "." + i;
      requests.add(
          POOL.submit(
              () -> Deployments.request(suite, port, "local", version, "scale-" + version)));
    }
    // One idempotency key sent to both replicas at once: one deployment.
    String key = "scale-same-" + run;
    Future<Http.Reply> once =
        POOL.submit(() -> Deployments.request(suite, Suite.DEPLOY, "local", "8." + run, key));
    Future<Http.Reply> twice =
        POOL.submit(
            () ->
                Deployments.request(
                    suite, Replicas.second(Suite.DEPLOY), "local", "8." + run, key));
    List<String> ids = new ArrayList<>();
    for (Future<Http.Reply> request : requests) {
      Http.Reply reply = request.get();
      assertThat(reply.status()).as(reply.text()).isEqualTo(202);
      ids.add(reply.body().path("id").asText());
    }
    Http.Reply a = once.get();
    Http.Reply b = twice.get();
    assertThat(List.of(a.status(), b.status()))
        .as("%s / %s", a.text(), b.text())
        .containsExactlyInAnyOrder(202, 200);
    assertThat(a.body().path("id").asText()).isEqualTo(b.body().path("id").asText());
    ids.add(a.body().path("id").asText());

    await()
        .atMost(Duration.ofMinutes(4))
        .pollInterval(Duration.ofSeconds(2))
        .until(() -> ids.stream().allMatch(id -> finishedQuietly(id)));
    List<Deployments.Span> deployments = new ArrayList<>();
    List<Deployments.Span> rollouts = new ArrayList<>();
    for (String id : ids) {
      JsonNode d = Deployments.get(suite, id);
      assertThat(d.path("state").asText()).as("deployment %s", d).isEqualTo("SUCCEEDED");
      deployments.add(Deployments.Span.of(id, d));
      List<JsonNode> attempts = Deployments.attempts(d, "ROLLOUT");
      assertThat(attempts).as("ROLLOUT attempts of %s", id).hasSize(1);
      rollouts.add(Deployments.Span.of(id, attempts.get(0)));
    }
    for (int i = 0; i < deployments.size(); i++) {
      for (int j = i + 1; j < deployments.size(); j++) {
        assertThat(deployments.get(i).overlaps(deployments.get(j)))
            .as(
                "deployments %s and %s of scaleout/local at once",
                deployments.get(i), deployments.get(j))
            .isFalse();
        assertThat(rollouts.get(i).overlaps(rollouts.get(j)))
            .as("rollouts %s and %s at once", rollouts.get(i), rollouts.get(j))
            .isFalse();
      }
    }
    Map<String, Long> ranBy = new TreeMap<>();
    for (String component : List.of("deploy-service", "deploy-service-2")) {
      String log = java.nio.file.Files.readString(suite.logs.resolve(component + ".log"));
      ranBy.put(
          component,
          ids.stream().filter(id -> log.contains("deployment " + id + " (scaleout/local")).count());
    }
    System.out.printf(
        "scale-out: 7 deployments of scaleout/local requested over both replicas (one key twice):"
            + " none overlapping; deployments with a step run by each replica %s%n",
        ranBy);
  }

  @Test
  @Order(7)
  void killingTheDeployReplicaRunningARolloutHandsItToTheOther() throws Exception {
    String version = "7." + (System.currentTimeMillis() % 1_000_000);
    Http.Reply requested =
        Deployments.request(
            suite, Replicas.second(Suite.DEPLOY), "kill", version, "kill-" + version);
    assertThat(requested.status()).as(requested.text()).isEqualTo(202);
    String id = requested.body().path("id").asText();
    List<String> replicas = List.of("deploy-service", "deploy-service-2");
    AtomicReference<String> owner = new AtomicReference<>();
    await()
        .atMost(FLOW)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              owner.set(Replicas.parentOf(suite, replicas, "sleep 20").orElse(null));
              return owner.get() != null;
            });
    Instant killed = Instant.now();
    suite.signal(owner.get(), "KILL", Duration.ofSeconds(20));
    String survivor = owner.get().equals(replicas.get(0)) ? replicas.get(1) : replicas.get(0);
    int survivorPort =
        owner.get().equals(replicas.get(0)) ? Replicas.second(Suite.DEPLOY) : Suite.DEPLOY;

    await()
        .atMost(TAKEOVER_BOUND)
        .pollInterval(Duration.ofMillis(500))
        .until(() -> Replicas.parentOf(suite, List.of(survivor), "sleep 20").isPresent());
    Duration takeover = Duration.between(killed, Instant.now());
    await()
        .atMost(FLOW)
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () ->
                Deployments.finished(
                    Http.get(survivorPort, "/deployments/" + id, suite.adminToken).body()));
    JsonNode d = Http.get(survivorPort, "/deployments/" + id, suite.adminToken).body();
    Duration total = Duration.between(killed, Instant.now());
    List<String> outcomes =
        Deployments.attempts(d, "ROLLOUT").stream().map(s -> s.path("outcome").asText()).toList();
    System.out.printf(
        "scale-out: kill -9 %s while its rollout ran: %s re-ran it %.1f s later (lease 15 s);"
            + " deployment %s %.1f s after the kill; ROLLOUT attempts %s%n",
        owner.get(),
        survivor,
        takeover.toMillis() / 1000.0,
        d.path("state").asText(),
        total.toMillis() / 1000.0,
        outcomes);
    assertThat(d.path("state").asText()).as("deployment %s", d).isEqualTo("SUCCEEDED");
    assertThat(outcomes).as("ROLLOUT attempts").containsExactly("INTERRUPTED", "SUCCEEDED");
    assertThat(takeover).isLessThan(TAKEOVER_BOUND);
    restart(owner.get());
  }

  private static Http.Reply webhook(int port, String body) throws Exception {
    return Http.post(port, "/webhooks/alertmanager", suite.adminToken, body);
  }

  private static JsonNode backup(String id) throws Exception {
    return Http.get(Suite.BACKUP, "/backups/" + id, suite.adminToken).body();
  }

  /** SCHEDULED backups of demo requested since the schedule was changed, per slot. */
  private static Map<String, Integer> scheduledSlots() throws Exception {
    JsonNode backups =
        Http.get(Suite.BACKUP, "/backups?source=demo&limit=500", suite.adminToken).body();
    Map<String, Integer> slots = new TreeMap<>();
    for (JsonNode b : backups) {
      if ("SCHEDULED".equals(b.path("reason").asText())
          && Instant.parse(b.path("requestedAt").asText()).isAfter(scheduleChanged)) {
        slots.merge(b.path("correlationId").asText(), 1, Integer::sum);
      }
    }
    return slots;
  }

  private static void setSchedule(String cron) throws Exception {
    if (cron == null || cron.isEmpty()) {
      return;
    }
    Http.Reply reply =
        Http.send(
            "PUT",
            Suite.BACKUP,
            "/sources/demo/schedule",
            suite.adminToken,
            "{\"cron\":\"" + cron + "\"}");
    assertThat(reply.status()).as("PUT schedule %s: %s", cron, reply.text()).isBetween(200, 204);
  }

  private static boolean finishedQuietly(String id) {
    try {
      return Deployments.finished(Deployments.get(suite, id));
    } catch (Exception e) {
      return false;
    }
  }

  /** Starts again what a test killed: the service {@code up} started, or replica 2. */
  private static void restart(String component) throws Exception {
    if (component.endsWith("-2")) {
      Replicas.start(suite, component.substring(0, component.indexOf("-service")));
    } else {
      suite.run(Duration.ofMinutes(4), "up");
    }
  }

  private static Map<String, Long> nonZero(Map<String, Long> probes) {
    Map<String, Long> moved = new TreeMap<>();
    probes.forEach(
        (target, n) -> {
          if (n > 0) {
            moved.put(target, n);
          }
        });
    return moved;
  }
}
