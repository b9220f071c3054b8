package dev.autopilot.backup.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autopilot.platform.store.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Restore drills in Postgres. */
@ApplicationScoped
public class DrillRepository {
  private static final String COLUMNS =
      "id, backup_id, source, scratch_db, status, started_at, finished_at, restore_seconds,"
          + " checks::text, failure_reason";

  private final Jdbc jdbc;
  private final ObjectMapper json;

  public DrillRepository(Jdbc jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /** Records a drill that starts now. */
  public void start(UUID id, UUID backupId, String source, String scratch, Instant at) {
    jdbc.update(
        "insert into drill (id, backup_id, source, scratch_db, status, started_at)"
            + " values (?, ?, ?, ?, 'RUNNING', ?)",
        id,
        backupId,
        source,
        scratch,
        at);
  }

  /** Records a drill's outcome. */
  public void finish(
      UUID id, boolean passed, double seconds, List<String> checks, String reason, Instant at) {
    try {
      jdbc.update(
          "update drill set status = ?, restore_seconds = ?, checks = ?::jsonb,"
              + " failure_reason = ?, finished_at = ? where id = ?",
          passed ? "PASSED" : "FAILED",
          seconds,
          json.writeValueAsString(checks),
          reason,
          at,
          id);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One drill. */
  public Optional<DrillRecord> find(UUID id) {
    return jdbc.one("select " + COLUMNS + " from drill where id = ?", this::read, id);
  }

  /** Drills, newest first, optionally of one source. */
  public List<DrillRecord> list(String source, int limit) {
    List<Object> params = new ArrayList<>();
    String where = "";
    if (source != null) {
      where = " where source = ?";
      params.add(source);
    }
    params.add(limit);
    return jdbc.list(
        "select " + COLUMNS + " from drill" + where + " order by started_at desc limit ?",
        this::read,
        params.toArray());
  }

  private DrillRecord read(ResultSet rs) throws SQLException {
    List<String> checks = null;
    String text = rs.getString(9);
    if (text != null) {
      try {
        checks = json.readValue(text, new TypeReference<List<String>>() {});
      } catch (JsonProcessingException e) {
        throw new SQLException("bad checks json", e);
      }
    }
    return new DrillRecord(
        rs.getObject(1, UUID.class),
        rs.getObject(2, UUID.class),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        Jdbc.instant(rs, 6),
        Jdbc.instant(rs, 7),
        (Double) rs.getObject(8),
        checks,
        rs.getString(10));
  }

  /** RUNNING drills started before {@code before}: their replica stopped mid-drill. */
  public List<DrillRecord> runningSince(Instant before) {
    return jdbc.list(
        "select " + COLUMNS + " from drill where status = 'RUNNING' and started_at < ?",
        this::read,
        before);
  }
}
