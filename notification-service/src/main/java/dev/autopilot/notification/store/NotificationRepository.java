package dev.autopilot.notification.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The notification log in Postgres. Every time is the database's {@code now()}, so replicas with
 * skewed clocks agree on what is due.
 */
@ApplicationScoped
public class NotificationRepository {
  private static final String COLUMNS =
      "id, event_id, event_type, channel, receiver, subject, body_text, body_html, status,"
          + " attempts, next_attempt_at, last_error, created_at, sent_at";
  private static final int MAX_ERROR_LENGTH = 2000;

  private final DataSource dataSource;

  public NotificationRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Inserts a PENDING notification due now, unless this event already has one for this channel and
   * receiver. Returns whether a row was inserted.
   */
  public boolean insertPending(NewNotification n) {
    String sql =
        "insert into notification (id, event_id, event_type, channel, receiver, subject,"
            + " body_text, body_html, status, attempts, next_attempt_at)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, now())"
            + " on conflict (event_id, channel, receiver) do nothing";
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, n.id());
      ps.setString(2, n.eventId());
      ps.setString(3, n.eventType());
      ps.setString(4, n.channel());
      ps.setString(5, n.receiver());
      ps.setString(6, n.subject());
      ps.setString(7, n.bodyText());
      ps.setString(8, n.bodyHtml());
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot store notification", e);
    }
  }

  /**
   * The oldest due PENDING notification, locked until the transaction ends; rows other replicas
   * hold are skipped. Must run inside a transaction.
   */
  public Optional<NotificationRecord> claimNextDue() {
    return one(
        "select "
            + COLUMNS
            + " from notification where status = 'PENDING' and next_attempt_at <= now()"
            + " order by next_attempt_at, id limit 1 for update skip locked",
        null);
  }

  /** One notification by id. */
  public Optional<NotificationRecord> find(UUID id) {
    return one("select " + COLUMNS + " from notification where id = ?", id);
  }

  /** One notification by id, locked until the transaction ends. */
  public Optional<NotificationRecord> findForUpdate(UUID id) {
    return one("select " + COLUMNS + " from notification where id = ? for update", id);
  }

  /** Notifications, newest first, optionally of one status and/or one event. */
  public List<NotificationRecord> list(NotificationStatus status, String eventId, int limit) {
    List<String> where = new ArrayList<>();
    if (status != null) {
      where.add("status = ?");
    }
    if (eventId != null) {
      where.add("event_id = ?");
    }
    String sql =
        "select "
            + COLUMNS
            + " from notification"
            + (where.isEmpty() ? "" : " where " + String.join(" and ", where))
            + " order by created_at desc, id limit ?";
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      if (status != null) {
        ps.setString(i++, status.name());
      }
      if (eventId != null) {
        ps.setString(i++, eventId);
      }
      ps.setInt(i, limit);
      return read(ps);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot list notifications", e);
    }
  }

  /** Records a successful attempt. */
  public void markSent(UUID id, int attempts) {
    update(
        "update notification set status = 'SENT', attempts = ?, sent_at = now(),"
            + " last_error = null where id = ?",
        ps -> {
          ps.setInt(1, attempts);
          ps.setObject(2, id);
        });
  }

  /** Records a failed attempt that will be retried after {@code backoff}. */
  public void reschedule(UUID id, int attempts, Duration backoff, String error) {
    update(
        "update notification set attempts = ?, last_error = ?,"
            + " next_attempt_at = now() + make_interval(secs => ?) where id = ?",
        ps -> {
          ps.setInt(1, attempts);
          ps.setString(2, truncate(error));
          ps.setDouble(3, backoff.toMillis() / 1000.0);
          ps.setObject(4, id);
        });
  }

  /** Records the last failed attempt: the notification is FAILED. */
  public void markFailed(UUID id, int attempts, String error) {
    update(
        "update notification set status = 'FAILED', attempts = ?, last_error = ? where id = ?",
        ps -> {
          ps.setInt(1, attempts);
          ps.setString(2, truncate(error));
          ps.setObject(3, id);
        });
  }

  /**
   * Puts a FAILED notification back in the queue with a fresh set of attempts, due now; the last
   * error stays visible until the next attempt. Returns false when it is not FAILED.
   */
  public boolean requeueFailed(UUID id) {
    String sql =
        "update notification set status = 'PENDING', attempts = 0, next_attempt_at = now()"
            + " where id = ? and status = 'FAILED'";
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, id);
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot requeue notification", e);
    }
  }

  private interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  private void update(String sql, Binder binder) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      binder.bind(ps);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot update notification", e);
    }
  }

  private Optional<NotificationRecord> one(String sql, UUID id) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      if (id != null) {
        ps.setObject(1, id);
      }
      List<NotificationRecord> found = read(ps);
      return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read notification", e);
    }
  }

  private static List<NotificationRecord> read(PreparedStatement ps) throws SQLException {
    List<NotificationRecord> result = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        result.add(
            new NotificationRecord(
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
                instant(rs.getTimestamp(11)),
                rs.getString(12),
                instant(rs.getTimestamp(13)),
                instant(rs.getTimestamp(14))));
      }
    }
    return result;
  }

  private static String truncate(String error) {
    if (error == null) {
      return null;
    }
    return error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH) + "…";
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
