package dev.autopilot.notification.store;

import dev.autopilot.platform.store.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** The delivery log: every send attempt of every notification. */
@ApplicationScoped
public class DeliveryAttemptRepository {
  private static final int MAX_ERROR_LENGTH = 2000;
  private final Jdbc jdbc;

  public DeliveryAttemptRepository(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /** Records one attempt. */
  public void record(
      NotificationRecord n, int attempt, String outcome, String error, long latencyMs) {
    jdbc.update(
        "insert into delivery_attempt (notification_id, event_id, receiver, channel, attempt,"
            + " outcome, error, latency_ms) values (?, ?, ?, ?, ?, ?, ?, ?)",
        n.id(),
        n.eventId(),
        n.receiverName() + ":" + n.receiver(),
        n.channel(),
        attempt,
        outcome,
        error == null || error.length() <= MAX_ERROR_LENGTH
            ? error
            : error.substring(0, MAX_ERROR_LENGTH) + "…",
        latencyMs);
  }

  /** Records that the mute stage held a notification (not an attempt: attempt 0, no latency). */
  public void recordMuted(NewNotification n, String reason) {
    jdbc.update(
        "insert into delivery_attempt (notification_id, event_id, receiver, channel, attempt,"
            + " outcome, error, latency_ms) values (?, ?, ?, ?, 0, 'MUTED', ?, 0)",
        n.id(),
        n.eventId(),
        n.receiverName() + ":" + n.receiver(),
        n.channel(),
        reason);
  }

  /** The attempts of one notification, oldest first. */
  public List<DeliveryAttempt> of(UUID notificationId) {
    return jdbc.list(
        "select id, notification_id, event_id, receiver, channel, attempt, outcome, error,"
            + " latency_ms, attempted_at from delivery_attempt where notification_id = ?"
            + " order by id",
        rs ->
            new DeliveryAttempt(
                rs.getLong(1),
                rs.getObject(2, UUID.class),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getInt(6),
                rs.getString(7),
                rs.getString(8),
                rs.getLong(9),
                Jdbc.instant(rs, 10)),
        notificationId);
  }
}
