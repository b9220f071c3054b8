package dev.autopilot.health.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Probe results, the raw material of uptime history. */
@ApplicationScoped
public class ProbeResultRepository {
  private final DataSource dataSource;

  public ProbeResultRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Records one probe. */
  public void insert(ProbeResultRecord result) {
    String sql =
        "insert into probe_result (target_id, at, ok, duration_ms, error) values (?, ?, ?, ?, ?)";
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, result.targetId());
      ps.setTimestamp(2, Timestamp.from(result.at()));
      ps.setBoolean(3, result.ok());
      ps.setLong(4, result.durationMs());
      ps.setString(5, result.error());
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot record probe of " + result.targetId(), e);
    }
  }

  /** The latest probes of a target, newest first. */
  public List<ProbeResultRecord> latest(String targetId, int limit) {
    String sql =
        "select target_id, at, ok, duration_ms, error from probe_result where target_id = ?"
            + " order by at desc, id desc limit ?";
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, targetId);
      ps.setInt(2, limit);
      List<ProbeResultRecord> result = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          result.add(
              new ProbeResultRecord(
                  rs.getString(1),
                  rs.getTimestamp(2).toInstant(),
                  rs.getBoolean(3),
                  rs.getLong(4),
                  rs.getString(5)));
        }
      }
      return result;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read probes of " + targetId, e);
    }
  }

  /** Deletes probe results older than {@code cutoff}; returns how many. */
  public int deleteOlderThan(Instant cutoff) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("delete from probe_result where at < ?")) {
      ps.setTimestamp(1, Timestamp.from(cutoff));
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot purge probe results", e);
    }
  }
}
