package dev.autopilot.alert.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autopilot.platform.event.v1.AlertAnnotations;
import dev.autopilot.platform.event.v1.Severity;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** Alerts in Postgres; at most one FIRING alert per fingerprint (a partial unique index). */
@ApplicationScoped
public class AlertRepository {
  private static final String COLUMNS =
      "id, fingerprint, name, severity, state, labels::text, annotations::text, value, source,"
          + " starts_at, ends_at, acknowledged_by, acknowledged_at";
  private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {};

  private final DataSource dataSource;
  private final ObjectMapper mapper;

  public AlertRepository(DataSource dataSource, ObjectMapper mapper) {
    this.dataSource = dataSource;
    this.mapper = mapper;
  }

  /** Inserts a new firing alert. */
  public void insert(AlertRecord alert) {
    String sql =
        "insert into alert (id, fingerprint, name, severity, state, labels, annotations, value,"
            + " source, starts_at) values (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?)";
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, alert.id());
      ps.setString(2, alert.fingerprint());
      ps.setString(3, alert.name());
      ps.setString(4, alert.severity().name());
      ps.setString(5, alert.state().name());
      ps.setString(6, mapper.writeValueAsString(alert.labels()));
      ps.setString(7, mapper.writeValueAsString(alert.annotations()));
      ps.setObject(8, alert.value());
      ps.setString(9, alert.source());
      ps.setTimestamp(10, Timestamp.from(alert.startsAt()));
      ps.executeUpdate();
    } catch (SQLException | JsonProcessingException e) {
      throw new IllegalStateException("cannot store alert", e);
    }
  }

  /** The firing alert with this fingerprint, locked for update. */
  public Optional<AlertRecord> findFiringForUpdate(String fingerprint) {
    return one(
        "select " + COLUMNS + " from alert where fingerprint = ? and state = 'FIRING' for update",
        fingerprint);
  }

  /** One alert by id. */
  public Optional<AlertRecord> find(UUID id) {
    return one("select " + COLUMNS + " from alert where id = ?", id);
  }

  /** Alerts, newest first, optionally in one state. */
  public List<AlertRecord> list(AlertState state, int limit) {
    String sql =
        "select "
            + COLUMNS
            + " from alert"
            + (state == null ? "" : " where state = ?")
            + " order by starts_at desc limit ?";
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      if (state != null) {
        ps.setString(i++, state.name());
      }
      ps.setInt(i, limit);
      return read(ps);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot list alerts", e);
    }
  }

  /** Marks an alert resolved at the given time. */
  public void resolve(UUID id, Instant endsAt) {
    update("update alert set state = 'RESOLVED', ends_at = ? where id = ?", endsAt, id);
  }

  /** Records who acknowledged an alert; returns false when it was already acknowledged. */
  public boolean acknowledge(UUID id, String by, Instant at) {
    String sql =
        "update alert set acknowledged_by = ?, acknowledged_at = ?"
            + " where id = ? and acknowledged_at is null";
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, by);
      ps.setTimestamp(2, Timestamp.from(at));
      ps.setObject(3, id);
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot acknowledge alert", e);
    }
  }

  private void update(String sql, Instant at, UUID id) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setTimestamp(1, Timestamp.from(at));
      ps.setObject(2, id);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot update alert", e);
    }
  }

  private Optional<AlertRecord> one(String sql, Object parameter) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, parameter);
      List<AlertRecord> found = read(ps);
      return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read alert", e);
    }
  }

  private List<AlertRecord> read(PreparedStatement ps) throws SQLException {
    List<AlertRecord> result = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        result.add(
            new AlertRecord(
                rs.getObject(1, UUID.class),
                rs.getString(2),
                rs.getString(3),
                Severity.valueOf(rs.getString(4)),
                AlertState.valueOf(rs.getString(5)),
                json(rs.getString(6), LABELS),
                json(rs.getString(7), new TypeReference<AlertAnnotations>() {}),
                (Double) rs.getObject(8),
                rs.getString(9),
                instant(rs.getTimestamp(10)),
                instant(rs.getTimestamp(11)),
                rs.getString(12),
                instant(rs.getTimestamp(13))));
      }
    }
    return result;
  }

  private <T> T json(String text, TypeReference<T> type) {
    try {
      return mapper.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
