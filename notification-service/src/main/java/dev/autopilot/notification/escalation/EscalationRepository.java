package dev.autopilot.notification.escalation;

import dev.autopilot.platform.store.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The persisted escalation timers. Times are the database's, so replicas agree on what is due. */
@ApplicationScoped
public class EscalationRepository {
  private static final String COLUMNS =
      "id, alert_id, policy, event_id, severity, level, cycle, state, next_at, paged, created_at,"
          + " stopped_at, stop_reason, started_at";

  private final Jdbc jdbc;

  public EscalationRepository(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /** The message every page of an escalation carries (rendered when the alert fired). */
  public record Page(
      String eventId,
      String subject,
      String bodyText,
      String bodyHtml,
      String severity,
      String dedupKey,
      String ackLink,
      String eventData) {}

  /**
   * Starts an escalation due now, unless this alert already has one for this policy; one that a
   * suppression stopped starts again from its first level with this page (the alert fires again).
   */
  public boolean start(UUID alertId, String policy, Page page) {
    return jdbc.update(
            "insert into escalation (id, alert_id, policy, event_id, severity, dedup_key, ack_link,"
                + " event_data, subject, body_text, body_html, state, next_at) values (?, ?, ?, ?,"
                + " ?, ?, ?, ?::jsonb, ?, ?, ?, 'ACTIVE', now()) on conflict (alert_id, policy) do"
                + " update set event_id = excluded.event_id, severity = excluded.severity,"
                + " dedup_key = excluded.dedup_key, ack_link = excluded.ack_link, event_data ="
                + " excluded.event_data, subject = excluded.subject, body_text ="
                + " excluded.body_text, body_html = excluded.body_html, state = 'ACTIVE', level ="
                + " 0, cycle = 0, next_at = now(), started_at = now(), stopped_at = null, stop_reason ="
                + " null where"
                + " escalation.state = 'SUPPRESSED'",
            UUID.randomUUID(),
            alertId,
            policy,
            page.eventId(),
            page.severity(),
            page.dedupKey(),
            page.ackLink(),
            page.eventData(),
            page.subject(),
            page.bodyText(),
            page.bodyHtml())
        == 1;
  }

  /**
   * Stops every active (or suppressed) escalation of an alert for good ({@code ACKNOWLEDGED},
   * {@code RESOLVED}); returns how many.
   */
  public int stop(UUID alertId, String state) {
    return jdbc.update(
        "update escalation set state = ?, stopped_at = now() where alert_id = ? and state in"
            + " ('ACTIVE', 'SUPPRESSED')",
        state,
        alertId);
  }

  /**
   * Stops every active escalation of an alert because alert-service muted it ({@code SUPPRESSED},
   * {@code reason} kept); a later alert.fired starts it again ({@link #start}). Returns how many.
   */
  public int suppress(UUID alertId, String reason) {
    return jdbc.update(
        "update escalation set state = 'SUPPRESSED', stopped_at = now(), stop_reason = ? where"
            + " alert_id = ? and state = 'ACTIVE'",
        reason,
        alertId);
  }

  /** The oldest due active escalation, locked until the transaction ends (skip locked). */
  public Optional<Escalation> claimNextDue() {
    return jdbc.one(
        "select "
            + COLUMNS
            + " from escalation where state = 'ACTIVE' and next_at <= now()"
            + " order by next_at, id limit 1 for update skip locked",
        EscalationRepository::read);
  }

  /** The page content of an escalation. */
  public Page page(UUID id) {
    return jdbc.one(
            "select event_id, subject, body_text, body_html, severity, dedup_key, ack_link,"
                + " event_data::text from escalation where id = ?",
            rs ->
                new Page(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6),
                    rs.getString(7),
                    rs.getString(8)),
            id)
        .orElseThrow();
  }

  /** After a level was paged: the next level is due after {@code wait}. */
  public void advance(UUID id, int level, int cycle, Duration wait) {
    jdbc.update(
        "update escalation set level = ?, cycle = ?, paged = paged + 1,"
            + " next_at = now() + make_interval(secs => ?) where id = ?",
        level,
        cycle,
        wait.toMillis() / 1000.0,
        id);
  }

  /** Paging this escalation failed: it is due again after {@code wait}, behind the others. */
  public void defer(UUID id, Duration wait) {
    jdbc.update(
        "update escalation set next_at = now() + make_interval(secs => ?)"
            + " where id = ? and state = 'ACTIVE'",
        wait.toMillis() / 1000.0,
        id);
  }

  /** The last level was paged: nothing more to do. */
  public void exhaust(UUID id) {
    jdbc.update(
        "update escalation set state = 'EXHAUSTED', paged = paged + 1, stopped_at = now() where id"
            + " = ?",
        id);
  }

  /** The escalations of an alert (or the newest of all), newest first. */
  public List<Escalation> list(UUID alertId, int limit) {
    return alertId == null
        ? jdbc.list(
            "select " + COLUMNS + " from escalation order by created_at desc limit ?",
            EscalationRepository::read,
            limit)
        : jdbc.list(
            "select " + COLUMNS + " from escalation where alert_id = ? order by created_at desc",
            EscalationRepository::read,
            alertId);
  }

  private static Escalation read(ResultSet rs) throws SQLException {
    return new Escalation(
        rs.getObject(1, UUID.class),
        rs.getObject(2, UUID.class),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getInt(6),
        rs.getInt(7),
        rs.getString(8),
        Jdbc.instant(rs, 9),
        rs.getInt(10),
        Jdbc.instant(rs, 11),
        Jdbc.instant(rs, 12),
        rs.getString(13),
        Jdbc.instant(rs, 14));
  }
}
