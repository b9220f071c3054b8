package dev.autopilot.bench.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The measuring half of the health probe benchmark ({@code bench/health-probe-bench.sh} starts
 * everything and calls it): health-service and blackbox_exporter (driven by Prometheus) probe the
 * same {@link ProbeStub}, the same number of targets at the same interval, in the same run.
 *
 * <p>It waits until the stub has seen every target of both probers, lets them run {@code warmup}
 * seconds more, then measures a {@code window}: probes/s, missed intervals and the interval between
 * two probes of one target as the stub saw them; CPU seconds and RSS of each process from {@code
 * /proc}; health-service's schedule lag and missed intervals from its own per-minute {@code
 * schedule:} log lines (its {@code /q/metrics}, which carries the same as {@code
 * autopilot.health.schedule.lag}, grows with per-target series: at 10,000 targets it no longer fits
 * the heap, so it is only tried once, after the window, and its size reported); probe outcomes from
 * its {@code probe_result} table; Prometheus's own scrape-interval quantiles and blackbox's
 * probe_success. Writes a Markdown table.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.autopilot.bench.health.HealthProbeBench \
 *   stub=http://127.0.0.1:28090 health=http://127.0.0.1:28081 prometheus=http://127.0.0.1:28190 \
 *   targets=10000 interval=30 warmup=60 window=180 \
 *   healthPid=… blackboxPid=… prometheusPid=… postgresPid=… stubPid=… out=/tmp/report.md \
 *   healthLog=/tmp/health-service.log \
 *   pgUrl='jdbc:postgresql://127.0.0.1:28432/autopilot_health?user=postgres&amp;password=postgres'
 * </pre>
 */
public final class HealthProbeBench {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern LE = Pattern.compile("le=\"([^\"]+)\"");
  private static final Pattern OUTCOME = Pattern.compile("outcome=\"([^\"]+)\"");

  private HealthProbeBench() {}

  /** An argument {@code name=value}, or the default. */
  static String arg(String[] args, String name, String fallback) {
    for (String a : args) {
      if (a.startsWith(name + "=")) {
        return a.substring(name.length() + 1);
      }
    }
    return fallback;
  }

  /** What one scrape of health-service's /q/metrics says. */
  record HealthMetrics(
      TreeMap<Double, Double> lagBuckets,
      double lagCount,
      double missed,
      double deferred,
      Map<String, Double> outcomes,
      long bytes,
      long lines,
      long millis) {}

