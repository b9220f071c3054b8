package dev.autopilot.health.store;

import dev.autopilot.platform.event.v1.Severity;
import dev.autopilot.platform.store.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Targets in Postgres. Config-managed rows are upserted at start; other owners are left alone. */
@ApplicationScoped
public class TargetRepository {
  private static final String COLUMNS =
      "id, url, service, environment, role, interval_ms, timeout_ms, expected_status,"
          + " failure_threshold, success_threshold, criticality, managed_by";

  private final Jdbc jdbc;
  private final DataSource dataSource;

  public TargetRepository(Jdbc jdbc, DataSource dataSource) {
    this.jdbc = jdbc;
    this.dataSource = dataSource;
  }

  /**
   * Inserts or updates a target owned by {@code target.managedBy()}; returns false (and changes
   * nothing) when a row with that id belongs to another owner.
   */
  public boolean upsert(TargetRecord target) {
    return jdbc.update(
            "insert into target ("
                + COLUMNS
                + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " on conflict (id) do update set url = excluded.url, service = excluded.service,"
                + " environment = excluded.environment, role = excluded.role,"
                + " interval_ms = excluded.interval_ms, timeout_ms = excluded.timeout_ms,"
                + " expected_status = excluded.expected_status,"
                + " failure_threshold = excluded.failure_threshold,"
                + " success_threshold = excluded.success_threshold,"
                + " criticality = excluded.criticality, updated_at = now()"
                + " where target.managed_by = excluded.managed_by",
            target.id(),
            target.url(),
            target.service(),
            target.environment(),
            target.role().name(),
            target.interval().toMillis(),
            target.timeout().toMillis(),
            target.expectedStatus(),
            target.failureThreshold(),
            target.successThreshold(),
            target.criticality().name(),
            target.managedBy())
        == 1;
  }

  /**
   * Deletes the targets of {@code managedBy} whose id is not in {@code keep}; returns their ids.
   * Plain JDBC rather than {@link Jdbc}: the ids are bound as a SQL array, which needs the
   * connection ({@code createArrayOf}).
   */
  public List<String> deleteAllExcept(String managedBy, Collection<String> keep) {
    String sql = "delete from target where managed_by = ? and not (id = any(?)) returning id";
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      Array ids = c.createArrayOf("text", keep.toArray());
      ps.setString(1, managedBy);
      ps.setArray(2, ids);
      List<String> deleted = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          deleted.add(rs.getString(1));
        }
      }
      return deleted;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot delete targets", e);
    }
  }

  /** All targets, by service, environment and id. */
  public List<TargetRecord> list() {
    return jdbc.list(
        "select " + COLUMNS + " from target order by service, environment, id",
        TargetRepository::read);
  }

  /** One target by id. */
  public Optional<TargetRecord> find(String id) {
    return jdbc.one("select " + COLUMNS + " from target where id = ?", TargetRepository::read, id);
  }

  private static TargetRecord read(ResultSet rs) throws SQLException {
    return new TargetRecord(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        TargetRole.valueOf(rs.getString(5)),
        Duration.ofMillis(rs.getLong(6)),
        Duration.ofMillis(rs.getLong(7)),
        rs.getInt(8),
        rs.getInt(9),
        rs.getInt(10),
        Severity.valueOf(rs.getString(11)),
        rs.getString(12));
  }
}
