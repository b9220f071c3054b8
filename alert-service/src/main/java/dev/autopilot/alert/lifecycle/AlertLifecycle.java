package dev.autopilot.alert.lifecycle;

import dev.autopilot.alert.store.AlertRecord;
import dev.autopilot.alert.store.AlertRepository;
import dev.autopilot.alert.store.AlertState;
import dev.autopilot.platform.event.v1.AlertAcknowledged;
import dev.autopilot.platform.event.v1.AlertAnnotations;
import dev.autopilot.platform.event.v1.AlertFired;
import dev.autopilot.platform.event.v1.AlertResolved;
import dev.autopilot.platform.event.v1.Severity;
import dev.autopilot.platform.outbox.Outbox;
import dev.autopilot.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The alert lifecycle: fire, resolve, acknowledge. Each change and the event announcing it are
 * written in one transaction (outbox); firing an already firing fingerprint changes nothing.
 */
@ApplicationScoped
public class AlertLifecycle {
  private final AlertRepository alerts;
  private final Outbox outbox;

  public AlertLifecycle(AlertRepository alerts, Outbox outbox) {
    this.alerts = alerts;
    this.outbox = outbox;
  }

  /** What a source wants to fire. */
  public record NewAlert(
      String name,
      Severity severity,
      Map<String, String> labels,
      AlertAnnotations annotations,
      Double value,
      String source,
      Instant startsAt) {}

  /**
   * Fires an alert unless one with the same fingerprint is already firing; returns the firing one.
   */
  @Transactional
  public AlertRecord fire(NewAlert alert) {
    String fingerprint = Fingerprint.of(alert.name(), alert.labels());
    Optional<AlertRecord> firing = alerts.findFiringForUpdate(fingerprint);
    if (firing.isPresent()) {
      return firing.get();
    }
    AlertRecord record =
        new AlertRecord(
            UUID.randomUUID(),
            fingerprint,
            alert.name(),
            alert.severity(),
            AlertState.FIRING,
            alert.labels(),
            alert.annotations(),
            alert.value(),
            alert.source(),
            alert.startsAt() == null ? Instant.now() : alert.startsAt(),
            null,
            null,
            null);
    alerts.insert(record);
    outbox.append(
        new AlertFired(
            record.id(),
            fingerprint,
            record.name(),
            record.severity(),
            record.labels(),
            record.annotations(),
            record.startsAt(),
            record.value(),
            null));
    return record;
  }

  /** Resolves the firing alert of this name and labels, if any. */
  @Transactional
  public Optional<AlertRecord> resolve(String name, Map<String, String> labels, Instant endsAt) {
    String fingerprint = Fingerprint.of(name, labels);
    Optional<AlertRecord> firing = alerts.findFiringForUpdate(fingerprint);
    firing.ifPresent(
        alert -> {
          Instant at = endsAt == null ? Instant.now() : endsAt;
          alerts.resolve(alert.id(), at);
          outbox.append(
              new AlertResolved(
                  alert.id(), fingerprint, alert.name(), at, alert.severity(), alert.labels()));
        });
    return firing.flatMap(a -> alerts.find(a.id()));
  }

  /** Records that someone owns a firing alert; 404 if unknown, 409 if resolved or owned. */
  @Transactional
  public AlertRecord acknowledge(UUID id, String by) {
    AlertRecord alert =
        alerts
            .find(id)
            .orElseThrow(() -> ProblemException.notFound("alert " + id + " does not exist"));
    if (alert.state() != AlertState.FIRING) {
      throw ProblemException.conflict("alert " + id + " is " + alert.state() + ", not FIRING");
    }
    Instant now = Instant.now();
    if (!alerts.acknowledge(id, by, now)) {
      throw ProblemException.conflict(
          "alert " + id + " was already acknowledged by " + alert.acknowledgedBy());
    }
    outbox.append(new AlertAcknowledged(id, by, now, alert.fingerprint(), alert.labels()));
    return alerts.find(id).orElseThrow();
  }
}
