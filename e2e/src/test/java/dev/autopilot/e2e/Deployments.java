package dev.autopilot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * deploy-service's API for the scale-out test: a throw-away deployment target whose deploy command
 * is {@code /bin/sleep N} (a rollout that takes a known time and has a process to find), and
 * deployments of it as the API shows them.
 */
final class Deployments {
  static final String SERVICE = "scaleout";
  static final Set<String> FINAL =
      Set.of("SUCCEEDED", "FAILED", "REJECTED", "ROLLED_BACK", "CANCELLED");

  private Deployments() {}

  /**
   * Creates (or replaces) the target {@code scaleout/<environment>}: sleep, the demo app's /health
   * as the gate.
   */
  static void target(Suite suite, String environment, int sleepSeconds) throws Exception {
    String body =
        "{\"executor\":\"command\",\"commands\":{\"deploy\":[\"/bin/sleep\",\""
            + sleepSeconds
            + "\"]},\"commandTimeout\":\"3m\",\"healthGate\":{\"url\":\"http://127.0.0.1:"
            + Suite.DEMO
            + "/health\",\"passes\":1,\"deadline\":\"1m\",\"interval\":\"1s\"},"
            + "\"bakeTime\":\"0s\",\"requiredChecks\":[],\"watchPeriod\":\"1h\"}";
    Http.Reply reply =
        Http.send(
            "PUT", Suite.DEPLOY, "/targets/" + SERVICE + "/" + environment, suite.adminToken, body);
    assertThat(reply.status()).as("PUT deploy target: %s", reply.text()).isIn(200, 201);
  }

  /** Deletes the target (the test leaves the stack as it found it). */
  static void removeTarget(Suite suite, String environment) throws Exception {
    Http.send(
        "DELETE", Suite.DEPLOY, "/targets/" + SERVICE + "/" + environment, suite.adminToken, null);
  }

  /** POST /deployments of {@code version} to the replica on {@code port}. */
  static Http.Reply request(Suite suite, int port, String environment, String version, String key)
      throws Exception {
    return Http.post(
        port,
        "/deployments",
        suite.adminToken,
        "{\"service\":\""
            + SERVICE
            + "\",\"environment\":\""
            + environment
            + "\",\"version\":\""
            + version
            + "\",\"idempotencyKey\":\""
            + key
            + "\",\"requestedBy\":\"e2e-scale-out\"}");
  }

  static JsonNode get(Suite suite, String id) throws Exception {
    return Http.get(Suite.DEPLOY, "/deployments/" + id, suite.adminToken).body();
  }

  static boolean finished(JsonNode deployment) {
    return FINAL.contains(deployment.path("state").asText());
  }

  /** The attempts at one step of a deployment, oldest first. */
  static List<JsonNode> attempts(JsonNode deployment, String step) {
    List<JsonNode> attempts = new ArrayList<>();
    for (JsonNode s : deployment.path("steps")) {
      if (step.equals(s.path("step").asText())) {
        attempts.add(s);
      }
    }
    return attempts;
  }

  /** When a deployment (or a step attempt) started and finished. */
  record Span(String id, Instant start, Instant end) {
    static Span of(String id, JsonNode node) {
      return new Span(
          id,
          Instant.parse(node.path("startedAt").asText()),
          Instant.parse(node.path("finishedAt").asText()));
    }

    boolean overlaps(Span other) {
      return start.isBefore(other.end) && other.start.isBefore(end);
    }
  }
}