  public static void main(String[] args) throws Exception {
    String stub = arg(args, "stub", "http://127.0.0.1:28090");
    String health = arg(args, "health", "http://127.0.0.1:28081");
    String prometheus = arg(args, "prometheus", "http://127.0.0.1:28190");
    int targets = Integer.parseInt(arg(args, "targets", "10000"));
    int interval = Integer.parseInt(arg(args, "interval", "30"));
    int warmup = Integer.parseInt(arg(args, "warmup", "60"));
    int window = Integer.parseInt(arg(args, "window", "180"));
    Path out = Path.of(arg(args, "out", "health-probe-bench.md"));
    Path healthLog = Path.of(arg(args, "healthLog", "health-service.log"));
    String pgUrl =
        arg(
            args,
            "pgUrl",
            "jdbc:postgresql://127.0.0.1:28432/autopilot_health?user=postgres&password=postgres");
    List<ProcSampler> procs = new ArrayList<>();
    procs.add(new ProcSampler("health-service", pid(args, "healthPid"), false));
    procs.add(new ProcSampler("blackbox_exporter", pid(args, "blackboxPid"), false));
    procs.add(new ProcSampler("health-service's PostgreSQL", pid(args, "postgresPid"), true));
    procs.add(new ProcSampler("Prometheus", pid(args, "prometheusPid"), false));
    procs.add(new ProcSampler("stub (shared)", pid(args, "stubPid"), false));

    // 1. Every target of both probers hit at least once, then the warm-up.
    Instant deadline = Instant.now().plusSeconds(3L * interval + 300);
    while (true) {
      JsonNode seen = getJson(stub + "/__bench/seen");
      log(
          "stub has seen %d/%d health-service and %d/%d blackbox targets",
          seen.get("h").asInt(), targets, seen.get("b").asInt(), targets);
      if (seen.get("h").asInt() >= targets && seen.get("b").asInt() >= targets) {
        break;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("not every target was probed in time: " + seen);
      }
      for (ProcSampler p : procs) {
        if (!p.alive()) {
          throw new IllegalStateException(p.name() + " is gone");
        }
      }
      Thread.sleep(5_000);
    }
    log("warm-up: %d s", warmup);
    Thread.sleep(warmup * 1000L);

    // 2. The window: CPU, then the stub; the reverse at the end.
    Instant started = Instant.now();
    double[] cpu0 = procs.stream().mapToDouble(ProcSampler::cpuSeconds).toArray();
    getJson(stub + "/__bench/start?targets=" + targets + "&interval=" + interval);
    Map<String, List<Double>> rss = new LinkedHashMap<>();
    procs.forEach(p -> rss.put(p.name(), new ArrayList<>()));
    long end = System.nanoTime() + window * 1_000_000_000L;
    long nextLog = System.nanoTime() + 30_000_000_000L;
    while (System.nanoTime() < end) {
      for (ProcSampler p : procs) {
        rss.get(p.name()).add(p.rssMib());
      }
      if (System.nanoTime() > nextLog) {
        log(
            "window: %d s to go; RSS health-service %.0f MiB, blackbox_exporter %.0f MiB",
            (end - System.nanoTime()) / 1_000_000_000L,
            procs.get(0).rssMib(),
            procs.get(1).rssMib());
        nextLog += 30_000_000_000L;
      }
      Thread.sleep(Math.max(1, Math.min(2_000, (end - System.nanoTime()) / 1_000_000)));
    }
    JsonNode atStub = getJson(stub + "/__bench/stop");
    double[] cpu1 = procs.stream().mapToDouble(ProcSampler::cpuSeconds).toArray();
    Instant ended = Instant.now();
    log("stub: %s", atStub);

    // 3. health-service's own account: outcomes from its table, the schedule reports logged for
    // minutes mostly inside the window (one more may come up to 30 s after it), one /q/metrics.
    long[] outcomes = outcomes(pgUrl, started, ended);
    long wait = Duration.between(Instant.now(), ended.plusSeconds(31)).toMillis();
    if (wait > 0) {
      Thread.sleep(wait);
    }
    List<long[]> reports =
        scheduleReports(healthLog, started.plusSeconds(30), ended.plusSeconds(30));
    // Last: at 10,000 targets this scrape may exhaust health-service's heap.
    String scrape = tryScrape(health);
    log("health-service /q/metrics after the window: %s", scrape);

    // 4. Prometheus's own view.
    String iv = interval + "s";
    Map<String, Double> promSelf = prometheusSelf(prometheus, iv);
    double up = promQuery(prometheus, "count(up{job=\"blackbox\"} == 1)");
    double success = promQuery(prometheus, "count(probe_success{job=\"blackbox\"} == 1)");
    double scrapeDuration = promQuery(prometheus, "avg(scrape_duration_seconds{job=\"blackbox\"})");
    double series = promSelf.getOrDefault("series", Double.NaN);

    // 5. The report.
    double seconds = atStub.get("seconds").asDouble();
    JsonNode h = atStub.get("h");
    JsonNode b = atStub.get("b");
    double[] cpu = new double[procs.size()];
    for (int i = 0; i < cpu.length; i++) {
      cpu[i] = cpu1[i] - cpu0[i];
    }
    double hProbes = h.get("arrivals").asDouble();
    double bProbes = b.get("arrivals").asDouble();
    double hPerCpu = hProbes / cpu[0];
    double bPerCpu = bProbes / cpu[1];

    StringBuilder md = new StringBuilder();
    md.append(
        String.format(
            Locale.ROOT,
            "%s, %d targets each at a %d s interval, %d s warm-up, %.0f s window, %d cores%n%n",
            started,
            targets,
            interval,
            warmup,
            seconds,
            Runtime.getRuntime().availableProcessors()));
    md.append("| | health-service | blackbox_exporter + Prometheus |\n|---|---|---|\n");
    row(
        md,
        "expected probes/s (targets / interval)",
        f1(targets / (double) interval),
        f1(targets / (double) interval));
    row(
        md,
        "achieved probes/s (counted at the stub)",
        f1(h.get("perSecond").asDouble()),
        f1(b.get("perSecond").asDouble()));
    row(
        md,
        "missed intervals (at the stub)",
        h.get("missedIntervals").asText(),
        b.get("missedIntervals").asText());
    row(md, "interval jitter p50 / p99 / max (at the stub)", jitter(h), jitter(b));
    row(
        md,
        "schedule lag p50 / p99 / max (own account)",
        reports.isEmpty()
            ? "no report in the window"
            : ms(median(reports, 1))
                + " / "
                + ms(max(reports, 2))
                + " / "
                + ms(max(reports, 3))
                + " ("
                + reports.size()
                + " minute reports: median p50, worst p99)",
        "interval "
            + ms(1000 * (promSelf.getOrDefault("0.5", Double.NaN) - interval))
            + " / "
            + ms(1000 * (promSelf.getOrDefault("0.99", Double.NaN) - interval))
            + " off "
            + interval
            + " s (`prometheus_target_interval_length_seconds`)");
    row(
        md,
        "missed intervals (own account)",
        reports.isEmpty()
            ? "n/a"
            : f0(sum(reports, 4))
                + " missed, "
                + f0(sum(reports, 5))
                + " deferred (in-flight bound)",
        "—");
    row(
        md,
        "probes failed in the window",
        f0(outcomes[1]) + " of " + f0(outcomes[0]) + " (`probe_result`)",
        f0(targets - success) + " targets with probe_success 0 at the end (" + f0(up) + " up)");
    row(
        md,
        "prober CPU seconds (share of one core)",
        cpuCell(cpu[0], seconds),
        cpuCell(cpu[1], seconds) + " (blackbox_exporter)");
    row(
        md,
        "**probes per CPU-second (prober)**",
        "**" + f0(hPerCpu) + "**",
        "**" + f0(bPerCpu) + "**");
    row(md, "ratio", String.format(Locale.ROOT, "**%.2f**", hPerCpu / bPerCpu), "1.00");
    row(
        md,
        "RSS mean / max (prober)",
        rssCell(rss.get(procs.get(0).name())),
        rssCell(rss.get(procs.get(1).name())));
    row(
        md,
        "storage CPU seconds (share of one core)",
        cpuCell(cpu[2], seconds) + " (PostgreSQL, all backends)",
        cpuCell(cpu[3], seconds) + " (Prometheus, " + f0(series) + " head series)");
    row(
        md,
        "probes per CPU-second, prober + storage",
        f0(hProbes / (cpu[0] + cpu[2])),
        f0(bProbes / (cpu[1] + cpu[3])));
    row(md, "RSS mean / max (storage)", "—", rssCell(rss.get(procs.get(3).name())));
    md.append(
        String.format(
            Locale.ROOT,
            "%nThe stub (shared by both) used %s. health-service's /q/metrics after the window: %s."
                + " Mean blackbox scrape (probe) duration %.1f ms.%n",
            cpuCell(cpu[4], seconds),
            scrape,
            scrapeDuration * 1000));
    md.append("\nRaw figures at the stub: ").append(atStub).append('\n');
    for (long[] r : reports) {
      md.append("\nhealth-service schedule report: ").append(Arrays.toString(r));
    }
    md.append('\n');
    Files.writeString(out, md.toString());
    System.out.println();
    System.out.println(md);
  }

