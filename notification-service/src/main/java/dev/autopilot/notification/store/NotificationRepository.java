package dev.autopilot.notification.store;

import dev.autopilot.platform.store.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The notification log in Postgres. Every time is the database's {@code now()}, so replicas with
 * skewed clocks agree on what is due.
 */
@ApplicationScoped
public class NotificationRepository {
  private static final String COLUMNS =
      "id, event_id, event_type, channel, receiver, subject, body_text, body_html, status,"
          + " attempts, next_attempt_at, last_error, created_at, sent_at, receiver_name, target,"
          + " severity, dedup_key, alert_id, ack_link, event_data::text, fallback_of";
  private static final int MAX_ERROR_LENGTH = 2000;

  private final Jdbc jdbc;

  public NotificationRepository(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Inserts a PENDING notification due now, unless this event already has one for this channel and
   * receiver. Returns whether a row was inserted.
   */
  public boolean insertPending(NewNotification n) {
    return jdbc.update(
            "insert into notification (id, event_id, event_type, channel, receiver, subject,"
                + " body_text, body_html, status, attempts, next_attempt_at, receiver_name, target,"
                + " severity, dedup_key, alert_id, ack_link, event_data, fallback_of)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, now(), ?, ?, ?, ?, ?, ?, ?::jsonb, ?)"
                + " on conflict (event_id, channel, receiver) do nothing",
            n.id(),
            n.eventId(),
            n.eventType(),
            n.channel(),
            n.receiver(),
            n.subject(),
            n.bodyText(),
            n.bodyHtml(),
            n.receiverName(),
            n.target(),
            n.severity(),
            n.dedupKey(),
            n.alertId(),
            n.ackLink(),
            n.eventData(),
            n.fallbackOf())
        == 1;
  }

  /**
   * Records a notification the mute stage held: status MUTED, never sent, {@code reason} as its
   * last error. Returns whether a row was inserted (not when the event already has one for this
   * channel and receiver).
   */
  public boolean insertMuted(NewNotification n, String reason) {
    return jdbc.update(
            "insert into notification (id, event_id, event_type, channel, receiver, subject,"
                + " body_text, body_html, status, attempts, next_attempt_at, last_error,"
                + " receiver_name, target, severity, dedup_key, alert_id, ack_link, event_data,"
                + " fallback_of) values (?, ?, ?, ?, ?, ?, ?, ?, 'MUTED', 0, now(), ?, ?, ?, ?,"
                + " ?, ?, ?, ?::jsonb, ?) on conflict (event_id, channel, receiver) do nothing",
            n.id(),
            n.eventId(),
            n.eventType(),
            n.channel(),
            n.receiver(),
            n.subject(),
            n.bodyText(),
            n.bodyHtml(),
            truncate(reason),
            n.receiverName(),
            n.target(),
            n.severity(),
            n.dedupKey(),
            n.alertId(),
            n.ackLink(),
            n.eventData(),
            n.fallbackOf())
        == 1;
  }

  /**
   * Holds the pages of an alert not delivered yet (alert.suppressed): its PENDING {@code
   * alert.fired} notifications — first pages, escalation pages, retries — become MUTED with {@code
   * reason}, each with a MUTED row in the delivery log. A row being sent right now is waited for
   * and then left as the send made it. Returns how many.
   */
  public int holdPendingPages(UUID alertId, String reason) {
    return jdbc.update(
        "with held as (update notification set status = 'MUTED', last_error = ? where alert_id = ?"
            + " and status = 'PENDING' and event_type = 'alert.fired' returning id, event_id,"
            + " receiver_name, receiver, channel, attempts) insert into delivery_attempt"
            + " (notification_id, event_id, receiver, channel, attempt, outcome, error, latency_ms)"
            + " select id, event_id, receiver_name || ':' || receiver, channel, attempts, 'MUTED',"
            + " ?, 0 from held",
        truncate(reason),
        alertId,
        truncate(reason));
  }

  /** The oldest due notification of one channel, locked until the transaction ends. */
  public Optional<NotificationRecord> claimNextDue(String channel) {
    return jdbc.one(
        "select "
            + COLUMNS
            + " from notification where status = 'PENDING' and channel = ?"
            + " and next_attempt_at <= now() order by next_attempt_at, id limit 1"
            + " for update skip locked",
        NotificationRepository::read,
        channel);
  }

  /** One notification by id. */
  public Optional<NotificationRecord> find(UUID id) {
    return jdbc.one(
        "select " + COLUMNS + " from notification where id = ?", NotificationRepository::read, id);
  }

  /** One notification by id, locked until the transaction ends. */
  public Optional<NotificationRecord> findForUpdate(UUID id) {
    return jdbc.one(
        "select " + COLUMNS + " from notification where id = ? for update",
        NotificationRepository::read,
        id);
  }

  /** Notifications, newest first, optionally of one status and/or one event. */
  public List<NotificationRecord> list(NotificationStatus status, String eventId, int limit) {
    List<String> where = new ArrayList<>();
    List<Object> parameters = new ArrayList<>();
    if (status != null) {
      where.add("status = ?");
      parameters.add(status.name());
    }
    if (eventId != null) {
      where.add("event_id = ?");
      parameters.add(eventId);
    }
    parameters.add(limit);
    return jdbc.list(
        "select "
            + COLUMNS
            + " from notification"
            + (where.isEmpty() ? "" : " where " + String.join(" and ", where))
            + " order by created_at desc, id limit ?",
        NotificationRepository::read,
        parameters.toArray());
  }

  /** Records a successful attempt. */
  public void markSent(UUID id, int attempts) {
    jdbc.update(
        "update notification set status = 'SENT', attempts = ?, sent_at = now(),"
            + " last_error = null where id = ?",
        attempts,
        id);
  }

  /** Records a failed attempt that will be retried after {@code backoff}. */
  public void reschedule(UUID id, int attempts, Duration backoff, String error) {
    jdbc.update(
        "update notification set attempts = ?, last_error = ?,"
            + " next_attempt_at = now() + make_interval(secs => ?) where id = ?",
        attempts,
        truncate(error),
        backoff.toMillis() / 1000.0,
        id);
  }

  /** Records the last failed attempt: the notification is FAILED. */
  public void markFailed(UUID id, int attempts, String error) {
    jdbc.update(
        "update notification set status = 'FAILED', attempts = ?, last_error = ? where id = ?",
        attempts,
        truncate(error),
        id);
  }

  /**
   * Puts a FAILED notification back in the queue with a fresh set of attempts, due now; the last
   * error stays visible until the next attempt. Returns false when it is not FAILED.
   */
  public boolean requeueFailed(UUID id) {
    return jdbc.update(
            "update notification set status = 'PENDING', attempts = 0, next_attempt_at = now()"
                + " where id = ? and status = 'FAILED'",
            id)
        == 1;
  }

  private static NotificationRecord read(ResultSet rs) throws SQLException {
    return new NotificationRecord(
        rs.getObject(1, UUID.class),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        rs.getString(7),
        rs.getString(8),
        NotificationStatus.valueOf(rs.getString(9)),
        rs.getInt(10),
        Jdbc.instant(rs, 11),
        rs.getString(12),
        Jdbc.instant(rs, 13),
        Jdbc.instant(rs, 14),
        rs.getString(15),
        rs.getString(16),
        rs.getString(17),
        rs.getString(18),
        rs.getObject(19, UUID.class),
        rs.getString(20),
        rs.getString(21),
        rs.getObject(22, UUID.class));
  }

  /** Postpones a notification without counting an attempt (throttled: waiting for a token). */
  public void postpone(UUID id, Duration wait) {
    jdbc.update(
        "update notification set next_attempt_at = now() + make_interval(secs => ?) where id = ?",
        wait.toMillis() / 1000.0,
        id);
  }

  /** Records which notification stands in for a failed one. */
  public void linkFallback(UUID failed, UUID fallback) {
    jdbc.update("update notification set fallback_id = ? where id = ?", fallback, failed);
  }

  /** How long ago the notification was created (database clock). */
  public Duration age(UUID id) {
    return jdbc.one(
            "select extract(epoch from now() - created_at) * 1000 from notification where id = ?",
            rs -> Duration.ofMillis(Math.round(rs.getDouble(1))),
            id)
        .orElse(Duration.ZERO);
  }

  private static String truncate(String error) {
    if (error == null) {
      return null;
    }
    return error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH) + "…";
  }
}
