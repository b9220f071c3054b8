package dev.autopilot.bench.ingest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * alert-service's {@code samples} rules, measured on a running alert-service (the real store,
 * evaluator and rule health, not a copy of them): pushes {@code series} series of {@code samples}
 * samples each through {@code POST /samples}, then creates one samples rule per function (avg, p95,
 * rate, and a ratio) over all of them and reads each evaluation's duration from the rule's health
 * ({@code evaluationTime}, as Prometheus's rules API shows it): series/s = series / duration.
 * Memory per series: the service's heap after a full GC ({@code jcmd <pid> GC.run}, {@code
 * GC.heap_info}) before and after the push, divided by the series. Nothing is asserted. Usage:
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.autopilot.bench.ingest.AlertSamplesRuleBench \
 *   alertUrl=http://127.0.0.1:8082 tokenFile=.autopilot/admin-token pid=&lt;alert-service pid&gt; \
 *   [series=10000] [samples=60] [evaluations=5]
 * </pre>
 *
 * The rules' threshold is never crossed, so no alert opens: the figure is the aggregation itself
 * plus the rule-health write. The samples are re-published on {@code metrics.samples} by the
 * service (as any HTTP push is).
 */
public final class AlertSamplesRuleBench {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Pattern USED = Pattern.compile("used (\\d+)K");

  private AlertSamplesRuleBench() {}

  public static void main(String[] args) throws Exception {
    String url = arg(args, "alertUrl", "http://127.0.0.1:8082");
    String token =
        Files.readString(Path.of(arg(args, "tokenFile", ".autopilot/admin-token"))).strip();
    String pid = arg(args, "pid", "");
    int series = Integer.parseInt(arg(args, "series", "10000"));
    int samples = Integer.parseInt(arg(args, "samples", "60"));
    int evaluations = Integer.parseInt(arg(args, "evaluations", "5"));
    String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
    String metric = "bench_" + run;

    long before = pid.isEmpty() ? -1 : heapUsedKiB(pid);
    long pushStarted = System.nanoTime();
    push(url, token, metric, series, samples);
    double pushSeconds = (System.nanoTime() - pushStarted) / 1e9;
    long after = pid.isEmpty() ? -1 : heapUsedKiB(pid);

    System.out.printf(
        Locale.ROOT,
        "pushed %d series x %d samples in %.1f s (%.0f samples/s over HTTP)%n",
        series,
        samples,
        pushSeconds,
        series * (double) samples / pushSeconds);
    if (before >= 0) {
      System.out.printf(
          Locale.ROOT,
          "heap after full GC: %d KiB before, %d KiB after: %.1f KiB per series%n",
          before,
          after,
          (after - before) / (double) series);
    }

    String[][] rules = {
      {
        "avg",
        "{\"function\":\"avg\",\"metric\":\""
            + metric
            + "\",\"window\":\"10m\",\"by\":[\"instance\"]}"
      },
      {
        "p95",
        "{\"function\":\"p95\",\"metric\":\""
            + metric
            + "\",\"window\":\"10m\",\"by\":[\"instance\"]}"
      },
      {
        "rate",
        "{\"function\":\"rate\",\"metric\":\""
            + metric
            + "\",\"window\":\"10m\",\"by\":[\"instance\"]}"
      },
      {
        "ratio",
        "{\"function\":\"sum\",\"metric\":\""
            + metric
            + "\",\"matchers\":[\"kind=\\\"err\\\"\"],\"window\":\"10m\",\"by\":[\"group\"],"
            + "\"denominator\":{\"function\":\"sum\",\"metric\":\""
            + metric
            + "\",\"window\":\"10m\"}}"
      }
    };
    System.out.printf(
        Locale.ROOT,
        "%n| function | series | evaluations | median ms | min ms | series/s (median) |%n"
            + "|---|---|---|---|---|---|%n");
    for (String[] r : rules) {
      String name = "BenchSamples_" + r[0] + "_" + run;
      String group = "bench-samples-" + run + "-" + r[0];
      send(
          url,
          token,
          "POST",
          "/rules",
          "{\"name\":\""
              + name
              + "\",\"group\":\""
              + group
              + "\",\"source\":\"samples\",\"samples\":"
              + r[1]
              + ",\"comparison\":\">\",\"threshold\":1e300,\"interval\":\"2s\",\"severity\":\"P3\"}");
      List<Double> times = evaluationTimes(url, token, group, name, evaluations);
      send(url, token, "DELETE", "/rules/" + group + "/" + name, null);
      Collections.sort(times);
      double median = times.get(times.size() / 2);
      System.out.printf(
          Locale.ROOT,
          "| %s | %d | %d | %.1f | %.1f | %.0f |%n",
          r[0],
          series,
          times.size(),
          median * 1000,
          times.get(0) * 1000,
          series / median);
    }
  }

