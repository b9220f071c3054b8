package dev.autopilot.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * What the kill drills count, read where an operator would read it: backup-service's and
 * deploy-service's APIs, health-service's target state, the demo app's log (one line per start of a
 * version, written by the deploy command), and the events on the broker.
 */
final class DrillReads {
  private static final Set<String> UNDER_WAY = Set.of("PENDING", "RUNNING");

  private DrillReads() {}

  /** The demo database's backups whose correlationId is one of the drill's. */
  static List<JsonNode> backups(Suite suite, Predicate<String> correlation) throws Exception {
    Http.Reply reply = Http.get(Suite.BACKUP, "/backups?source=demo&limit=1000", suite.adminToken);
    List<JsonNode> mine = new ArrayList<>();
    if (reply.status() == 200 && reply.body() != null) {
      for (JsonNode b : reply.body()) {
        if (correlation.test(b.path("correlationId").asText())) {
          mine.add(b);
        }
      }
    }
    return mine;
  }

  /** Backups whose correlationId starts with {@code <run>-}. */
  static List<JsonNode> backups(Suite suite, String run) throws Exception {
    return backups(suite, c -> c.startsWith(run + "-"));
  }

  /** How many backups each correlationId got. */
  static Map<String, Long> perCorrelation(List<JsonNode> backups) {
    Map<String, Long> count = new TreeMap<>();
    backups.forEach(b -> count.merge(b.path("correlationId").asText(), 1L, Long::sum));
    return count;
  }

  /** Every request has a backup and none of the drill's backups is still PENDING or RUNNING. */
  static boolean settled(Suite suite, String run, Collection<String> correlations)
      throws Exception {
    List<JsonNode> backups = backups(suite, run);
    return perCorrelation(backups).keySet().containsAll(correlations)
        && backups.stream().noneMatch(b -> UNDER_WAY.contains(b.path("status").asText()));
  }

  /** "1 RUNNING, 4 PENDING, 1 COMPLETED". */
  static String tally(List<JsonNode> backups) {
    Map<String, Long> count = new TreeMap<>();
    backups.forEach(b -> count.merge(b.path("status").asText(), 1L, Long::sum));
    List<String> parts = new ArrayList<>();
    count.forEach((status, n) -> parts.add(n + " " + status));
    return String.join(", ", parts);
  }

  static Http.Reply requestDeployment(Suite suite, String version, String key) throws Exception {
    return Http.post(
        Suite.DEPLOY,
        "/deployments",
        suite.adminToken,
        "{\"service\":\"demo\",\"environment\":\"local\",\"version\":\""
            + version
            + "\",\"idempotencyKey\":\""
            + key
            + "\",\"requestedBy\":\"e2e-kill-drill\",\"checks\":{\"testsPassed\":true,"
            + "\"buildSucceeded\":true,\"migrationsTested\":true}}");
  }

  static JsonNode deployment(Suite suite, String id) throws Exception {
    return Http.get(Suite.DEPLOY, "/deployments/" + id, suite.adminToken).body();
  }

  /** How many deployments carry each idempotency key that starts with {@code <run>-}. */
  static Map<String, Long> deploymentsPerKey(Suite suite, String run) throws Exception {
    Map<String, Long> count = new TreeMap<>();
    JsonNode list =
        Http.get(Suite.DEPLOY, "/deployments?service=demo&limit=500", suite.adminToken).body();
    for (JsonNode d : list) {
      String key = d.path("idempotencyKey").asText();
      if (key.startsWith(run + "-")) {
        count.merge(key, 1L, Long::sum);
      }
    }
    return count;
  }

  /** Steps of a deployment that were attempted more than once: "ROLLOUT [INTERRUPTED, …]". */
  static List<String> repeatedSteps(JsonNode deployment) {
    Map<String, List<String>> attempts = new LinkedHashMap<>();
    for (JsonNode s : deployment.path("steps")) {
      attempts
          .computeIfAbsent(s.path("step").asText(), k -> new ArrayList<>())
          .add(s.path("outcome").asText());
    }
    List<String> repeated = new ArrayList<>();
    attempts.forEach(
        (step, outcomes) -> {
          if (outcomes.size() > 1) {
            repeated.add(deployment.path("id").asText() + " " + step + " " + outcomes);
          }
        });
    return repeated;
  }

  /**
   * How often the demo app was started at each version: deploy/demo/demo-deploy appends "starting
   * demo app VERSION on port …" to the demo log each time the deploy command starts it.
   */
  static Map<String, Long> demoStarts(Suite suite, List<String> versions) throws Exception {
    List<String> lines = Files.readAllLines(suite.logs.resolve(Path.of("demo.log")));
    Map<String, Long> count = new LinkedHashMap<>();
    for (String v : versions) {
      String marker = "starting demo app " + v + " on port";
      count.put(v, lines.stream().filter(l -> l.contains(marker)).count());
    }
    return count;
  }

  /** A health target's current state ({@code status}, {@code consecutiveFailures}, …). */
  static JsonNode targetState(Suite suite, String id) throws Exception {
    return Http.get(Suite.HEALTH, "/targets/" + id, suite.adminToken).body().path("state");
  }

  /** The events of a health topic about one target, one per CloudEvent id. */
  static List<Events.Event> transitions(String targetId, String topic) {
    return Events.read(topic, d -> targetId.equals(d.path("targetId").asText()));
  }
}
