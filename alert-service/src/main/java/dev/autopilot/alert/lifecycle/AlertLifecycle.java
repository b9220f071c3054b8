package dev.autopilot.alert.lifecycle;

import dev.autopilot.alert.mute.MuteCandidate;
import dev.autopilot.alert.mute.Muting;
import dev.autopilot.alert.store.AlertRecord;
import dev.autopilot.alert.store.AlertRepository;
import dev.autopilot.alert.store.AlertState;
import dev.autopilot.alert.store.DeployWatchRepository;
import dev.autopilot.alert.store.Transition;
import dev.autopilot.alert.store.TransitionRepository;
import dev.autopilot.platform.event.v1.AlertAcknowledged;
import dev.autopilot.platform.event.v1.AlertFired;
import dev.autopilot.platform.event.v1.AlertResolved;
import dev.autopilot.platform.outbox.Outbox;
import dev.autopilot.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The alert lifecycle: fire (or record as suppressed), resolve, acknowledge, unacknowledge, unmute.
 * Each change, its history row and the event announcing it are written in one transaction (outbox);
 * firing an active fingerprint changes nothing. Suppressed alerts are never announced: neither
 * {@code alert.fired} nor, if they end muted, {@code alert.resolved}.
 */
@ApplicationScoped
public class AlertLifecycle {
  private final AlertRepository alerts;
  private final TransitionRepository transitions;
  private final DeployWatchRepository deploys;
  private final Muting muting;
  private final Outbox outbox;
  private final Suppressions suppressions;

  public AlertLifecycle(
      AlertRepository alerts,
      TransitionRepository transitions,
      DeployWatchRepository deploys,
      Muting muting,
      Outbox outbox,
      Suppressions suppressions) {
    this.suppressions = suppressions;
    this.alerts = alerts;
    this.transitions = transitions;
    this.deploys = deploys;
    this.muting = muting;
    this.outbox = outbox;
  }

  /** Fires an alert (or records it SUPPRESSED) unless its fingerprint is active; returns it. */
  @Transactional
  public AlertRecord fire(NewAlert alert) {
    return open(alert, false);
  }

  /**
   * Records a rule's alert as PENDING (its {@code for} has not elapsed) unless its fingerprint is
   * active; returns it.
   */
  @Transactional
  public AlertRecord pend(NewAlert alert) {
    return open(alert, true);
  }

  /** The PENDING alert with this fingerprint → FIRING (or SUPPRESSED when muted). */
  @Transactional
  public void promote(String fingerprint, Double value, Instant now) {
    Optional<AlertRecord> active = alerts.findActiveForUpdate(fingerprint);
    if (active.isEmpty() || active.get().state() != AlertState.PENDING) {
      return;
    }
    AlertRecord a = active.get();
    UUID id = a.id();
    alerts.updateValue(id, value);
    Optional<String> muted = muting.mutedBy(candidate(a, a.dependencyTarget(), now), now);
    if (muted.isPresent()) {
      alerts.markSuppressed(id, muted.get());
      record(a, AlertState.SUPPRESSED, now, a.source(), muted.get());
    } else if (alerts.markFiring(id, now)) {
      record(a, AlertState.FIRING, now, a.source(), null);
      announce(alerts.find(id).orElseThrow());
    }
  }

  /** Resolves the active alert of this name and labels, if any. */
  @Transactional
  public Optional<AlertRecord> resolve(String name, Map<String, String> labels, Instant endsAt) {
    return resolveFingerprint(Fingerprint.of(name, labels), endsAt, null);
  }

  /**
   * Resolves the active alert with this fingerprint, if any ({@code alert.resolved} only when it
   * had been announced); a PENDING one is forgotten instead.
   */
  @Transactional
  public Optional<AlertRecord> resolveFingerprint(String fingerprint, Instant endsAt, String by) {
    Optional<AlertRecord> active = alerts.findActiveForUpdate(fingerprint);
    if (active.isEmpty()) {
      return Optional.empty();
    }
    AlertRecord a = active.get();
    if (a.state() == AlertState.PENDING) {
      alerts.deletePending(a.id());
      return Optional.empty();
    }
    Instant at = endsAt == null ? Instant.now() : endsAt;
    alerts.resolve(a.id(), at);
    record(a, AlertState.RESOLVED, at, by == null ? a.source() : by, null);
    if (a.firedAt() != null) {
      outbox.append(new AlertResolved(a.id(), fingerprint, a.name(), at, a.severity(), a.labels()));
    }
    return alerts.find(a.id());
  }

