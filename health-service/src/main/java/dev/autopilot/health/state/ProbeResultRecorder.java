package dev.autopilot.health.state;

import dev.autopilot.health.metrics.HealthMetrics;
import dev.autopilot.health.probe.ProbeOutcome;
import dev.autopilot.health.store.ProbeResultRecord;
import dev.autopilot.health.store.ProbeResultRepository;
import dev.autopilot.health.store.TargetRecord;
import dev.autopilot.health.store.TargetStateRecord;
import dev.autopilot.health.store.TargetStateRepository;
import dev.autopilot.health.store.WindowRepository;
import dev.autopilot.platform.event.v1.HealthDegraded;
import dev.autopilot.platform.event.v1.HealthRecovered;
import dev.autopilot.platform.event.v1.HealthStatus;
import dev.autopilot.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Applies one probe result in one transaction: the target's state row (locked, so results of the
 * same target apply one after the other), the probe_result row, and the health.degraded or
 * health.recovered event through the outbox when a threshold is crossed. While a maintenance window
 * covers the target's service, the state is MAINTENANCE, the result does not count against uptime
 * and no event is sent; afterwards the target starts afresh from UNKNOWN.
 */
@ApplicationScoped
public class ProbeResultRecorder {
  private static final Logger LOG = Logger.getLogger(ProbeResultRecorder.class);

  private final TargetStateRepository states;
  private final ProbeResultRepository results;
  private final WindowRepository windows;
  private final Outbox outbox;
  private final HealthMetrics metrics;

  public ProbeResultRecorder(
      TargetStateRepository states,
      ProbeResultRepository results,
      WindowRepository windows,
      Outbox outbox,
      HealthMetrics metrics) {
    this.states = states;
    this.results = results;
    this.windows = windows;
    this.outbox = outbox;
    this.metrics = metrics;
  }

  /** Records {@code outcome} for {@code target}; empty when the target no longer exists. */
  @Transactional
  public Optional<Transition> record(TargetRecord target, ProbeOutcome outcome) {
    Optional<TargetStateRecord> found = states.findForUpdate(target.id());
    if (found.isEmpty()) {
      return Optional.empty();
    }
    TargetStateRecord current = found.get();
    boolean maintenance =
        windows.inMaintenance(target.service(), target.environment(), outcome.at());
    results.insert(
        new ProbeResultRecord(
            target.id(),
            outcome.at(),
            outcome.ok(),
            outcome.durationMs(),
            outcome.error(),
            !maintenance));
    if (maintenance) {
      TargetStateRecord held =
          new TargetStateRecord(
              target.id(),
              HealthStatus.MAINTENANCE,
              0,
              0,
              current.status() == HealthStatus.MAINTENANCE ? current.since() : outcome.at(),
              outcome.at(),
              outcome.durationMs(),
              outcome.ok() ? current.lastError() : outcome.error());
      states.update(held);
      metrics.state(target.id(), held.status());
      return Optional.of(new Transition(current, held, Transition.Change.NONE));
    }
    if (current.status() == HealthStatus.MAINTENANCE) {
      current = TargetStateRecord.unknown(target.id(), outcome.at());
    }
    Transition transition = HealthStateMachine.next(current, target, outcome);
    TargetStateRecord next = transition.next();
    states.update(next);
    metrics.state(target.id(), next.status());
    switch (transition.change()) {
      case WENT_DOWN, WORSENED -> degraded(target, next, outcome);
      case RECOVERED -> {
        long downSeconds =
            Math.max(0, Duration.between(transition.previous().since(), outcome.at()).toSeconds());
        LOG.infof("target %s recovered after %d s", target.id(), downSeconds);
        outbox.append(
            new HealthRecovered(
                target.id(),
                target.service(),
                target.environment(),
                downSeconds,
                watched(target, outcome)));
      }
      case CAME_UP -> LOG.infof("target %s is UP", target.id());
      case NONE -> {}
    }
    return Optional.of(transition);
  }

  private void degraded(TargetRecord target, TargetStateRecord next, ProbeOutcome outcome) {
    String suppressedBy = downDependency(target);
    LOG.warnf(
        "target %s is %s after %d consecutive failures: %s%s",
        target.id(),
        next.status(),
        next.consecutiveFailures(),
        outcome.error(),
        suppressedBy == null ? "" : " (dependency " + suppressedBy + " is down)");
    outbox.append(
        new HealthDegraded(
            target.id(),
            target.service(),
            target.environment(),
            next.status(),
            outcome.error(),
            next.consecutiveFailures(),
            next.since(),
            suppressedBy,
            target.criticality(),
            watched(target, outcome),
            labels(target)));
  }

  /** The first dependency that is DOWN: the root cause alert-service pages for instead. */
  private String downDependency(TargetRecord target) {
    for (String dependency : target.dependsOn()) {
      if (states.find(dependency).map(s -> s.status() == HealthStatus.DOWN).orElse(false)) {
        return dependency;
      }
    }
    return null;
  }

  private UUID watched(TargetRecord target, ProbeOutcome outcome) {
    return windows
        .watchedDeployment(target.service(), target.environment(), outcome.at())
        .orElse(null);
  }

  /** The target's own labels plus service, environment and targetId (which win). */
  static Map<String, String> labels(TargetRecord target) {
    Map<String, String> labels = new LinkedHashMap<>(target.labels());
    labels.put("service", target.service());
    labels.put("environment", target.environment());
    labels.put("targetId", target.id());
    return labels;
  }
}
