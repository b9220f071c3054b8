package dev.autopilot.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * A fault drill with real processes: alerts arrive from Alertmanager while alert-service and
 * notification-service are killed with SIGKILL (no shutdown hook, nothing flushed) with that work
 * in flight, then {@code ./autopilot up} restarts them. Counted from the SMTP catcher: pages lost
 * (must be 0) and pages duplicated (must be 0), and how long until both are ready again.
 */
@Order(3)
class FaultDrillTest {
  private static final String ONCALL = "oncall@autopilot.local";
  private static final int ALERTS = 20;
  private static final Pattern MESSAGE_ID =
      Pattern.compile("Message-I[Dd]: *<([^>]+)>", Pattern.CASE_INSENSITIVE);

  @Test
  void killingAlertAndNotificationServiceMidFlowLosesAndDuplicatesNoPage() throws Exception {
    Suite suite = Suite.get();
    String run = "Drill" + (System.currentTimeMillis() % 1_000_000);
    List<String> names =
        IntStream.range(0, ALERTS).mapToObj(i -> run + "N" + i).collect(Collectors.toList());

    // Half the alerts reach alert-service, then notification-service dies with pages in flight.
    for (int i = 0; i < ALERTS / 2; i++) {
      assertThat(webhook(suite, names.get(i)).status()).isEqualTo(200);
    }
    kill9(suite, "notification-service");
    // The other half is accepted, then alert-service dies before (or while) its outbox drains.
    for (int i = ALERTS / 2; i < ALERTS; i++) {
      assertThat(webhook(suite, names.get(i)).status()).isEqualTo(200);
    }
    kill9(suite, "alert-service");

    Instant restart = Instant.now();
    suite.run(Duration.ofMinutes(4), "up");
    Duration backUp = Duration.between(restart, Instant.now());
    System.out.printf(
        "fault drill: alert- and notification-service ready %d s after up%n", backUp.toSeconds());

    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofSeconds(2))
        .until(() -> pages(names).size() == ALERTS);
    // Anything duplicated would arrive within a few redelivery rounds: the count must hold still
    // (one page per alert) for 10 s before it is reported and asserted.
    await()
        .during(Duration.ofSeconds(10))
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> pages(names).values().stream().allMatch(n -> n == 1L));
    Map<String, Long> pages = pages(names);
    System.out.printf(
        "fault drill: %d alerts, %d paged, %d lost, %d duplicated, %d re-sent copies of one"
            + " message (same Message-ID)%n",
        ALERTS,
        pages.size(),
        ALERTS - pages.size(),
        pages.values().stream().mapToLong(n -> n - 1).sum(),
        resent);
    assertThat(pages)
        .as("one FIRING page per alert")
        .hasSize(ALERTS)
        .allSatisfy((n, c) -> assertThat(c).isEqualTo(1L));
  }

  /**
   * FIRING pages per alert name of this drill, counted as distinct Message-IDs:
   * notification-service derives the Message-ID from the notification, so a copy re-sent after a
   * kill between "SMTP accepted" and "marked sent" (unavoidable with SMTP, and better than a lost
   * page) is the same message to every mail system, while a second notification would have its own.
   */
  private static Map<String, Long> pages(List<String> names) throws Exception {
    Map<String, java.util.Set<String>> ids = new TreeMap<>();
    int copies = 0;
    for (JsonNode message : Mailbox.messages(ONCALL)) {
      String subject = message.path("subject").asText();
      if (!subject.contains("FIRING")) {
        continue;
      }
      for (String name : names) {
        if (subject.matches(".*\\b" + name + "\\b.*")) {
          copies++;
          ids.computeIfAbsent(name, n -> new java.util.HashSet<>()).add(messageId(message));
        }
      }
    }
    resent = copies - ids.values().stream().mapToInt(java.util.Set::size).sum();
    Map<String, Long> count = new TreeMap<>();
    ids.forEach((name, set) -> count.put(name, (long) set.size()));
    return count;
  }

  private static int resent;

  private static String messageId(JsonNode message) {
    String direct = message.path("messageId").asText("");
    if (!direct.isEmpty()) {
      return direct;
    }
    Matcher m = MESSAGE_ID.matcher(message.toString());
    return m.find() ? m.group(1) : message.toString();
  }

  private static Http.Reply webhook(Suite suite, String name) throws Exception {
    String alert =
        "{\"status\":\"firing\",\"labels\":{\"alertname\":\""
            + name
            + "\",\"service\":\"drill\",\"environment\":\"local\",\"severity\":\"critical\"},"
            + "\"annotations\":{\"summary\":\"fault drill "
            + name
            + "\"},\"startsAt\":\""
            + Instant.now()
            + "\",\"endsAt\":\"0001-01-01T00:00:00Z\",\"generatorURL\":\"http://prometheus/graph\","
            + "\"fingerprint\":\""
            + Integer.toHexString(name.hashCode())
            + "\"}";
    String body =
        "{\"receiver\":\"autopilot\",\"status\":\"firing\",\"alerts\":["
            + alert
            + "],\"groupLabels\":{\"alertname\":\""
            + name
            + "\"},\"commonLabels\":{},\"commonAnnotations\":{},\"externalURL\":\"http://am\","
            + "\"version\":\"4\",\"groupKey\":\"{}:{alertname=\\\""
            + name
            + "\\\"}\",\"truncatedAlerts\":0}";
    return Http.post(Suite.ALERT, "/webhooks/alertmanager", suite.adminToken, body);
  }

  private static void kill9(Suite suite, String component) throws Exception {
    long pid =
        Long.parseLong(Files.readString(suite.home.resolve("pids/" + component + ".pid")).strip());
    new ProcessBuilder("kill", "-KILL", Long.toString(pid)).start().waitFor();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
  }
}
