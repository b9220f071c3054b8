package dev.autopilot.notification.suppress;

import dev.autopilot.platform.store.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The latest {@code alert.suppressed} and the latest {@code alert.fired} of each alert, by the
 * events' own times ({@code alert_suppression}). The two arrive on different topics, so in any
 * order; comparing their times tells which is the alert's current state.
 */
@ApplicationScoped
public class AlertSuppressionRepository {
  private final Jdbc jdbc;

  public AlertSuppressionRepository(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Records a suppression at {@code at}; true when it is in force: newer than the suppression
   * recorded before (if any) and not older than the alert's latest {@code alert.fired}.
   */
  public boolean suppressed(UUID alertId, Instant at, String reason, String eventId) {
    return jdbc.one(
            "insert into alert_suppression (alert_id, suppressed_at, reason, event_id) values (?,"
                + " ?, ?, ?) on conflict (alert_id) do update set suppressed_at ="
                + " excluded.suppressed_at, reason = excluded.reason, event_id ="
                + " excluded.event_id, updated_at = now() where alert_suppression.suppressed_at is"
                + " null or alert_suppression.suppressed_at < excluded.suppressed_at returning"
                + " last_fired_at is null or last_fired_at <= suppressed_at",
            rs -> rs.getBoolean(1),
            alertId,
            at,
            reason,
            eventId)
        .orElse(false);
  }

  /**
   * Records an {@code alert.fired} of {@code firedAt}; returns the suppression that holds it (one
   * at or after {@code firedAt}: this firing is older than the mute) as {@code reason
   * (alert.suppressed <event id>)}, if any.
   */
  public Optional<String> fired(UUID alertId, Instant firedAt) {
    return jdbc.one(
            "insert into alert_suppression (alert_id, last_fired_at) values (?, ?) on conflict"
                + " (alert_id) do update set last_fired_at = greatest(alert_suppression.last_fired_at,"
                + " excluded.last_fired_at), updated_at = now() returning case when suppressed_at"
                + " >= ? then reason || ' (alert.suppressed ' || event_id || ')' end",
            rs -> Optional.ofNullable(rs.getString(1)),
            alertId,
            firedAt,
            firedAt)
        .orElse(Optional.empty());
  }
}
