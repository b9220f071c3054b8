package dev.autopilot.deploy.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autopilot.deploy.maintenance.Freeze;
import dev.autopilot.deploy.maintenance.MaintenanceWindow;
import dev.autopilot.platform.store.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Maintenance windows, which of their events were emitted, and deploy freezes. */
@ApplicationScoped
public class CalendarRepository {
  private static final String WINDOW =
      "id, services, environment, description, starts_at, ends_at, cron, duration_s, zone,"
          + " created_by, created_at";
  private static final String FREEZE =
      "id, services, environment, starts_at, ends_at, reason, created_by, created_at";
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  private final Jdbc jdbc;
  private final ObjectMapper mapper;

  public CalendarRepository(Jdbc jdbc, ObjectMapper mapper) {
    this.jdbc = jdbc;
    this.mapper = mapper;
  }

  /** Stores a new window; false when one with its id exists (a window seeded before). */
  public boolean insert(MaintenanceWindow w) {
    return jdbc.update(
            "insert into maintenance_window (id, services, environment, description, starts_at,"
                + " ends_at, cron, duration_s, zone, created_by) values (?, ?::jsonb, ?, ?, ?, ?, ?,"
                + " ?, ?, ?) on conflict (id) do nothing",
            w.id(),
            json(w.services()),
            w.environment(),
            w.description(),
            w.startsAt(),
            w.endsAt(),
            w.cron(),
            w.durationSeconds(),
            w.zone(),
            w.createdBy())
        == 1;
  }

  /** One window that was not deleted. */
  public Optional<MaintenanceWindow> findWindow(UUID id) {
    return jdbc.one(
        "select " + WINDOW + " from maintenance_window where id = ? and deleted_at is null",
        this::window,
        id);
  }

  /** Every window that was not deleted. */
  public List<MaintenanceWindow> windows() {
    return jdbc.list(
        "select "
            + WINDOW
            + " from maintenance_window where deleted_at is null order by created_at, id",
        this::window);
  }

  /** Marks a window deleted (its emissions stay); false when there was none. */
  public boolean deleteWindow(UUID id) {
    return jdbc.update(
            "update maintenance_window set deleted_at = now() where id = ? and deleted_at is null",
            id)
        == 1;
  }

  /**
   * Claims the emission of one event for one occurrence: true exactly once per (window, occurrence,
   * kind), whatever restarts and replicas do. Emit in the same transaction.
   */
  public boolean claimEmission(UUID windowId, Instant occurrenceStart, String kind) {
    return jdbc.update(
            "insert into maintenance_emission (window_id, occurrence_start, kind)"
                + " values (?, ?, ?) on conflict do nothing",
            windowId,
            occurrenceStart,
            kind)
        == 1;
  }

  /** Whether an event was emitted for an occurrence. */
  public boolean emitted(UUID windowId, Instant occurrenceStart, String kind) {
    return jdbc.one(
            "select 1 from maintenance_emission where window_id = ? and occurrence_start = ?"
                + " and kind = ?",
            rs -> true,
            windowId,
            occurrenceStart,
            kind)
        .isPresent();
  }

  /** Occurrence starts of a window that started and have not ended. */
  public List<Instant> startedNotEnded(UUID windowId) {
    return jdbc.list(
        "select s.occurrence_start from maintenance_emission s where s.window_id = ?"
            + " and s.kind = 'STARTED' and not exists (select 1 from maintenance_emission e"
            + " where e.window_id = s.window_id and e.occurrence_start = s.occurrence_start"
            + " and e.kind = 'ENDED')",
        rs -> Jdbc.instant(rs, 1),
        windowId);
  }

  /** Takes a transaction-scoped lock so one replica at a time runs the maintenance tick. */
  public boolean tryTickLock() {
    return jdbc.one(
            "select pg_try_advisory_xact_lock(hashtext('deploy-maintenance-tick'))",
            rs -> rs.getBoolean(1))
        .orElse(false);
  }

  /** Stores a new freeze; false when one with its id exists (a freeze seeded before). */
  public boolean insert(Freeze f) {
    return jdbc.update(
            "insert into deploy_freeze (id, services, environment, starts_at, ends_at, reason,"
                + " created_by) values (?, ?::jsonb, ?, ?, ?, ?, ?) on conflict (id) do nothing",
            f.id(),
            json(f.services()),
            f.environment(),
            f.startsAt(),
            f.endsAt(),
            f.reason(),
            f.createdBy())
        == 1;
  }

  /** Freezes that have not ended yet (all when {@code includePast}). */
  public List<Freeze> freezes(boolean includePast) {
    return jdbc.list(
        "select "
            + FREEZE
            + " from deploy_freeze"
            + (includePast ? "" : " where ends_at > now()")
            + " order by starts_at, id",
        this::freeze);
  }

  /** One freeze. */
  public Optional<Freeze> findFreeze(UUID id) {
    return jdbc.one("select " + FREEZE + " from deploy_freeze where id = ?", this::freeze, id);
  }

  /** Removes a freeze; false when there was none. */
  public boolean deleteFreeze(UUID id) {
    return jdbc.update("delete from deploy_freeze where id = ?", id) == 1;
  }

  private String json(List<String> values) {
    try {
      return mapper.writeValueAsString(values == null ? List.of() : values);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<String> strings(String json) throws SQLException {
    try {
      return mapper.readValue(json, STRINGS);
    } catch (JsonProcessingException e) {
      throw new SQLException("unreadable services list", e);
    }
  }

  private MaintenanceWindow window(ResultSet rs) throws SQLException {
    long duration = rs.getLong(8);
    return new MaintenanceWindow(
        rs.getObject(1, UUID.class),
        strings(rs.getString(2)),
        rs.getString(3),
        rs.getString(4),
        Jdbc.instant(rs, 5),
        Jdbc.instant(rs, 6),
        rs.getString(7),
        rs.wasNull() ? null : duration,
        rs.getString(9),
        rs.getString(10),
        Jdbc.instant(rs, 11));
  }

  private Freeze freeze(ResultSet rs) throws SQLException {
    return new Freeze(
        rs.getObject(1, UUID.class),
        strings(rs.getString(2)),
        rs.getString(3),
        Jdbc.instant(rs, 4),
        Jdbc.instant(rs, 5),
        rs.getString(6),
        rs.getString(7),
        Jdbc.instant(rs, 8));
  }
}
