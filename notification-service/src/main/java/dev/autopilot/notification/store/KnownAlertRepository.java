package dev.autopilot.notification.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autopilot.platform.store.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The alerts notification-service was told about (alert.fired), updated by resolve and ack. */
@ApplicationScoped
public class KnownAlertRepository {
  private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {};
  private static final String COLUMNS =
      "alert_id, name, severity, summary, labels::text, fired_at, resolved_at, acknowledged_by,"
          + " acknowledged_at, fingerprint";

  private final Jdbc jdbc;
  private final ObjectMapper mapper;

  public KnownAlertRepository(Jdbc jdbc, ObjectMapper mapper) {
    this.jdbc = jdbc;
    this.mapper = mapper;
  }

  /** Remembers a firing alert; a second alert.fired for the same id refreshes what is known. */
  public void remember(
      UUID alertId,
      String name,
      String severity,
      String summary,
      Map<String, String> labels,
      Instant firedAt,
      String fingerprint) {
    jdbc.update(
        "insert into known_alert (alert_id, name, severity, summary, labels, fired_at,"
            + " fingerprint) values (?, ?, ?, ?, ?::jsonb, ?, ?) on conflict (alert_id) do update"
            + " set name = excluded.name, severity = excluded.severity, summary ="
            + " excluded.summary, labels = excluded.labels, fingerprint = excluded.fingerprint",
        alertId,
        name,
        severity,
        summary,
        json(labels == null ? Map.of() : labels),
        firedAt,
        fingerprint);
  }

  /** Records that an alert resolved; returns what is known about it, if anything. */
  public Optional<KnownAlert> resolved(UUID alertId, Instant at) {
    return jdbc.one(
        "update known_alert set resolved_at = ? where alert_id = ? returning " + COLUMNS,
        this::read,
        at,
        alertId);
  }

  /** Records who acknowledged an alert; returns what is known about it, if anything. */
  public Optional<KnownAlert> acknowledged(UUID alertId, String by, Instant at) {
    return jdbc.one(
        "update known_alert set acknowledged_by = ?, acknowledged_at = ? where alert_id = ?"
            + " returning "
            + COLUMNS,
        this::read,
        by,
        at,
        alertId);
  }

  /** What is known about an alert. */
  public Optional<KnownAlert> find(UUID alertId) {
    return jdbc.one(
        "select " + COLUMNS + " from known_alert where alert_id = ?", this::read, alertId);
  }

  private KnownAlert read(ResultSet rs) throws SQLException {
    try {
      return new KnownAlert(
          rs.getObject(1, UUID.class),
          rs.getString(2),
          rs.getString(3),
          rs.getString(4),
          mapper.readValue(rs.getString(5), LABELS),
          Jdbc.instant(rs, 6),
          Jdbc.instant(rs, 7),
          rs.getString(8),
          Jdbc.instant(rs, 9),
          rs.getString(10));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private String json(Map<String, String> labels) {
    try {
      return mapper.writeValueAsString(labels);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot remember alert", e);
    }
  }

  /** The alerts with this fingerprint that are neither resolved nor acknowledged. */
  public java.util.List<UUID> openByFingerprint(String fingerprint) {
    return jdbc.list(
        "select alert_id from known_alert where fingerprint = ? and resolved_at is null"
            + " and acknowledged_at is null order by fired_at desc limit 10",
        rs -> rs.getObject(1, UUID.class),
        fingerprint);
  }
}
