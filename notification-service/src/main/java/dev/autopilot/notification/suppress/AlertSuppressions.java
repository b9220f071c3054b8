package dev.autopilot.notification.suppress;

import dev.autopilot.notification.escalation.EscalationRepository;
import dev.autopilot.notification.group.AlertGroupRepository;
import dev.autopilot.notification.store.NotificationRepository;
import dev.autopilot.platform.event.v1.AlertSuppressed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * What {@code alert.suppressed} does here, in the consumer's transaction (with its inbox claim, so
 * a redelivery does nothing twice): the alert's escalations stop ({@code SUPPRESSED}, with the
 * reason), its members still waiting in aggregation groups are dropped, and its pages not yet
 * delivered (first pages, escalation pages, retries) are held ({@code MUTED} with the reason, one
 * {@code MUTED} row each in the delivery log) — as an Alertmanager silence stops the notifications
 * of an alert that is already firing.
 *
 * <p>alert-service announces the end of the mute with a new {@code alert.fired} for the same alert
 * when it still fires; that one ({@link #holding}: newer than the suppression) is paged as usual
 * and starts the escalation again from its first level. An {@code alert.fired} older than the
 * suppression (the topics are read independently, so it may arrive after it) is held instead.
 */
@ApplicationScoped
public class AlertSuppressions {
  private static final Logger LOG = Logger.getLogger(AlertSuppressions.class);

  private final AlertSuppressionRepository suppressions;
  private final EscalationRepository escalations;
  private final AlertGroupRepository groups;
  private final NotificationRepository notifications;

  public AlertSuppressions(
      AlertSuppressionRepository suppressions,
      EscalationRepository escalations,
      AlertGroupRepository groups,
      NotificationRepository notifications) {
    this.suppressions = suppressions;
    this.escalations = escalations;
    this.groups = groups;
    this.notifications = notifications;
  }

  /** What was stopped for one {@code alert.suppressed}. */
  public record Stopped(int escalations, int groupMembers, int pages) {}

  /**
   * Applies an {@code alert.suppressed} event ({@code at}: when alert-service muted the alert, else
   * the event's time); nothing when a newer {@code alert.fired} already said it fires again.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public Stopped suppress(AlertSuppressed event, String eventId, Instant at) {
    UUID alertId = event.alertId();
    String reason = reason(event, eventId);
    if (!suppressions.suppressed(alertId, at, event.reason(), eventId)) {
      LOG.infof(
          "alert %s: %s is older than what is known of the alert; nothing stopped",
          alertId, reason);
      return new Stopped(0, 0, 0);
    }
    Stopped stopped =
        new Stopped(
            escalations.suppress(alertId, reason),
            groups.drop(alertId, reason),
            notifications.holdPendingPages(alertId, reason));
    LOG.infof(
        "alert %s %s: %d escalation(s) stopped, %d group member(s) dropped, %d page(s) held",
        alertId, reason, stopped.escalations(), stopped.groupMembers(), stopped.pages());
    return stopped;
  }

  /**
   * For an {@code alert.fired} of {@code firedAt}: why it is held (a suppression at or after it),
   * or empty when it is to be paged; recorded either way.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public Optional<String> holding(UUID alertId, Instant firedAt) {
    return suppressions.fired(alertId, firedAt).map(reason -> "suppressed: " + reason);
  }

  private static String reason(AlertSuppressed event, String eventId) {
    return "suppressed: "
        + (event.reason() == null ? "muted in alert-service" : event.reason())
        + " (alert.suppressed "
        + eventId
        + ")";
  }
}