  /**
   * FIRING → ACKNOWLEDGED by {@code by}; 404 if unknown, 409 in any other state. The change is one
   * conditional UPDATE, so an ack racing a resolve can never bring a resolved alert back.
   */
  @Transactional
  public AlertRecord acknowledge(UUID id, String by) {
    Instant now = Instant.now();
    if (!alerts.acknowledge(id, by, now)) {
      AlertRecord alert = existing(id);
      if (alert.state() == AlertState.ACKNOWLEDGED) {
        throw ProblemException.conflict(
            "alert " + id + " was already acknowledged by " + alert.acknowledgedBy());
      }
      throw ProblemException.conflict("alert " + id + " is " + alert.state() + ", not FIRING");
    }
    AlertRecord alert = alerts.find(id).orElseThrow();
    transitions.record(
        new Transition(id, AlertState.FIRING, AlertState.ACKNOWLEDGED, now, by, null));
    outbox.append(new AlertAcknowledged(id, by, now, alert.fingerprint(), alert.labels()));
    return alert;
  }

  /** ACKNOWLEDGED → FIRING (nobody owns it any more); 404 if unknown, 409 if not acknowledged. */
  @Transactional
  public AlertRecord unacknowledge(UUID id, String by) {
    Instant now = Instant.now();
    if (!alerts.unacknowledge(id)) {
      AlertRecord alert = existing(id);
      throw ProblemException.conflict(
          "alert " + id + " is " + alert.state() + ", not ACKNOWLEDGED");
    }
    transitions.record(
        new Transition(id, AlertState.ACKNOWLEDGED, AlertState.FIRING, now, by, "unacknowledged"));
    return alerts.find(id).orElseThrow();
  }

  private AlertRecord open(NewAlert alert, boolean pending) {
    String fingerprint = alert.identity();
    Instant now = Instant.now();
    Optional<AlertRecord> active = alerts.findActiveForUpdate(fingerprint);
    if (active.isPresent()) {
      AlertRecord a = active.get();
      if (a.state() == AlertState.SUPPRESSED
          && a.dependencyTarget() != null
          && alert.dependencyTarget() == null) {
        // health-service no longer names a down dependency: judge the alert on its own.
        alerts.clearDependency(a.id());
        suppressions.recheck(a, null, now, a.source());
      }
      return alerts.find(a.id()).orElseThrow();
    }
    Map<String, String> labels = alert.labels() == null ? Map.of() : alert.labels();
    UUID deployment =
        alert.deploymentId() != null
            ? alert.deploymentId()
            : deploys.watching(labels.get("service"), labels.get("environment"), now).orElse(null);
    Instant startsAt = alert.startsAt() == null ? now : alert.startsAt();
    Optional<String> muted =
        pending
            ? Optional.empty()
            : muting.mutedBy(
                new MuteCandidate(
                    fingerprint, withName(alert.name(), labels), alert.dependencyTarget(), now),
                now);
    AlertState state =
        pending
            ? AlertState.PENDING
            : muted.isPresent() ? AlertState.SUPPRESSED : AlertState.FIRING;
    AlertRecord record =
        new AlertRecord(
            UUID.randomUUID(),
            fingerprint,
            alert.name(),
            alert.severity(),
            state,
            labels,
            alert.annotations(),
            alert.value(),
            alert.source(),
            startsAt,
            null,
            null,
            null,
            deployment,
            muted.orElse(null),
            alert.dependencyTarget(),
            state == AlertState.FIRING ? now : null,
            null);
    if (!alerts.insert(record)) {
      // A concurrent writer (another replica, a parallel delivery) opened it first.
      return alerts.findActiveForUpdate(fingerprint).orElseThrow();
    }
    // A rule's pending alert became pending at its evaluation time (startsAt), not at this write.
    Instant at = pending ? startsAt : now;
    transitions.record(
        new Transition(record.id(), null, state, at, alert.source(), muted.orElse(null)));
    if (state == AlertState.FIRING) {
      announce(record);
    }
    return record;
  }

  private MuteCandidate candidate(AlertRecord a, String dependency, Instant now) {
    return new MuteCandidate(
        a.fingerprint(), withName(a.name(), a.labels()), dependency, a.startsAt());
  }

  private void announce(AlertRecord a) {
    outbox.append(fired(a));
  }

  /** The {@code alert.fired} announcing this alert. */
  static AlertFired fired(AlertRecord a) {
    return new AlertFired(
        a.id(),
        a.fingerprint(),
        a.name(),
        a.severity(),
        a.labels(),
        a.annotations(),
        a.startsAt(),
        a.value(),
        a.deploymentId());
  }

  private void record(AlertRecord a, AlertState to, Instant at, String actor, String reason) {
    transitions.record(new Transition(a.id(), a.state(), to, at, actor, reason));
  }

  private AlertRecord existing(UUID id) {
    return alerts
        .find(id)
        .orElseThrow(() -> ProblemException.notFound("alert " + id + " does not exist"));
  }

  /** Labels as muters see them: with {@code alertname}, as in Alertmanager. */
  private static Map<String, String> withName(String name, Map<String, String> labels) {
    if (labels.containsKey("alertname")) {
      return labels;
    }
    Map<String, String> all = new HashMap<>(labels);
    all.put("alertname", name);
    return all;
  }
}
