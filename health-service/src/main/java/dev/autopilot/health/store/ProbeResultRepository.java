package dev.autopilot.health.store;

import dev.autopilot.platform.store.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** Probe results, the raw material of uptime history (rolled up per minute). */
@ApplicationScoped
public class ProbeResultRepository {
  private final Jdbc jdbc;

  public ProbeResultRepository(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /** Records one probe. */
  public void insert(ProbeResultRecord result) {
    jdbc.update(
        "insert into probe_result (target_id, at, ok, duration_ms, error, counted)"
            + " values (?, ?, ?, ?, ?, ?)",
        result.targetId(),
        result.at(),
        result.ok(),
        result.durationMs(),
        result.error(),
        result.counted());
  }

  /** The latest probes of a target, newest first. */
  public List<ProbeResultRecord> latest(String targetId, int limit) {
    return jdbc.list(
        "select target_id, at, ok, duration_ms, error, counted from probe_result"
            + " where target_id = ? order by at desc, id desc limit ?",
        rs ->
            new ProbeResultRecord(
                rs.getString(1),
                Jdbc.instant(rs, 2),
                rs.getBoolean(3),
                rs.getLong(4),
                rs.getString(5),
                rs.getBoolean(6)),
        targetId,
        limit);
  }

  /** Deletes probe results older than {@code cutoff}; returns how many. */
  public int deleteOlderThan(Instant cutoff) {
    return jdbc.update("delete from probe_result where at < ?", cutoff);
  }
}