  private static final Pattern REPORT =
      Pattern.compile(
          "^(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d),\\d+ .*schedule: (\\d+) probes started in"
              + " [\\d.]+ s \\([\\d.]+/s\\), lag p50 (\\d+) ms, p99 (\\d+) ms, max (\\d+) ms;"
              + " (\\d+) missed intervals, (\\d+) deferred");

  /**
   * The scheduler's per-minute reports logged between {@code from} and {@code to}: {started, p50,
   * p99, max, missed, deferred} each.
   */
  private static List<long[]> scheduleReports(Path log, Instant from, Instant to)
      throws IOException {
    List<long[]> found = new ArrayList<>();
    try (Stream<String> lines = Files.lines(log)) {
      lines.forEach(
          line -> {
            Matcher m = REPORT.matcher(line);
            if (!m.find()) {
              return;
            }
            Instant at =
                LocalDateTime.parse(m.group(1).replace(' ', 'T'))
                    .atZone(ZoneId.systemDefault())
                    .toInstant();
            if (!at.isBefore(from) && !at.isAfter(to)) {
              long[] r = new long[6];
              for (int i = 0; i < 6; i++) {
                r[i] = Long.parseLong(m.group(i + 2));
              }
              found.add(r);
            }
          });
    }
    return found;
  }

