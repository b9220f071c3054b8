package dev.autopilot.bench.health;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The probed side of the health probe benchmark: one HTTP server answering {@code 200
 * {"status":"UP"}} on every path, and the neutral observer of both probers. health-service probes
 * {@code /h/<n>}, blackbox_exporter {@code /b/<n>}; the stub notes when each path was hit, so
 * achieved probes/s, the interval between two probes of one target and missed intervals are
 * measured the same way for both, at the point that matters (the probed service), not from either
 * tool's own account.
 *
 * <p>Everything runs on one event loop, so the bookkeeping needs no locks. Control paths: {@code
 * /__bench/seen} (distinct paths hit per group since start), {@code
 * /__bench/start?targets=N&interval=S} (opens the window), {@code /__bench/stop} (closes it and
 * answers the figures per group as JSON).
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.autopilot.bench.health.ProbeStub port=28090
 * </pre>
 */
public final class ProbeStub {
  private static final Buffer BODY = Buffer.buffer("{\"status\":\"UP\"}");
  private static final String[] GROUPS = {"h", "b"};

  /** Per group ("h", "b"): the last arrival of each path, and the window's figures. */
  private final Map<String, Map<String, Long>> last = new HashMap<>();

  private final Map<String, Window> windows = new HashMap<>();
  private long windowStart;
  private long intervalNanos;
  private int targets;
  private boolean measuring;

  private ProbeStub() {
    for (String g : GROUPS) {
      last.put(g, new HashMap<>());
    }
  }

  /** What one group's window saw. */
  private static final class Window {
    long arrivals;
    long missed;
    long[] gaps = new long[1 << 16];
    int gapCount;

    void gap(long nanos) {
      if (gapCount == gaps.length) {
        gaps = java.util.Arrays.copyOf(gaps, gaps.length * 2);
      }
      gaps[gapCount++] = nanos;
    }
  }

  public static void main(String[] args) {
    int port = Integer.parseInt(HealthProbeBench.arg(args, "port", "28090"));
    ProbeStub stub = new ProbeStub();
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
    vertx
        .createHttpServer(
            new HttpServerOptions().setHost("127.0.0.1").setPort(port).setAcceptBacklog(4096))
        .requestHandler(stub::handle)
        .listen()
        .onSuccess(s -> System.out.println("probe stub listening on 127.0.0.1:" + s.actualPort()))
        .onFailure(
            e -> {
              e.printStackTrace();
              System.exit(1);
            });
  }

  private void handle(HttpServerRequest request) {
    String path = request.path();
    if (path.startsWith("/__bench/")) {
      control(request, path.substring("/__bench/".length()));
      return;
    }
    arrive(path, System.nanoTime());
    request.response().putHeader("Content-Type", "application/json").end(BODY);
  }

  private void arrive(String path, long now) {
    int slash = path.indexOf('/', 1);
    String group = slash > 1 ? path.substring(1, slash) : "";
    Map<String, Long> seen = last.get(group);
    if (seen == null) {
      return;
    }
    Long before = seen.put(path, now);
    if (measuring) {
      Window w = windows.get(group);
      w.arrivals++;
      if (before != null) {
        w.gap(now - before);
        w.missed += missedIn(now - Math.max(before, windowStart - intervalNanos));
      } else {
        w.missed += missedIn(now - windowStart);
      }
    }
  }

  /** Intervals missed in a gap: none up to 1.5 intervals, then one per further interval. */
  private long missedIn(long gapNanos) {
    return Math.max(0, Math.round((double) gapNanos / intervalNanos) - 1);
  }

  private void control(HttpServerRequest request, String command) {
    JsonObject answer = new JsonObject();
    switch (command) {
      case "seen" -> {
        for (String g : GROUPS) {
          answer.put(g, last.get(g).size());
        }
      }
      case "start" -> {
        targets = Integer.parseInt(request.getParam("targets", "0"));
        intervalNanos = TimeUnit.SECONDS.toNanos(Long.parseLong(request.getParam("interval")));
        windowStart = System.nanoTime();
        for (String g : GROUPS) {
          windows.put(g, new Window());
        }
        measuring = true;
        answer.put("started", true);
      }
      case "stop" -> {
        long end = System.nanoTime();
        measuring = false;
        double seconds = (end - windowStart) / 1e9;
        answer.put("seconds", seconds);
        for (String g : GROUPS) {
          answer.put(g, figures(g, end, seconds));
        }
      }
      default -> {
        request.response().setStatusCode(404).end();
        return;
      }
    }
    request.response().putHeader("Content-Type", "application/json").end(answer.encode());
  }

  private JsonObject figures(String group, long end, double seconds) {
    Window w = windows.get(group);
    long missed = w.missed;
    // The tail: a target whose last probe is more than 1.5 intervals before the end missed some;
    // a target never probed at all in or before the window missed all of it.
    Map<String, Long> seen = last.get(group);
    for (long at : seen.values()) {
      missed += missedIn(end - Math.max(at, windowStart - intervalNanos));
    }
    long never = Math.max(0, targets - seen.size());
    missed += never * Math.max(1, Math.round((end - windowStart) / (double) intervalNanos));
    long[] jitter = new long[w.gapCount];
    for (int i = 0; i < w.gapCount; i++) {
      jitter[i] = Math.abs(w.gaps[i] - intervalNanos);
    }
    java.util.Arrays.sort(jitter);
    return new JsonObject()
        .put("arrivals", w.arrivals)
        .put("perSecond", w.arrivals / seconds)
        .put("expectedPerSecond", targets / (intervalNanos / 1e9))
        .put("pathsSeen", seen.size())
        .put("gaps", w.gapCount)
        .put("jitterP50Ms", percentileMs(jitter, 0.50))
        .put("jitterP99Ms", percentileMs(jitter, 0.99))
        .put("jitterMaxMs", jitter.length == 0 ? Double.NaN : jitter[jitter.length - 1] / 1e6)
        .put("missedIntervals", missed);
  }

  private static double percentileMs(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int i = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
    return sorted[Math.max(0, i)] / 1e6;
  }
}
