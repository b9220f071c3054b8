package dev.autopilot.health.state;

import dev.autopilot.health.probe.ProbeOutcome;
import dev.autopilot.health.store.ProbeResultRecord;
import dev.autopilot.health.store.ProbeResultRepository;
import dev.autopilot.health.store.TargetRecord;
import dev.autopilot.health.store.TargetStateRecord;
import dev.autopilot.health.store.TargetStateRepository;
import dev.autopilot.platform.event.v1.HealthDegraded;
import dev.autopilot.platform.event.v1.HealthRecovered;
import dev.autopilot.platform.event.v1.HealthStatus;
import dev.autopilot.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Applies one probe result in one transaction: the target's state row (locked, so results of the
 * same target apply one after the other), the probe_result row, and the health.degraded or
 * health.recovered event through the outbox when a threshold is crossed.
 */
@ApplicationScoped
public class ProbeResultRecorder {
  private static final Logger LOG = Logger.getLogger(ProbeResultRecorder.class);

  private final TargetStateRepository states;
  private final ProbeResultRepository results;
  private final Outbox outbox;

  public ProbeResultRecorder(
      TargetStateRepository states, ProbeResultRepository results, Outbox outbox) {
    this.states = states;
    this.results = results;
    this.outbox = outbox;
  }

  /** Records {@code outcome} for {@code target}; empty when the target no longer exists. */
  @Transactional
  public Optional<Transition> record(TargetRecord target, ProbeOutcome outcome) {
    Optional<TargetStateRecord> current = states.findForUpdate(target.id());
    if (current.isEmpty()) {
      return Optional.empty();
    }
    Transition transition = HealthStateMachine.next(current.get(), target, outcome);
    TargetStateRecord next = transition.next();
    states.update(next);
    results.insert(
        new ProbeResultRecord(
            target.id(), outcome.at(), outcome.ok(), outcome.durationMs(), outcome.error()));
    switch (transition.change()) {
      case WENT_DOWN -> {
        LOG.warnf(
            "target %s is DOWN after %d consecutive failures: %s",
            target.id(), next.consecutiveFailures(), outcome.error());
        outbox.append(
            new HealthDegraded(
                target.id(),
                target.service(),
                target.environment(),
                HealthStatus.DOWN,
                outcome.error(),
                next.consecutiveFailures(),
                next.since(),
                null,
                null,
                null,
                null));
      }
      case RECOVERED -> {
        long downSeconds =
            Duration.between(transition.previous().since(), outcome.at()).toSeconds();
        LOG.infof("target %s recovered after %d s down", target.id(), downSeconds);
        outbox.append(
            new HealthRecovered(
                target.id(),
                target.service(),
                target.environment(),
                Math.max(0, downSeconds),
                null));
      }
      case CAME_UP -> LOG.infof("target %s is UP", target.id());
      case NONE -> {}
    }
    return Optional.of(transition);
  }
}