  /** Probes recorded in the window, and how many of them failed. */
  private static long[] outcomes(String pgUrl, Instant from, Instant to) throws SQLException {
    try (Connection c = DriverManager.getConnection(pgUrl);
        PreparedStatement q =
            c.prepareStatement(
                "select count(*), count(*) filter (where not ok) from probe_result"
                    + " where at >= ? and at < ?")) {
      q.setObject(1, java.time.OffsetDateTime.ofInstant(from, ZoneId.of("UTC")));
      q.setObject(2, java.time.OffsetDateTime.ofInstant(to, ZoneId.of("UTC")));
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        return new long[] {rs.getLong(1), rs.getLong(2)};
      }
    }
  }

  /** One scrape of /q/metrics: its size and time, or how it failed. */
  private static String tryScrape(String health) {
    try {
      HealthMetrics m = scrapeHealth(health);
      return String.format(
          Locale.ROOT, "%,d bytes, %,d lines in %,d ms", m.bytes(), m.lines(), m.millis());
    } catch (IOException | RuntimeException e) {
      return "failed: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  private static String jitter(JsonNode g) {
    return ms(g.get("jitterP50Ms").asDouble())
        + " / "
        + ms(g.get("jitterP99Ms").asDouble())
        + " / "
        + ms(g.get("jitterMaxMs").asDouble());
  }

  private static double median(List<long[]> reports, int field) {
    long[] v = reports.stream().mapToLong(r -> r[field]).sorted().toArray();
    return v.length == 0 ? Double.NaN : v[(v.length - 1) / 2];
  }

  private static double max(List<long[]> reports, int field) {
    return reports.stream().mapToLong(r -> r[field]).max().orElse(0);
  }

  private static double sum(List<long[]> reports, int field) {
    return reports.stream().mapToLong(r -> r[field]).sum();
  }

  private static long pid(String[] args, String name) {
    String value = arg(args, name, null);
    if (value == null) {
      throw new IllegalArgumentException("missing " + name + "=<pid>");
    }
    return Long.parseLong(value.strip());
  }

  private static HealthMetrics scrapeHealth(String health)
      throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    HttpResponse<Stream<String>> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(health + "/q/metrics"))
                .timeout(Duration.ofSeconds(120))
                .header("Accept", "text/plain")
                .build(),
            HttpResponse.BodyHandlers.ofLines());
    if (response.statusCode() != 200) {
      response.body().close();
      throw new IllegalStateException(
          "HTTP "
              + response.statusCode()
              + " after "
              + (System.nanoTime() - t0) / 1_000_000
              + " ms");
    }
    TreeMap<Double, Double> buckets = new TreeMap<>();
    Map<String, Double> outcomes = new TreeMap<>();
    double[] scalars = new double[3]; // lag count, missed, deferred
    long[] size = new long[2];
    try (Stream<String> lines = response.body()) {
      lines.forEach(
          line -> {
            size[0] += line.length() + 1;
            size[1]++;
            if (line.startsWith("#")) {
              return;
            }
            if (line.startsWith("autopilot_health_schedule_lag_seconds_bucket{")) {
              Matcher m = LE.matcher(line);
              if (m.find()) {
                buckets.merge(parseLe(m.group(1)), value(line), Double::sum);
              }
            } else if (line.startsWith("autopilot_health_schedule_lag_seconds_count")) {
              scalars[0] += value(line);
            } else if (line.startsWith("autopilot_health_schedule_missed_total")) {
              scalars[1] += value(line);
            } else if (line.startsWith("autopilot_health_probes_deferred_total")) {
              scalars[2] += value(line);
            } else if (line.startsWith("autopilot_health_probes_total{")) {
              Matcher m = OUTCOME.matcher(line);
              if (m.find()) {
                outcomes.merge(m.group(1), value(line), Double::sum);
              }
            }
          });
    }
    return new HealthMetrics(
        buckets,
        scalars[0],
        scalars[1],
        scalars[2],
        outcomes,
        size[0],
        size[1],
        (System.nanoTime() - t0) / 1_000_000);
  }

  /**
   * Prometheus's own quantiles of the time between two scrapes of one target (by quantile), and its
   * head series ("series").
   */
  private static Map<String, Double> prometheusSelf(String prometheus, String interval)
      throws IOException, InterruptedException {
    Map<String, Double> quantiles = new TreeMap<>();
    String body =
        HTTP.send(
                HttpRequest.newBuilder(URI.create(prometheus + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    String prefix = "prometheus_target_interval_length_seconds{interval=\"" + interval + "\"";
    for (String line : body.split("\n")) {
      if (line.startsWith("prometheus_tsdb_head_series ")) {
        quantiles.put("series", value(line));
      }
      if (line.startsWith(prefix)) {
        Matcher m = Pattern.compile("quantile=\"([^\"]+)\"").matcher(line);
        if (m.find()) {
          quantiles.put(m.group(1), value(line));
        }
      }
    }
    return quantiles;
  }

  private static double promQuery(String prometheus, String query)
      throws IOException, InterruptedException {
    JsonNode answer =
        getJson(
            prometheus + "/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
    JsonNode result = answer.path("data").path("result");
    if (!result.isArray() || result.isEmpty()) {
      return 0;
    }
    return Double.parseDouble(result.get(0).path("value").get(1).asText());
  }

  private static JsonNode getJson(String url) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(url + " answered " + response.statusCode());
    }
    return JSON.readTree(response.body());
  }

  private static double parseLe(String le) {
    return le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
  }

  private static double value(String line) {
    return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
  }

  private static void row(StringBuilder md, String what, String health, String blackbox) {
    md.append("| ")
        .append(what)
        .append(" | ")
        .append(health)
        .append(" | ")
        .append(blackbox)
        .append(" |\n");
  }

  private static String cpuCell(double cpu, double seconds) {
    return String.format(Locale.ROOT, "%.1f s (%.0f %%)", cpu, 100 * cpu / seconds);
  }

  private static String rssCell(List<Double> samples) {
    double mean = samples.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    double max = samples.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    return String.format(Locale.ROOT, "%.0f / %.0f MiB", mean, max);
  }

  private static String ms(double millis) {
    if (Double.isNaN(millis)) {
      return "n/a";
    }
    return String.format(Locale.ROOT, Math.abs(millis) < 10 ? "%.1f ms" : "%.0f ms", millis);
  }

  private static String f0(double v) {
    return String.format(Locale.ROOT, "%,.0f", v);
  }

  private static String f1(double v) {
    return String.format(Locale.ROOT, "%,.1f", v);
  }

  private static void log(String format, Object... args) {
    System.out.printf(
        "%s  %s%n",
        Instant.now().toString().substring(11, 19), String.format(Locale.ROOT, format, args));
  }
}
