package dev.autopilot.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A steady flow of alerts into alert-service's Alertmanager webhook, as Alertmanager sends them:
 * one new firing alert (its own name, fingerprint and group) every {@code every}, one request at a
 * time. Every delivery is recorded with its answer; {@link #redeliverRefused()} re-sends the
 * refused ones afterwards as Alertmanager retries a failed notification (5xx or no connection; a
 * 4xx it would not retry, so that counts as lost).
 */
final class AlertFlow implements AutoCloseable {
  /** The answer status of a request that got no answer in time (a hang). */
  static final int TIMED_OUT = -1;

  /** The answer status of a request whose connection failed (refused, reset). */
  static final int NO_CONNECTION = 0;

  /**
   * One webhook delivery.
   *
   * @param status the HTTP status, {@link #TIMED_OUT} or {@link #NO_CONNECTION}
   */
  record Delivery(String name, String body, Instant at, int status, Duration took) {
    boolean accepted() {
      return status == 200;
    }

    /** Alertmanager would retry it: a server error or no answer. */
    boolean retryable() {
      return status >= 500 || status == NO_CONNECTION || status == TIMED_OUT;
    }
  }

  private final Suite suite;
  private final String prefix;
  private final ScheduledExecutorService timer;
  private final List<Delivery> deliveries = new ArrayList<>();
  private final List<Delivery> redeliveries = new ArrayList<>();
  private int next;

  private AlertFlow(Suite suite, String prefix) {
    this.suite = suite;
    this.prefix = prefix;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "alert-flow-" + prefix);
              t.setDaemon(true);
              return t;
            });
  }

  /** Starts sending: alert names are {@code <prefix>N<n>}. */
  static AlertFlow start(Suite suite, String prefix, Duration every) {
    AlertFlow flow = new AlertFlow(suite, prefix);
    flow.timer.scheduleWithFixedDelay(flow::sendNext, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    return flow;
  }

  private void sendNext() {
    String name = prefix + "N" + next++;
    Delivery d = deliver(name, AlertmanagerPost.body(name));
    synchronized (deliveries) {
      deliveries.add(d);
    }
  }

  private Delivery deliver(String name, String body) {
    Instant at = Instant.now();
    long start = System.nanoTime();
    int status;
    try {
      status = AlertmanagerPost.post(suite, body).status();
    } catch (HttpTimeoutException e) {
      status = TIMED_OUT;
    } catch (IOException e) {
      status = NO_CONNECTION;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return new Delivery(name, body, at, status, Duration.ofNanos(System.nanoTime() - start));
  }

  /** Stops sending new alerts; waits for the request under way. */
  @Override
  public void close() throws InterruptedException {
    timer.shutdown();
    timer.awaitTermination(1, TimeUnit.MINUTES);
  }

  /** Every delivery so far, in order. */
  List<Delivery> deliveries() {
    synchronized (deliveries) {
      return List.copyOf(deliveries);
    }
  }

  /** The names of every alert sent. */
  List<String> names() {
    return deliveries().stream().map(Delivery::name).toList();
  }

  /** Deliveries so far that match. */
  long count(Predicate<Delivery> which) {
    return deliveries().stream().filter(which).count();
  }

  /** How many deliveries got each answer ("200", "503", "no connection", "timed out"). */
  Map<String, Long> answers(Predicate<Delivery> which) {
    Map<String, Long> answers = new TreeMap<>();
    for (Delivery d : deliveries()) {
      if (which.test(d)) {
        String answer =
            switch (d.status()) {
              case TIMED_OUT -> "timed out";
              case NO_CONNECTION -> "no connection";
              default -> Integer.toString(d.status());
            };
        answers.merge(answer, 1L, Long::sum);
      }
    }
    return answers;
  }

  /** The longest answer among the matching deliveries. */
  Duration slowest(Predicate<Delivery> which) {
    return deliveries().stream()
        .filter(which)
        .map(Delivery::took)
        .max(Duration::compareTo)
        .orElse(Duration.ZERO);
  }

  /**
   * Re-sends each refused delivery (same body) until alert-service accepts it, as Alertmanager's
   * retries would; returns how many were re-sent. A 4xx is not retried (Alertmanager drops it).
   */
  int redeliverRefused() {
    List<Delivery> refused = deliveries().stream().filter(Delivery::retryable).toList();
    for (Delivery d : refused) {
      await()
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () -> {
                Delivery again = deliver(d.name(), d.body());
                redeliveries.add(again);
                return again.accepted();
              });
    }
    return refused.size();
  }

  /** Names whose delivery ended refused for good (a 4xx): Alertmanager would not retry. */
  List<String> dropped() {
    return deliveries().stream()
        .filter(d -> !d.accepted() && !d.retryable())
        .map(Delivery::name)
        .toList();
  }
}
