package dev.autopilot.health.store;

import dev.autopilot.platform.event.v1.HealthStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** The current state of each target, one row per target. */
@ApplicationScoped
public class TargetStateRepository {
  private static final String COLUMNS =
      "target_id, status, consecutive_failures, consecutive_successes, since, last_checked_at,"
          + " last_duration_ms, last_error";

  private final DataSource dataSource;

  public TargetStateRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Creates the UNKNOWN state of a target that has none yet; an existing state is kept. */
  public void createIfMissing(TargetStateRecord state) {
    String sql =
        "insert into target_state (target_id, status, since) values (?, ?, ?)"
            + " on conflict (target_id) do nothing";
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, state.targetId());
      ps.setString(2, state.status().name());
      ps.setTimestamp(3, Timestamp.from(state.since()));
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create state of " + state.targetId(), e);
    }
  }

  /** The state of a target, locked until the transaction ends; empty if the target is gone. */
  public Optional<TargetStateRecord> findForUpdate(String targetId) {
    return one("select " + COLUMNS + " from target_state where target_id = ? for update", targetId);
  }

  /** The state of a target. */
  public Optional<TargetStateRecord> find(String targetId) {
    return one("select " + COLUMNS + " from target_state where target_id = ?", targetId);
  }

  /** Every target's state. */
  public List<TargetStateRecord> list() {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from target_state")) {
      return read(ps);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot list target states", e);
    }
  }

  /** Overwrites a target's state. */
  public void update(TargetStateRecord state) {
    String sql =
        "update target_state set status = ?, consecutive_failures = ?,"
            + " consecutive_successes = ?, since = ?, last_checked_at = ?, last_duration_ms = ?,"
            + " last_error = ? where target_id = ?";
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, state.status().name());
      ps.setInt(2, state.consecutiveFailures());
      ps.setInt(3, state.consecutiveSuccesses());
      ps.setTimestamp(4, Timestamp.from(state.since()));
      ps.setTimestamp(
          5, state.lastCheckedAt() == null ? null : Timestamp.from(state.lastCheckedAt()));
      if (state.lastDurationMs() == null) {
        ps.setNull(6, Types.BIGINT);
      } else {
        ps.setLong(6, state.lastDurationMs());
      }
      ps.setString(7, state.lastError());
      ps.setString(8, state.targetId());
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot update state of " + state.targetId(), e);
    }
  }

  private Optional<TargetStateRecord> one(String sql, String targetId) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, targetId);
      return read(ps).stream().findFirst();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read state of " + targetId, e);
    }
  }

  private static List<TargetStateRecord> read(PreparedStatement ps) throws SQLException {
    List<TargetStateRecord> result = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        long duration = rs.getLong(7);
        result.add(
            new TargetStateRecord(
                rs.getString(1),
                HealthStatus.valueOf(rs.getString(2)),
                rs.getInt(3),
                rs.getInt(4),
                instant(rs.getTimestamp(5)),
                instant(rs.getTimestamp(6)),
                rs.wasNull() ? null : duration,
                rs.getString(8)));
      }
    }
    return result;
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