  /** Pushes sample j of every series, round by round (a series only takes newer samples). */
  private static void push(String url, String token, String metric, int series, int samples)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    long start = Instant.now().minusSeconds(5L * samples).toEpochMilli();
    int perRequest = 1000;
    for (int j = 0; j < samples; j++) {
      List<Future<?>> round = new ArrayList<>();
      for (int from = 0; from < series; from += perRequest) {
        int first = from;
        int sample = j;
        round.add(
            pool.submit(
                () -> {
                  StringBuilder body = new StringBuilder("{\"samples\":[");
                  for (int k = first; k < Math.min(series, first + perRequest); k++) {
                    if (k > first) {
                      body.append(',');
                    }
                    body.append("{\"name\":\"")
                        .append(metric)
                        .append("\",\"labels\":{\"instance\":\"host-")
                        .append(k)
                        .append("\",\"group\":\"g")
                        .append(k % 10)
                        .append("\",\"kind\":\"")
                        .append(k % 2 == 0 ? "err" : "ok")
                        .append("\"},\"value\":")
                        .append(sample * 10 + (k % 7))
                        .append(",\"timestamp\":\"")
                        .append(Instant.ofEpochMilli(start + sample * 5000L))
                        .append("\"}");
                  }
                  send(url, token, "POST", "/samples", body.append("]}").toString());
                  return null;
                }));
      }
      for (Future<?> f : round) {
        f.get();
      }
    }
    pool.shutdown();
  }

  /** The distinct evaluation durations (s) of a rule, until {@code count} were seen. */
  private static List<Double> evaluationTimes(
      String url, String token, String group, String name, int count) throws Exception {
    List<Double> times = new ArrayList<>();
    String last = "";
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    Pattern evaluation = Pattern.compile("\"lastEvaluation\"\\s*:\\s*\"([^\"]+)\"");
    Pattern took = Pattern.compile("\"evaluationTime\"\\s*:\\s*([0-9.Ee+-]+)");
    while (times.size() < count && System.nanoTime() < deadline) {
      String body = send(url, token, "GET", "/rules/" + group + "/" + name, null);
      Matcher e = evaluation.matcher(body);
      Matcher t = took.matcher(body);
      if (body.contains("\"lastError\":\"")) {
        throw new IllegalStateException("rule " + name + " failed: " + body);
      }
      if (e.find() && t.find() && !e.group(1).equals(last)) {
        last = e.group(1);
        times.add(Double.parseDouble(t.group(1)));
      }
      Thread.sleep(500);
    }
    if (times.isEmpty()) {
      throw new IllegalStateException("rule " + name + " was never evaluated");
    }
    return times;
  }

  private static String send(String url, String token, String method, String path, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url + path))
            .header("Authorization", "Bearer " + token)
            .timeout(Duration.ofSeconds(120));
    if (body != null) {
      b.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() >= 300) {
      throw new IllegalStateException(
          method + " " + path + " -> " + r.statusCode() + " " + r.body());
    }
    return r.body();
  }

  /** The heap in use after a full GC, in KiB, from the JDK's own jcmd. */
  private static long heapUsedKiB(String pid) throws IOException, InterruptedException {
    run("jcmd", pid, "GC.run");
    String info = run("jcmd", pid, "GC.heap_info");
    Matcher m = USED.matcher(info);
    if (!m.find()) {
      throw new IllegalStateException("no heap figure in: " + info);
    }
    return Long.parseLong(m.group(1));
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    return out;
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
