package dev.autopilot.bench.ingest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Alert ingest, side by side in one run: alert-service's Alertmanager webhook (version 4 bodies, as
 * Alertmanager sends them) against Alertmanager 0.25's own {@code POST /api/v2/alerts} (what
 * Prometheus sends). Both get batches of the same alerts (default 50, Prometheus's batch size) from
 * a rotating pool, so most posts update alerts that already exist, as a steady Prometheus does.
 *
 * <p>Phases per target: the pool opened once (every alert new), closed loop (C workers posting back
 * to back: the most alerts/s it takes) over the existing pool and over alerts that are all new, and
 * open loop at a fixed rate (default 1,000 alerts/s: the latency at that load). Runs against the
 * local stack ({@code ./autopilot up} starts both). Usage:
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.autopilot.bench.ingest.WebhookIngestBench \
 *   [alertUrl=http://127.0.0.1:8082] [alertmanagerUrl=http://127.0.0.1:19094] \
 *   [tokenFile=.autopilot/admin-token] [seconds=20] [batch=50] [workers=4] [rate=1000] [pool=2000]
 * </pre>
 *
 * Latency percentiles are computed from every request's time (no sampling); nothing is asserted.
 */
public final class WebhookIngestBench {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private WebhookIngestBench() {}

  record Result(
      String target,
      String phase,
      long alerts,
      double seconds,
      long[] latenciesMicros,
      long errors) {
    /** The same result, its phase marked as one where every alert was {@code what}. */
    Result every(String what) {
      return new Result(
          target, phase + ", every alert " + what, alerts, seconds, latenciesMicros, errors);
    }

    double alertsPerSecond() {
      return alerts / seconds;
    }

    double percentileMs(double p) {
      if (latenciesMicros.length == 0) {
        return Double.NaN;
      }
      int i = (int) Math.min(latenciesMicros.length - 1, Math.ceil(p * latenciesMicros.length) - 1);
      return latenciesMicros[Math.max(0, i)] / 1000.0;
    }
  }

  public static void main(String[] args) throws Exception {
    String alertUrl = arg(args, "alertUrl", "http://127.0.0.1:8082");
    String amUrl = arg(args, "alertmanagerUrl", "http://127.0.0.1:19094");
    String token =
        Files.readString(Path.of(arg(args, "tokenFile", ".autopilot/admin-token"))).strip();
    int seconds = Integer.parseInt(arg(args, "seconds", "20"));
    int batch = Integer.parseInt(arg(args, "batch", "50"));
    int workers = Integer.parseInt(arg(args, "workers", "4"));
    int rate = Integer.parseInt(arg(args, "rate", "1000"));
    int pool = Integer.parseInt(arg(args, "pool", "2000"));
    String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36);

    IntFunction<HttpRequest> webhook =
        n -> toWebhook(alertUrl, token, webhookBody(run, n, batch, pool));
    IntFunction<HttpRequest> alertmanager =
        n -> toAlertmanager(amUrl, alertsArray(run, n, batch, pool));
    // Every alert of every request new (an unbounded pool under another alert name): the cost of
    // opening alerts, sustained, e.g. a large outage or a fleet of new targets.
    String fresh = run + "n";
    IntFunction<HttpRequest> webhookNew =
        n -> toWebhook(alertUrl, token, webhookBody(fresh, n, batch, Integer.MAX_VALUE));
    IntFunction<HttpRequest> alertmanagerNew =
        n -> toAlertmanager(amUrl, alertsArray(fresh, n, batch, Integer.MAX_VALUE));

    // Warm both up (JIT, connection pools) before anything is measured, on alerts of their own.
    IntFunction<HttpRequest> warmWebhook =
        n -> webhookNew.apply(Integer.MAX_VALUE / batch - 1 - n % 20_000);
    IntFunction<HttpRequest> warmAlertmanager =
        n -> alertmanagerNew.apply(Integer.MAX_VALUE / batch - 1 - n % 20_000);
    closedLoop("warm-up", warmAlertmanager, 5, workers, batch);
    closedLoop("warm-up", warmWebhook, 5, workers, batch);
    drain(alertUrl);
    // Open every alert of the pool once: what follows is what a steady Prometheus/Alertmanager
    // sends, mostly alerts that exist. The time to open them is printed as the "new alerts" figure.
    Result newAlertsAm = prefill("alertmanager /api/v2/alerts", alertmanager, pool, batch, workers);
    Result newAlerts = prefill("alert-service webhook", webhook, pool, batch, workers);
    drain(alertUrl);

    List<Result> results = new ArrayList<>();
    results.add(newAlertsAm);
    results.add(newAlerts);
    results.add(closedLoop("alertmanager /api/v2/alerts", alertmanager, seconds, workers, batch));
    results.add(closedLoop("alert-service webhook", webhook, seconds, workers, batch));
    drain(alertUrl);
    results.add(
        closedLoop("alertmanager /api/v2/alerts", alertmanagerNew, seconds, workers, batch)
            .every("new"));
    results.add(
        closedLoop("alert-service webhook", webhookNew, seconds, workers, batch).every("new"));
    drain(alertUrl);
    results.add(openLoop("alertmanager /api/v2/alerts", alertmanager, seconds, rate, batch));
    results.add(openLoop("alert-service webhook", webhook, seconds, rate, batch));

    System.out.printf(
        Locale.ROOT,
        "%n| target | phase | alerts/s | p50 ms | p99 ms | errors |%n|---|---|---|---|---|---|%n");
    for (Result r : results) {
      System.out.printf(
          Locale.ROOT,
          "| %s | %s | %.0f | %.1f | %.1f | %d |%n",
          r.target(),
          r.phase(),
          r.alertsPerSecond(),
          r.percentileMs(0.50),
          r.percentileMs(0.99),
          r.errors());
    }
    System.out.printf(
        Locale.ROOT,
        "%nratio alert-service / alertmanager, alerts/s: pool opened once %.2f, closed loop"
            + " (alerts exist) %.2f, closed loop (every alert new) %.2f%n",
        results.get(1).alertsPerSecond() / results.get(0).alertsPerSecond(),
        results.get(3).alertsPerSecond() / results.get(2).alertsPerSecond(),
        results.get(5).alertsPerSecond() / results.get(4).alertsPerSecond());
  }

  /** A POST of an Alertmanager webhook body to alert-service. */
  private static HttpRequest toWebhook(String alertUrl, String token, String body) {
    return HttpRequest.newBuilder(URI.create(alertUrl + "/webhooks/alertmanager"))
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json")
        .timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  /** A POST of alerts to Alertmanager's API, as Prometheus sends them. */
  private static HttpRequest toAlertmanager(String amUrl, String body) {
    return HttpRequest.newBuilder(URI.create(amUrl + "/api/v2/alerts"))
        .header("Content-Type", "application/json")
        .timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  /**
   * Waits until alert-service's outbox is empty (gauge {@code autopilot_outbox_pending}), so the
   * relaying of one phase's events does not run into the next phase; prints how long that took.
   */
  private static void drain(String alertUrl) throws Exception {
    long started = System.nanoTime();
    long deadline = started + TimeUnit.MINUTES.toNanos(5);
    HttpRequest metrics = HttpRequest.newBuilder(URI.create(alertUrl + "/q/metrics")).build();
    while (System.nanoTime() < deadline) {
      String text = CLIENT.send(metrics, HttpResponse.BodyHandlers.ofString()).body();
      double pending =
          text.lines()
              .filter(l -> l.startsWith("autopilot_outbox_pending"))
              .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
              .findFirst()
              .orElseThrow(() -> new IllegalStateException("no autopilot_outbox_pending metric"));
      if (pending == 0) {
        System.out.printf(
            Locale.ROOT, "outbox drained after %.1f s%n", (System.nanoTime() - started) / 1e9);
        return;
      }
      TimeUnit.MILLISECONDS.sleep(250);
    }
    throw new IllegalStateException("alert-service's outbox did not drain in 5 minutes");
  }

  /** Posts each alert of the pool once, {@code workers} at a time (every alert new). */
  private static Result prefill(
      String target, IntFunction<HttpRequest> request, int pool, int batch, int workers)
      throws Exception {
    AtomicLong errors = new AtomicLong();
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    int requests = (pool + batch - 1) / batch;
    long started = System.nanoTime();
    ExecutorService executor = Executors.newFixedThreadPool(workers);
    List<Future<?>> futures = new ArrayList<>();
    for (int n = 0; n < requests; n++) {
      int i = n;
      futures.add(executor.submit(() -> post(request.apply(i), latencies, errors)));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    executor.shutdown();
    double took = (System.nanoTime() - started) / 1e9;
    return result(
        target, "new alerts (pool opened once)", (long) requests * batch, took, latencies, errors);
  }

  private static Result closedLoop(
      String target, IntFunction<HttpRequest> request, int seconds, int workers, int batch)
      throws Exception {
    AtomicLong counter = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    long started = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    List<Future<?>> futures = new ArrayList<>();
    for (int w = 0; w < workers; w++) {
      futures.add(
          pool.submit(
              () -> {
                while (System.nanoTime() < end) {
                  post(request.apply((int) counter.getAndIncrement()), latencies, errors);
                }
                return null;
              }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    pool.shutdown();
    double took = (System.nanoTime() - started) / 1e9;
    return result(
        target,
        "closed loop, " + workers + " workers",
        counter.get() * batch,
        took,
        latencies,
        errors);
  }

  private static Result openLoop(
      String target, IntFunction<HttpRequest> request, int seconds, int alertsPerSecond, int batch)
      throws Exception {
    AtomicLong errors = new AtomicLong();
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    long requests = (long) seconds * alertsPerSecond / batch;
    long intervalNanos = TimeUnit.SECONDS.toNanos(1) * batch / alertsPerSecond;
    ExecutorService pool = Executors.newCachedThreadPool();
    long started = System.nanoTime();
    List<Future<?>> futures = new ArrayList<>();
    for (int n = 0; n < requests; n++) {
      long due = started + n * intervalNanos;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      int i = n;
      futures.add(pool.submit(() -> post(request.apply(1_000_000 + i), latencies, errors)));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    pool.shutdown();
    double took = (System.nanoTime() - started) / 1e9;
    return result(
        target,
        "open loop, " + alertsPerSecond + " alerts/s offered",
        requests * batch,
        took,
        latencies,
        errors);
  }

  private static Void post(HttpRequest request, List<Long> latencies, AtomicLong errors) {
    long t0 = System.nanoTime();
    try {
      HttpResponse<Void> response = CLIENT.send(request, HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() >= 300) {
        errors.incrementAndGet();
      }
    } catch (Exception e) {
      errors.incrementAndGet();
    }
    latencies.add((System.nanoTime() - t0) / 1000);
    return null;
  }

  private static Result result(
      String target,
      String phase,
      long alerts,
      double seconds,
      List<Long> latencies,
      AtomicLong errors) {
    long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
    return new Result(target, phase, alerts, seconds, sorted, errors.get());
  }

  /** The labels of alert {@code k} of the pool: one of `pool` distinct alerts. */
  private static String labels(String run, int k) {
    return "{\"alertname\":\"Bench"
        + run
        + "\",\"instance\":\"host-"
        + k
        + "\",\"service\":\"bench\",\"environment\":\"bench\",\"severity\":\"warning\"}";
  }

  private static String alertsArray(String run, int n, int batch, int pool) {
    StringBuilder out = new StringBuilder("[");
    String now = Instant.now().toString();
    for (int i = 0; i < batch; i++) {
      int k = Math.floorMod(n * batch + i, pool);
      if (i > 0) {
        out.append(',');
      }
      out.append("{\"labels\":")
          .append(labels(run, k))
          .append(",\"annotations\":{\"summary\":\"bench alert\"},\"startsAt\":\"")
          .append(now)
          .append("\",\"generatorURL\":\"http://bench/graph\"}");
    }
    return out.append(']').toString();
  }

  private static String webhookBody(String run, int n, int batch, int pool) {
    StringBuilder alerts = new StringBuilder();
    String now = Instant.now().toString();
    for (int i = 0; i < batch; i++) {
      int k = Math.floorMod(n * batch + i, pool);
      if (i > 0) {
        alerts.append(',');
      }
      alerts
          .append("{\"status\":\"firing\",\"labels\":")
          .append(labels(run, k))
          .append(",\"annotations\":{\"summary\":\"bench alert\"},\"startsAt\":\"")
          .append(now)
          .append("\",\"endsAt\":\"0001-01-01T00:00:00Z\",\"generatorURL\":\"http://bench/graph\",")
          .append("\"fingerprint\":\"")
          .append(String.format("%016x", (long) (run + k).hashCode() & 0xffffffffL))
          .append("\"}");
    }
    return "{\"receiver\":\"autopilot\",\"status\":\"firing\",\"alerts\":["
        + alerts
        + "],\"groupLabels\":{},\"commonLabels\":{\"alertname\":\"Bench"
        + run
        + "\"},\"commonAnnotations\":{},\"externalURL\":\"http://bench\",\"version\":\"4\","
        + "\"groupKey\":\"{}:{}\",\"truncatedAlerts\":0}";
  }

  private static String arg(String[] args, String name, String fallback) {
    for (String a : args) {
      if (a.startsWith(name + "=")) {
        return a.substring(name.length() + 1);
      }
    }
    return fallback;
  }
}
