package dev.autopilot.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Fault drills on the suite's dependencies, with real processes: while a steady flow of alerts
 * arrives over alert-service's Alertmanager webhook (one new alert a second, each of which must
 * page the on-call exactly once), the Kafka broker is stopped and restarted, PostgreSQL is stopped
 * (fast shutdown) and restarted, and Redis is stopped for a minute; {@code ./autopilot up} brings
 * each back, as an operator would. Deliveries the webhook refused during an outage are re-sent
 * afterwards, as Alertmanager retries them. Counted from the SMTP catcher: pages lost (must be 0)
 * and duplicated (must be 0, by distinct Message-ID), and how long until every service is ready.
 * What the webhook answered while the dependency was down is printed; a hang (no answer within the
 * client's 20 s) fails the drill.
 */
@Order(5)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DependencyOutageDrillTest {
  private static final Duration ONE_ALERT_EVERY = Duration.ofSeconds(1);

  /** Duplicates would come from redelivery rounds: the count must hold this long. */
  private static final Duration HOLD_STILL = Duration.ofSeconds(10);

  /** A read of each service, sampled in the middle of each outage (printed, not asserted). */
  private static final Map<String, Integer> READ_PORTS = new LinkedHashMap<>();

  static {
    READ_PORTS.put("GET health /targets", Suite.HEALTH);
    READ_PORTS.put("GET alert /alerts/stats", Suite.ALERT);
    READ_PORTS.put("GET notification /notifications", Suite.NOTIFICATION);
    READ_PORTS.put("GET backup /backups", Suite.BACKUP);
    READ_PORTS.put("GET deploy /deployments", Suite.DEPLOY);
  }

  @Test
  @Order(1)
  void kafkaBrokerRestartLosesAndDuplicatesNoPage() throws Exception {
    Drill drill = run("kafka", Suite.KAFKA, "TERM", Duration.ofSeconds(30), "OutKafka");
    drill.assertNoHang();
    drill.assertExactlyOnce();
  }

  @Test
  @Order(2)
  void postgresRestartLosesAndDuplicatesNoPageAndTheWebhookAnswersMeanwhile() throws Exception {
    // SIGINT is PostgreSQL's fast shutdown: open transactions are rolled back, clients cut off.
    Drill drill = run("postgres", Suite.PG, "INT", Duration.ofSeconds(30), "OutPg");
    drill.assertNoHang();
    drill.assertExactlyOnce();
  }

  @Test
  @Order(3)
  void redisStoppedForAMinuteLosesAndDuplicatesNoPage() throws Exception {
    Drill drill = run("redis", Suite.REDIS, "TERM", Duration.ofSeconds(60), "OutRedis");
    drill.assertNoHang();
    drill.assertExactlyOnce();
  }

  /** What one drill observed. */
  private record Drill(String component, List<String> names, Pages.Count pages, AlertFlow flow) {
    void assertNoHang() {
      assertThat(flow.answers(d -> true))
          .as("%s drill: webhook answers (a hang is a request with no answer in 20 s)", component)
          .doesNotContainKey("timed out");
    }

    void assertExactlyOnce() {
      assertThat(flow.dropped())
          .as("%s drill: deliveries refused with a 4xx (Alertmanager would not retry)", component)
          .isEmpty();
      assertThat(pages.lost(names)).as("%s drill: alerts never paged", component).isZero();
      assertThat(pages.duplicated()).as("%s drill: alerts paged twice", component).isZero();
    }
  }

  private static Drill run(String component, int port, String signal, Duration outage, String label)
      throws Exception {
    Suite suite = Suite.get();
    // Earlier drills and tests restart things: start from every service ready.
    suite.ensureUp();
    String prefix = label + (System.currentTimeMillis() % 1_000_000);
    Instant stop;
    Instant upAt;
    Instant upDone;
    Instant readyAgain;
    Map<String, String> reads;
    Readiness readiness = Readiness.watch();
    AlertFlow flow = AlertFlow.start(suite, prefix, ONE_ALERT_EVERY);
    try {
      // Steady state first: alerts flowing and accepted.
      await()
          .atMost(Duration.ofMinutes(1))
          .until(() -> flow.count(AlertFlow.Delivery::accepted) >= 5);

      stop = Instant.now();
      suite.signal(component, signal, Duration.ofMinutes(1));
      // The outage, alerts still arriving; nothing brings the dependency back on its own.
      Duration half = outage.dividedBy(2);
      await().during(half).atMost(half.plusSeconds(10)).until(() -> !listening(port));
      reads = sampleReads(suite);
      await().during(half).atMost(half.plusSeconds(10)).until(() -> !listening(port));

      upAt = Instant.now();
      suite.run(Duration.ofMinutes(4), "up"); // starts only what is not running
      upDone = Instant.now();
      await()
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> readiness.allReadySince() != null);
      readyAgain = readiness.allReadySince();
      // A few more alerts after the recovery, then the flow stops.
      Instant recovered = readyAgain;
      await()
          .atMost(Duration.ofMinutes(1))
          .until(() -> flow.count(d -> d.accepted() && d.at().isAfter(recovered)) >= 3);
    } finally {
      flow.close();
      readiness.close();
    }

    int redelivered = flow.redeliverRefused();
    List<String> names = flow.names();
    try {
      await()
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofSeconds(2))
          .until(() -> Pages.firing(names).lost(names) == 0);
      await()
          .during(HOLD_STILL)
          .atMost(HOLD_STILL.plusSeconds(10))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> Pages.firing(names).duplicated() == 0);
    } catch (ConditionTimeoutException e) {
      // Reported and asserted below with the figures.
    }
    Pages.Count pages = Pages.firing(names);

    Instant downUntil = upAt;
    Predicate<AlertFlow.Delivery> whileDown =
        d -> !d.at().isBefore(stop) && d.at().isBefore(downUntil);
    Predicate<AlertFlow.Delivery> comingBack =
        d -> !d.at().isBefore(upAt) && d.at().isBefore(readyAgain);
    String notReady =
        readiness.downChecks().entrySet().stream()
            .map(
                e ->
                    e.getKey()
                        + " (+"
                        + Duration.between(stop, readiness.firstDown().get(e.getKey())).toSeconds()
                        + " s: "
                        + String.join(", ", e.getValue())
                        + ")")
            .collect(Collectors.joining("; "));
    boolean wentDown = !readiness.downChecks().isEmpty();
    System.out.printf(
        "outage drill %s: stopped (SIG%s) for %d s; %d alerts sent, %d while down;"
            + " webhook answers while down %s (slowest %d ms), while coming back %s;"
            + " %d refused deliveries re-sent%n",
        component,
        signal,
        Duration.between(stop, upAt).toSeconds(),
        names.size(),
        flow.count(whileDown),
        flow.answers(whileDown),
        flow.slowest(whileDown).toMillis(),
        flow.answers(comingBack),
        redelivered);
    System.out.printf(
        "outage drill %s: not ready during the outage: %s%n",
        component, wentDown ? notReady : "none");
    System.out.printf(
        "outage drill %s: `up` took %d s; every service ready %d s after up started (%d s after"
            + " the stop)%n",
        component,
        Duration.between(upAt, upDone).toSeconds(),
        Math.max(0, Duration.between(upAt, readyAgain).toSeconds()),
        Duration.between(stop, readyAgain).toSeconds());
    System.out.printf("outage drill %s: reads in the middle of the outage: %s%n", component, reads);
    System.out.printf(
        "outage drill %s: %d alerts, %d paged, %d lost, %d duplicated, %d re-sent copies of one"
            + " message (same Message-ID)%n",
        component,
        names.size(),
        pages.perName().size(),
        pages.lost(names),
        pages.duplicated(),
        pages.resent());
    return new Drill(component, names, pages, flow);
  }

  /** Whether something accepts connections on the port (the dependency is back). */
  private static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The status of one read per service, "timed out" when there was no answer in 20 s. */
  private static Map<String, String> sampleReads(Suite suite) {
    Map<String, String> statuses = new LinkedHashMap<>();
    READ_PORTS.forEach(
        (label, port) -> {
          String path = label.substring(label.lastIndexOf(' ') + 1);
          String status;
          try {
            status = Integer.toString(Http.get(port, path, suite.adminToken).status());
          } catch (HttpTimeoutException e) {
            status = "timed out";
          } catch (Exception e) {
            status = e.getClass().getSimpleName();
          }
          statuses.put(label, status);
        });
    return statuses;
  }
}
