package dev.autopilot.notification.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** The alerts notification-service was told about (alert.fired), updated by resolve and ack. */
@ApplicationScoped
public class KnownAlertRepository {
  private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {};
  private static final String COLUMNS =
      "alert_id, name, severity, summary, labels::text, fired_at, resolved_at, acknowledged_by,"
          + " acknowledged_at";

  private final DataSource dataSource;
  private final ObjectMapper mapper;

  public KnownAlertRepository(DataSource dataSource, ObjectMapper mapper) {
    this.dataSource = dataSource;
    this.mapper = mapper;
  }

  /** Remembers a firing alert; a second alert.fired for the same id refreshes what is known. */
  public void remember(
      UUID alertId,
      String name,
      String severity,
      String summary,
      Map<String, String> labels,
      Instant firedAt) {
    String sql =
        "insert into known_alert (alert_id, name, severity, summary, labels, fired_at)"
            + " values (?, ?, ?, ?, ?::jsonb, ?) on conflict (alert_id) do update set"
            + " name = excluded.name, severity = excluded.severity, summary = excluded.summary,"
            + " labels = excluded.labels";
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, alertId);
      ps.setString(2, name);
      ps.setString(3, severity);
      ps.setString(4, summary);
      ps.setString(5, mapper.writeValueAsString(labels == null ? Map.of() : labels));
      ps.setTimestamp(6, Timestamp.from(firedAt));
      ps.executeUpdate();
    } catch (SQLException | JsonProcessingException e) {
      throw new IllegalStateException("cannot remember alert", e);
    }
  }

  /** Records that an alert resolved; returns what is known about it, if anything. */
  public Optional<KnownAlert> resolved(UUID alertId, Instant at) {
    return change(
        "update known_alert set resolved_at = ? where alert_id = ? returning " + COLUMNS,
        ps -> {
          ps.setTimestamp(1, Timestamp.from(at));
          ps.setObject(2, alertId);
        });
  }

  /** Records who acknowledged an alert; returns what is known about it, if anything. */
  public Optional<KnownAlert> acknowledged(UUID alertId, String by, Instant at) {
    return change(
        "update known_alert set acknowledged_by = ?, acknowledged_at = ? where alert_id = ?"
            + " returning "
            + COLUMNS,
        ps -> {
          ps.setString(1, by);
          ps.setTimestamp(2, Timestamp.from(at));
          ps.setObject(3, alertId);
        });
  }

  private interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  private Optional<KnownAlert> change(String sql, Binder binder) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      binder.bind(ps);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(read(rs)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot update known alert", e);
    }
  }

  private KnownAlert read(ResultSet rs) throws SQLException {
    try {
      return new KnownAlert(
          rs.getObject(1, UUID.class),
          rs.getString(2),
          rs.getString(3),
          rs.getString(4),
          mapper.readValue(rs.getString(5), LABELS),
          instant(rs.getTimestamp(6)),
          instant(rs.getTimestamp(7)),
          rs.getString(8),
          instant(rs.getTimestamp(9)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
