package dev.autopilot.e2e;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How many probes one health-service replica has run per target, from its Prometheus endpoint
 * ({@code autopilot_health_probes_total{target,outcome}}, summed over the outcomes). A replica only
 * probes the targets it holds a lease on, so the counters that move on a replica are its share.
 */
final class ProbeCounts {
  private static final Pattern SAMPLE =
      Pattern.compile(
          "^autopilot_health_probes_total\\{([^}]*)} ([0-9.eE+-]+)$", Pattern.MULTILINE);
  private static final Pattern TARGET = Pattern.compile("target=\"([^\"]*)\"");

  private ProbeCounts() {}

  /** Probes per target run by the replica on {@code port} since it started. */
  static Map<String, Long> scrape(int port) throws Exception {
    Http.Reply reply = Http.get(port, "/q/metrics", null);
    if (reply.status() != 200) {
      throw new IllegalStateException("GET :" + port + "/q/metrics answered " + reply.status());
    }
    Map<String, Long> probes = new TreeMap<>();
    Matcher sample = SAMPLE.matcher(reply.text());
    while (sample.find()) {
      Matcher target = TARGET.matcher(sample.group(1));
      if (target.find()) {
        probes.merge(target.group(1), (long) Double.parseDouble(sample.group(2)), Long::sum);
      }
    }
    return probes;
  }

  /** Probes per target between two scrapes of one replica (targets that did not move: 0). */
  static Map<String, Long> since(Map<String, Long> before, Map<String, Long> after) {
    Map<String, Long> delta = new TreeMap<>();
    after.forEach((target, n) -> delta.put(target, n - before.getOrDefault(target, 0L)));
    return delta;
  }

  /** The targets among {@code of} that moved in a delta. */
  static java.util.Set<String> moved(Map<String, Long> delta, Collection<String> of) {
    java.util.Set<String> moved = new java.util.TreeSet<>();
    for (String target : of) {
      if (delta.getOrDefault(target, 0L) > 0) {
        moved.add(target);
      }
    }
    return moved;
  }

  /** The targets that moved in both deltas: probed by two replicas in the same window. */
  static java.util.Set<String> both(Map<String, Long> a, Map<String, Long> b) {
    java.util.Set<String> both = new java.util.TreeSet<>();
    a.forEach(
        (target, n) -> {
          if (n > 0 && b.getOrDefault(target, 0L) > 0) {
            both.add(target);
          }
        });
    return both;
  }
}
