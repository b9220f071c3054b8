package dev.autopilot.alert.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autopilot.platform.event.v1.AlertAnnotations;
import dev.autopilot.platform.event.v1.Severity;
import dev.autopilot.platform.store.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Alerts in Postgres; at most one FIRING alert per fingerprint (a partial unique index). */
@ApplicationScoped
public class AlertRepository {
  private static final String COLUMNS =
      "id, fingerprint, name, severity, state, labels::text, annotations::text, value, source,"
          + " starts_at, ends_at, acknowledged_by, acknowledged_at";
  private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {};
  private static final TypeReference<AlertAnnotations> ANNOTATIONS = new TypeReference<>() {};

  private final Jdbc jdbc;
  private final ObjectMapper mapper;

  public AlertRepository(Jdbc jdbc, ObjectMapper mapper) {
    this.jdbc = jdbc;
    this.mapper = mapper;
  }

  /** Inserts a new firing alert. */
  public void insert(AlertRecord alert) {
    jdbc.update(
        "insert into alert (id, fingerprint, name, severity, state, labels, annotations, value,"
            + " source, starts_at) values (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?)",
        alert.id(),
        alert.fingerprint(),
        alert.name(),
        alert.severity().name(),
        alert.state().name(),
        json(alert.labels()),
        json(alert.annotations()),
        alert.value(),
        alert.source(),
        alert.startsAt());
  }

  /** The firing alert with this fingerprint, locked for update. */
  public Optional<AlertRecord> findFiringForUpdate(String fingerprint) {
    return jdbc.one(
        "select " + COLUMNS + " from alert where fingerprint = ? and state = 'FIRING' for update",
        this::read,
        fingerprint);
  }

  /** One alert by id. */
  public Optional<AlertRecord> find(UUID id) {
    return jdbc.one("select " + COLUMNS + " from alert where id = ?", this::read, id);
  }

  /** Alerts, newest first, optionally in one state. */
  public List<AlertRecord> list(AlertState state, int limit) {
    return state == null
        ? jdbc.list(
            "select " + COLUMNS + " from alert order by starts_at desc limit ?", this::read, limit)
        : jdbc.list(
            "select " + COLUMNS + " from alert where state = ? order by starts_at desc limit ?",
            this::read,
            state.name(),
            limit);
  }

  /** Marks an alert resolved at the given time. */
  public void resolve(UUID id, Instant endsAt) {
    jdbc.update("update alert set state = 'RESOLVED', ends_at = ? where id = ?", endsAt, id);
  }

  /** Records who acknowledged an alert; returns false when it was already acknowledged. */
  public boolean acknowledge(UUID id, String by, Instant at) {
    return jdbc.update(
            "update alert set acknowledged_by = ?, acknowledged_at = ?"
                + " where id = ? and acknowledged_at is null",
            by,
            at,
            id)
        == 1;
  }

  private AlertRecord read(ResultSet rs) throws SQLException {
    return new AlertRecord(
        rs.getObject(1, UUID.class),
        rs.getString(2),
        rs.getString(3),
        Severity.valueOf(rs.getString(4)),
        AlertState.valueOf(rs.getString(5)),
        parse(rs.getString(6), LABELS),
        parse(rs.getString(7), ANNOTATIONS),
        (Double) rs.getObject(8),
        rs.getString(9),
        Jdbc.instant(rs, 10),
        Jdbc.instant(rs, 11),
        rs.getString(12),
        Jdbc.instant(rs, 13));
  }

  private String json(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private <T> T parse(String text, TypeReference<T> type) {
    try {
      return mapper.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
