package dev.autopilot.health.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/** Targets in Postgres. Each owner (config, file, api) writes only its own rows. */
@ApplicationScoped
public class TargetRepository {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String COLUMNS =
      "id, service, environment, kind, address, role, interval_ms, timeout_ms, conditions,"
          + " failure_threshold, success_threshold, criticality, depends_on, labels, headers,"
          + " password_env, managed_by";

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
                + ") values (?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?, cast(? as jsonb),"
                + " cast(? as jsonb), cast(? as jsonb), ?, ?)"
                + " on conflict (id) do update set service = excluded.service,"
                + " environment = excluded.environment, kind = excluded.kind,"
                + " address = excluded.address, role = excluded.role,"
                + " interval_ms = excluded.interval_ms, timeout_ms = excluded.timeout_ms,"
                + " conditions = excluded.conditions,"
                + " failure_threshold = excluded.failure_threshold,"
                + " success_threshold = excluded.success_threshold,"
                + " criticality = excluded.criticality, depends_on = excluded.depends_on,"
                + " labels = excluded.labels, headers = excluded.headers,"
                + " password_env = excluded.password_env, updated_at = now()"
                + " where target.managed_by = excluded.managed_by",
            target.id(),
            target.service(),
            target.environment(),
            target.kind().name(),
            target.address(),
            target.role().name(),
            target.interval().toMillis(),
            target.timeout().toMillis(),
            json(target.conditions()),
            target.failureThreshold(),
            target.successThreshold(),
            target.criticality().name(),
            json(target.dependsOn()),
            json(target.labels()),
            json(target.headers()),
            target.passwordEnv(),
            target.managedBy())
        == 1;
  }

  /** Deletes one target of {@code managedBy}; false when there is none. */
  public boolean delete(String id, String managedBy) {
    return jdbc.update("delete from target where id = ? and managed_by = ?", id, managedBy) == 1;
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

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write target JSON", e);
    }
  }

  private static <T> T parse(String json, TypeReference<T> type) throws SQLException {
    try {
      return JSON.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new SQLException("bad JSON in target row: " + e.getOriginalMessage(), e);
    }
  }

  private static TargetRecord read(ResultSet rs) throws SQLException {
    return new TargetRecord(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        TargetKind.valueOf(rs.getString(4)),
        rs.getString(5),
        TargetRole.valueOf(rs.getString(6)),
        Duration.ofMillis(rs.getLong(7)),
        Duration.ofMillis(rs.getLong(8)),
        parse(rs.getString(9), new TypeReference<List<String>>() {}),
        rs.getInt(10),
        rs.getInt(11),
        Severity.valueOf(rs.getString(12)),
        parse(rs.getString(13), new TypeReference<List<String>>() {}),
        parse(rs.getString(14), new TypeReference<Map<String, String>>() {}),
        parse(rs.getString(15), new TypeReference<List<TargetHeader>>() {}),
        rs.getString(16),
        rs.getString(17));
  }
}
