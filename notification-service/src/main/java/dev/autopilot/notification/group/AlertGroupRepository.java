package dev.autopilot.notification.group;

import dev.autopilot.platform.store.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Aggregation groups and their members. Times are the database's. */
@ApplicationScoped
public class AlertGroupRepository {
  private final Jdbc jdbc;

  public AlertGroupRepository(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /** One alert event waiting in a group. */
  public record Member(
      String eventId,
      String eventType,
      String subject,
      String bodyText,
      String severity,
      String dedupKey,
      UUID alertId,
      String ackLink,
      String eventData) {}

  /** A due group. */
  public record Due(
      String groupKey, String routePath, String receiver, String labels, int flushes) {}

  /**
   * Adds a member; a new group flushes after {@code groupWait}, a group flushed before flushes
   * {@code groupInterval} after its last flush (or now, if that is past). Returns false when this
   * event already is a member.
   */
  public boolean add(
      String groupKey,
      String routePath,
      String receiver,
      String labelsJson,
      Duration groupWait,
      Duration groupInterval,
      Member m) {
    jdbc.update(
        "insert into alert_group (group_key, route_path, receiver, labels, flush_at,"
            + " group_interval_ms) values (?, ?, ?, ?::jsonb, now() + make_interval(secs => ?), ?)"
            + " on conflict (group_key) do update set group_interval_ms ="
            + " excluded.group_interval_ms, flush_at = coalesce(alert_group.flush_at,"
            + " greatest(now(), alert_group.last_flush_at + make_interval(secs =>"
            + " excluded.group_interval_ms / 1000.0)))",
        groupKey,
        routePath,
        receiver,
        labelsJson,
        groupWait.toMillis() / 1000.0,
        groupInterval.toMillis());
    return jdbc.update(
            "insert into alert_group_member (group_key, event_id, event_type, subject, body_text,"
                + " severity, dedup_key, alert_id, ack_link, event_data) values (?, ?, ?, ?, ?, ?,"
                + " ?, ?, ?, ?::jsonb) on conflict (group_key, event_id) do nothing",
            groupKey,
            m.eventId(),
            m.eventType(),
            m.subject(),
            m.bodyText(),
            m.severity(),
            m.dedupKey(),
            m.alertId(),
            m.ackLink(),
            m.eventData())
        == 1;
  }

  /** The oldest due group, locked until the transaction ends (skip locked). */
  public Optional<Due> claimNextDue() {
    return jdbc.one(
        "select group_key, route_path, receiver, labels::text, flushes from alert_group"
            + " where flush_at <= now() order by flush_at limit 1 for update skip locked",
        rs ->
            new Due(
                rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5)));
  }

  /** The members not told yet, oldest first. */
  public List<Member> pending(String groupKey) {
    return jdbc.list(
        "select event_id, event_type, subject, body_text, severity, dedup_key, alert_id, ack_link,"
            + " event_data::text from alert_group_member where group_key = ? and not flushed"
            + " order by id",
        rs ->
            new Member(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getObject(7, UUID.class),
                rs.getString(8),
                rs.getString(9)),
        groupKey);
  }

  /**
   * Drops the waiting members of an alert (alert.suppressed): marked told, with {@code reason}, so
   * no group message names them. Returns how many.
   */
  public int drop(UUID alertId, String reason) {
    return jdbc.update(
        "update alert_group_member set flushed = true, dropped_reason = ? where alert_id = ? and"
            + " not flushed",
        reason,
        alertId);
  }

  /** Marks the group flushed: its pending members are told; no flush is due until a new member. */
  public void flushed(String groupKey) {
    jdbc.update(
        "update alert_group_member set flushed = true where group_key = ? and not flushed",
        groupKey);
    jdbc.update(
        "update alert_group set flush_at = null, flushes = flushes + 1, last_flush_at = now()"
            + " where group_key = ?",
        groupKey);
  }
}
