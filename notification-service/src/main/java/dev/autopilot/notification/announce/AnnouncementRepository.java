package dev.autopilot.notification.announce;

import dev.autopilot.platform.store.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The scheduled maintenance announcements. */
@ApplicationScoped
public class AnnouncementRepository {
  private final Jdbc jdbc;

  public AnnouncementRepository(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /** One due announcement. */
  public record Due(
      UUID id, UUID windowId, String kind, String eventId, String source, String eventData) {}

  /** A scheduled announcement, for the API. */
  public record Scheduled(UUID windowId, String kind, Instant dueAt, Instant sentAt) {}

  /**
   * Schedules (or, for a window scheduled again, reschedules) an announcement; one already sent
   * stays as it is.
   */
  public void schedule(
      UUID windowId, String kind, Instant dueAt, String eventId, String source, String data) {
    jdbc.update(
        "insert into announcement (id, window_id, kind, due_at, event_id, source, event_data)"
            + " values (?, ?, ?, ?, ?, ?, ?::jsonb) on conflict (window_id, kind) do update set"
            + " due_at = excluded.due_at, event_id = excluded.event_id, event_data ="
            + " excluded.event_data where announcement.sent_at is null",
        UUID.randomUUID(),
        windowId,
        kind,
        dueAt,
        eventId,
        source,
        data);
  }

  /** The oldest due unsent announcement, locked until the transaction ends (skip locked). */
  public Optional<Due> claimNextDue() {
    return jdbc.one(
        "select id, window_id, kind, event_id, source, event_data::text from announcement"
            + " where sent_at is null and due_at <= now() order by due_at, id limit 1"
            + " for update skip locked",
        rs ->
            new Due(
                rs.getObject(1, UUID.class),
                rs.getObject(2, UUID.class),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6)));
  }

  /**
   * A maintenance.started / .ended event (id {@code eventId}) tells a START / END announcement's
   * news: an unsent announcement of that occurrence (the one ending at {@code endsAt}; any, when
   * unknown) is marked sent, superseded by the event. Returns false when one was already sent (the
   * news is out, the event tells nobody again), true otherwise.
   */
  public boolean supersede(UUID windowId, String kind, Instant endsAt, String eventId) {
    // The same instant within a millisecond, not "=": the announcement keeps endsAt as the JSON
    // text of the scheduled event (nanoseconds), Postgres rounds that text to microseconds half to
    // even, and the driver rounds the bound Instant half up, so an endsAt ending in exactly 500 ns
    // compared unequal to itself (seen in MaintenanceMuteTest: the window's news told twice).
    String occurrence =
        " and (cast(? as timestamptz) is null"
            + " or abs(extract(epoch from (event_data->>'endsAt')::timestamptz"
            + " - cast(? as timestamptz))) < 0.001)";
    jdbc.update(
        "update announcement set sent_at = now(), superseded_by = ? where window_id = ?"
            + " and kind = ? and sent_at is null"
            + occurrence,
        eventId,
        windowId,
        kind,
        endsAt,
        endsAt);
    return jdbc.one(
            "select 1 from announcement where window_id = ? and kind = ? and sent_at is not null"
                + " and (superseded_by is null or superseded_by <> ?)"
                + occurrence,
            rs -> 1,
            windowId,
            kind,
            eventId,
            endsAt,
            endsAt)
        .isEmpty();
  }

  /** Marks an announcement sent. */
  public void markSent(UUID id) {
    jdbc.update("update announcement set sent_at = now() where id = ?", id);
  }

  /** The announcements of a window, in due order. */
  public List<Scheduled> of(UUID windowId) {
    return jdbc.list(
        "select window_id, kind, due_at, sent_at from announcement where window_id = ?"
            + " order by due_at, kind",
        rs ->
            new Scheduled(
                rs.getObject(1, UUID.class),
                rs.getString(2),
                Jdbc.instant(rs, 3),
                Jdbc.instant(rs, 4)),
        windowId);
  }
}
