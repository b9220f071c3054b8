package dev.autopilot.health.store;

import dev.autopilot.platform.event.v1.HealthStatus;
import dev.autopilot.platform.store.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** The current state of each target, one row per target. */
@ApplicationScoped
public class TargetStateRepository {
  private static final String COLUMNS =
      "target_id, status, consecutive_failures, consecutive_successes, since, last_checked_at,"
          + " last_duration_ms, last_error";

  private final Jdbc jdbc;

  public TargetStateRepository(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /** Creates the UNKNOWN state of a target that has none yet; an existing state is kept. */
  public void createIfMissing(TargetStateRecord state) {
    jdbc.update(
        "insert into target_state (target_id, status, since) values (?, ?, ?)"
            + " on conflict (target_id) do nothing",
        state.targetId(),
        state.status().name(),
        state.since());
  }

  /** The state of a target, locked until the transaction ends; empty if the target is gone. */
  public Optional<TargetStateRecord> findForUpdate(String targetId) {
    return jdbc.one(
        "select " + COLUMNS + " from target_state where target_id = ? for update",
        TargetStateRepository::read,
        targetId);
  }

  /** The state of a target. */
  public Optional<TargetStateRecord> find(String targetId) {
    return jdbc.one(
        "select " + COLUMNS + " from target_state where target_id = ?",
        TargetStateRepository::read,
        targetId);
  }

  /** Every target's state. */
  public List<TargetStateRecord> list() {
    return jdbc.list("select " + COLUMNS + " from target_state", TargetStateRepository::read);
  }

  /** Overwrites a target's state. */
  public void update(TargetStateRecord state) {
    jdbc.update(
        "update target_state set status = ?, consecutive_failures = ?,"
            + " consecutive_successes = ?, since = ?, last_checked_at = ?, last_duration_ms = ?,"
            + " last_error = ? where target_id = ?",
        state.status().name(),
        state.consecutiveFailures(),
        state.consecutiveSuccesses(),
        state.since(),
        state.lastCheckedAt(),
        state.lastDurationMs(),
        state.lastError(),
        state.targetId());
  }

  private static TargetStateRecord read(ResultSet rs) throws SQLException {
    return new TargetStateRecord(
        rs.getString(1),
        HealthStatus.valueOf(rs.getString(2)),
        rs.getInt(3),
        rs.getInt(4),
        Jdbc.instant(rs, 5),
        Jdbc.instant(rs, 6),
        rs.getObject(7, Long.class),
        rs.getString(8));
  }
}
