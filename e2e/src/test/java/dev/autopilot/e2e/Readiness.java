package dev.autopilot.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Watches {@code GET /q/health/ready} of the five services once a second: which went not ready,
 * when, which of their checks were DOWN, and since when all five are ready again.
 */
final class Readiness implements AutoCloseable {
  static final Map<String, Integer> SERVICES = services();

  private final ScheduledExecutorService timer;
  private final Map<String, Instant> firstDown = new LinkedHashMap<>();
  private final Map<String, Set<String>> downChecks = new LinkedHashMap<>();
  private Instant allReadySince;

  private Readiness() {
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "readiness-watch");
              t.setDaemon(true);
              return t;
            });
  }

  /** Starts watching now. */
  static Readiness watch() {
    Readiness readiness = new Readiness();
    readiness.timer.scheduleWithFixedDelay(readiness::poll, 0, 1, TimeUnit.SECONDS);
    return readiness;
  }

  private static Map<String, Integer> services() {
    Map<String, Integer> services = new LinkedHashMap<>();
    services.put("health-service", Suite.HEALTH);
    services.put("alert-service", Suite.ALERT);
    services.put("notification-service", Suite.NOTIFICATION);
    services.put("backup-service", Suite.BACKUP);
    services.put("deploy-service", Suite.DEPLOY);
    return services;
  }

  /** Whether a service answers 200 on its readiness endpoint now. */
  static boolean ready(int port) {
    try {
      return Http.get(port, "/q/health/ready", null).status() == 200;
    } catch (Exception e) {
      return false;
    }
  }

  /** Whether every service answers 200 on its readiness endpoint now. */
  static boolean allReady() {
    return SERVICES.values().stream().allMatch(Readiness::ready);
  }

  private void poll() {
    boolean all = true;
    for (Map.Entry<String, Integer> service : SERVICES.entrySet()) {
      Http.Reply reply;
      try {
        reply = Http.get(service.getValue(), "/q/health/ready", null);
      } catch (Exception e) {
        reply = null;
      }
      if (reply != null && reply.status() == 200) {
        continue;
      }
      all = false;
      synchronized (this) {
        firstDown.putIfAbsent(service.getKey(), Instant.now());
        Set<String> checks = downChecks.computeIfAbsent(service.getKey(), s -> new TreeSet<>());
        if (reply == null) {
          checks.add("(no answer)");
        } else if (reply.body() != null) {
          for (JsonNode check : reply.body().path("checks")) {
            if (!"UP".equals(check.path("status").asText())) {
              checks.add(check.path("name").asText());
            }
          }
        }
      }
    }
    synchronized (this) {
      if (!all) {
        allReadySince = null;
      } else if (allReadySince == null) {
        allReadySince = Instant.now();
      }
    }
  }

  /** Since when all five have been ready at every poll; null while one is not. */
  synchronized Instant allReadySince() {
    return allReadySince;
  }

  /** When each service that went not ready was first seen not ready. */
  synchronized Map<String, Instant> firstDown() {
    return Map.copyOf(firstDown);
  }

  /** The readiness checks each service reported not UP. */
  synchronized Map<String, Set<String>> downChecks() {
    Map<String, Set<String>> copy = new LinkedHashMap<>();
    downChecks.forEach((k, v) -> copy.put(k, Collections.unmodifiableSortedSet(new TreeSet<>(v))));
    return copy;
  }

  @Override
  public void close() throws InterruptedException {
    timer.shutdown();
    timer.awaitTermination(1, TimeUnit.MINUTES);
  }
}
