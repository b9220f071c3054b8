package dev.autopilot.alert.lifecycle;

import dev.autopilot.alert.inhibit.Inhibitor;
import dev.autopilot.alert.mute.MuteCandidate;
import dev.autopilot.alert.mute.Muting;
import dev.autopilot.alert.store.AlertRecord;
import dev.autopilot.alert.store.AlertRepository;
import dev.autopilot.alert.store.AlertState;
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
import java.util.LinkedHashMap;
import java.util.List;
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
  private final Muting muting;
  private final Outbox outbox;
  private final Suppressions suppressions;
  private final AlertOpener opener;

  public AlertLifecycle(
      AlertRepository alerts,
      TransitionRepository transitions,
      Muting muting,
      Outbox outbox,
      Suppressions suppressions,
      AlertOpener opener) {
    this.suppressions = suppressions;
    this.alerts = alerts;
    this.transitions = transitions;
    this.muting = muting;
    this.outbox = outbox;
    this.opener = opener;
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
    List<AlertRecord> done =
        resolveAll(
            List.of(active.get()), endsAt == null ? Map.of() : Map.of(fingerprint, endsAt), by);
    return done.isEmpty() ? Optional.empty() : alerts.find(done.get(0).id());
  }

  /**
   * Resolves active alerts the caller has locked, in a few statements for all of them: each ends at
   * its {@code endsAt} (by fingerprint; now when absent), {@code alert.resolved} for those that had
   * been announced; PENDING ones are forgotten instead. Returns the alerts resolved (as they were).
   */
  @Transactional
  public List<AlertRecord> resolveAll(
      List<AlertRecord> locked, Map<String, Instant> endsAt, String by) {
    Instant now = Instant.now();
    Map<UUID, Instant> ending = new LinkedHashMap<>();
    Map<UUID, AlertRecord> byId = new LinkedHashMap<>();
    for (AlertRecord a : locked) {
      if (a.state() == AlertState.PENDING) {
        alerts.deletePending(a.id());
      } else {
        ending.put(a.id(), endsAt.getOrDefault(a.fingerprint(), now));
        byId.put(a.id(), a);
      }
    }
    List<AlertRecord> resolved = alerts.resolveAll(ending).stream().map(byId::get).toList();
    transitions.recordAll(
        resolved.stream()
            .map(
                a ->
                    new Transition(
                        a.id(),
                        a.state(),
                        AlertState.RESOLVED,
                        ending.get(a.id()),
                        by == null ? a.source() : by,
                        null))
            .toList());
    outbox.appendAll(
        resolved.stream()
            .filter(a -> a.firedAt() != null)
            .map(
                a ->
                    new AlertResolved(
                        a.id(),
                        a.fingerprint(),
                        a.name(),
                        ending.get(a.id()),
                        a.severity(),
                        a.labels()))
            .toList());
    return resolved;
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
        suppressions.recheck(a, null, muting.snapshot(now), now, a.source());
      }
      return alerts.find(a.id()).orElseThrow();
    }
    List<AlertRecord> opened = opener.open(List.of(alert), pending, now);
    // Empty when a concurrent writer (another replica, a parallel delivery) opened it first.
    return opened.isEmpty() ? alerts.findActiveForUpdate(fingerprint).orElseThrow() : opened.get(0);
  }

  /**
   * Fires alerts none of which was active when the caller looked (under lock): one batch of
   * statements for all of them; returns those opened (FIRING or SUPPRESSED).
   */
  @Transactional
  public List<AlertRecord> fireAll(List<NewAlert> news) {
    return opener.open(news, false, Instant.now());
  }

  private MuteCandidate candidate(AlertRecord a, String dependency, Instant now) {
    return new MuteCandidate(a.fingerprint(), Inhibitor.labelsOf(a), dependency, a.startsAt());
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
}
