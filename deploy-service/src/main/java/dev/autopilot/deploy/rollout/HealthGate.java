package dev.autopilot.deploy.rollout;

import dev.autopilot.deploy.peer.HealthServiceClient;
import dev.autopilot.deploy.target.TargetConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * VERIFY: the health gate passes when its probe passes {@code passes} times in a row, {@code
 * interval} apart, within {@code deadline}. The probe is health-service's on-demand check (POST
 * /checks, verdict UP) or a GET of a URL answering 200.
 */
@ApplicationScoped
public class HealthGate {
  private static final Duration MAX_REQUEST_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration MIN_REQUEST_TIMEOUT = Duration.ofMillis(500);

  private final HealthServiceClient health;

  // The URL probe is a plain GET of an admin-configured URL outside the suite, not a call to
  // another service of the suite, so the JDK client suffices.
  private final HttpClient client =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(2))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  public HealthGate(@RestClient HealthServiceClient health) {
    this.health = health;
  }

  /** One probe's outcome: passed, or why not. */
  record Probe(boolean passed, String what) {}

  /**
   * Probes until {@code passes} consecutive passes or the deadline; at least one probe is made.
   *
   * @throws InterruptedException when this service shuts down; the step is resumed later
   */
  public StepResult await(TargetConfig config) throws InterruptedException {
    TargetConfig.HealthGate gate = config.healthGate();
    Duration deadline = TargetConfig.duration(gate.deadline());
    Duration interval = TargetConfig.duration(gate.interval());
    long start = System.nanoTime();
    long end = start + deadline.toNanos();
    int inARow = 0;
    String last = "no answer";
    for (int attempt = 1; ; attempt++) {
      Probe probe = probe(config, Duration.ofNanos(end - System.nanoTime()));
      last = probe.what();
      inARow = probe.passed() ? inARow + 1 : 0;
      if (inARow >= gate.passes()) {
        long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
        return StepResult.succeeded(
            describe(config)
                + " passed "
                + inARow
                + " time(s) in a row after "
                + attempt
                + " probe(s), "
                + ms
                + " ms");
      }
      if (System.nanoTime() + interval.toNanos() > end) {
        return StepResult.failed(
            describe(config)
                + " did not pass "
                + gate.passes()
                + " time(s) in a row within "
                + deadline
                + " ("
                + attempt
                + " probes, last: "
                + last
                + ")");
      }
      Thread.sleep(interval.toMillis());
    }
  }

  private Probe probe(TargetConfig config, Duration left) {
    if (TargetConfig.HealthGate.URL.equals(config.healthGate().source())) {
      return probeUrl(URI.create(config.healthGate().url()), left);
    }
    List<String> ids = config.healthGate().targets();
    if (ids == null || ids.isEmpty()) {
      return probeHealthService(
          HealthServiceClient.Check.of(config.service(), config.environment()), config.target());
    }
    // Each listed target must be UP; the first that is not ends this probe.
    List<String> seen = new ArrayList<>();
    for (String id : ids) {
      Probe one = probeHealthService(HealthServiceClient.Check.target(id), "target " + id);
      if (!one.passed()) {
        return new Probe(false, id + ": " + one.what());
      }
      seen.add(id + " UP");
    }
    return new Probe(true, String.join(", ", seen));
  }

  private Probe probeHealthService(HealthServiceClient.Check check, String what) {
    try {
      HealthServiceClient.Verdict verdict = health.check(check);
      boolean up = "UP".equals(verdict.verdict());
      String failures =
          verdict.results() == null
              ? ""
              : verdict.results().stream()
                  .filter(r -> !r.ok())
                  .map(r -> r.targetId() + ": " + r.error())
                  .collect(Collectors.joining(", "));
      return new Probe(
          up, "verdict " + verdict.verdict() + (failures.isEmpty() ? "" : " " + failures));
    } catch (WebApplicationException e) {
      int status = e.getResponse().getStatus();
      return new Probe(
          false,
          status == 404
              ? "health-service has no target for " + what
              : "health-service answered HTTP " + status);
    } catch (ProcessingException e) {
      return new Probe(false, "health-service unreachable: " + e.getMessage());
    }
  }

  private Probe probeUrl(URI url, Duration left) {
    HttpRequest request = HttpRequest.newBuilder(url).timeout(clamp(left)).GET().build();
    try {
      int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      return new Probe(status == 200, "HTTP " + status);
    } catch (IOException e) {
      return new Probe(
          false,
          e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Probe(false, "interrupted");
    }
  }

  private static String describe(TargetConfig config) {
    return TargetConfig.HealthGate.URL.equals(config.healthGate().source())
        ? config.healthGate().url()
        : "health-service check of "
            + (config.healthGate().targets() == null || config.healthGate().targets().isEmpty()
                ? config.target()
                : "targets " + config.healthGate().targets());
  }

  private static Duration clamp(Duration left) {
    if (left.compareTo(MIN_REQUEST_TIMEOUT) < 0) {
      return MIN_REQUEST_TIMEOUT;
    }
    return left.compareTo(MAX_REQUEST_TIMEOUT) > 0 ? MAX_REQUEST_TIMEOUT : left;
  }
}
