package dev.autopilot.health.store;

import dev.autopilot.platform.store.Jdbc;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** Per-minute rollups of probe results (count, failures, p50/p95) and uptime computed on them. */
@ApplicationScoped
public class RollupRepository {
  /** One target's minute. */
  @RegisterForReflection
  public record Minute(
      String targetId, Instant minute, int probes, int failures, double p50Ms, double p95Ms) {}

  /** Probes and failures over a period (uptime = 1 - failures/probes). */
  @RegisterForReflection
  public record Tally(long probes, long failures) {
    /** Uptime in percent, null without probes. */
    public Double uptimePercent() {
      return probes == 0 ? null : 100.0 * (probes - failures) / probes;
    }
  }

  /** One day of one service/environment, for the status page bars. */
  @RegisterForReflection
  public record Day(String service, String environment, Instant day, long probes, long failures) {}

  private final Jdbc jdbc;

  public RollupRepository(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Recomputes the rollups of every minute from {@code from} on (the current minute included, so
   * uptime is current); counted results only. Idempotent: minutes are upserted.
   */
  public int rollUp(Instant from) {
    return jdbc.update(
        "insert into probe_rollup (target_id, minute, probes, failures, p50_ms, p95_ms)"
            + " select target_id, date_trunc('minute', at), count(*),"
            + " count(*) filter (where not ok),"
            + " percentile_cont(0.5) within group (order by duration_ms),"
            + " percentile_cont(0.95) within group (order by duration_ms)"
            + " from probe_result where counted and at >= date_trunc('minute', cast(? as timestamptz))"
            + " group by 1, 2"
            + " on conflict (target_id, minute) do update set probes = excluded.probes,"
            + " failures = excluded.failures, p50_ms = excluded.p50_ms, p95_ms = excluded.p95_ms",
        from);
  }

  /** A target's minutes in [from, to), oldest first. */
  public List<Minute> minutes(String targetId, Instant from, Instant to) {
    return jdbc.list(
        "select target_id, minute, probes, failures, p50_ms, p95_ms from probe_rollup"
            + " where target_id = ? and minute >= ? and minute < ? order by minute",
        rs ->
            new Minute(
                rs.getString(1),
                Jdbc.instant(rs, 2),
                rs.getInt(3),
                rs.getInt(4),
                rs.getDouble(5),
                rs.getDouble(6)),
        targetId,
        from,
        to);
  }

  /** A target's tally since {@code from}. */
  public Tally targetTally(String targetId, Instant from) {
    return jdbc.one(
            "select coalesce(sum(probes), 0), coalesce(sum(failures), 0) from probe_rollup"
                + " where target_id = ? and minute >= date_trunc('minute', cast(? as timestamptz))",
            rs -> new Tally(rs.getLong(1), rs.getLong(2)),
            targetId,
            from)
        .orElseThrow();
  }

  /** A service/environment's tally since {@code from}, over all its targets. */
  public Tally serviceTally(String service, String environment, Instant from) {
    return jdbc.one(
            "select coalesce(sum(r.probes), 0), coalesce(sum(r.failures), 0) from probe_rollup r"
                + " join target t on t.id = r.target_id where t.service = ? and t.environment = ?"
                + " and r.minute >= date_trunc('minute', cast(? as timestamptz))",
            rs -> new Tally(rs.getLong(1), rs.getLong(2)),
            service,
            environment,
            from)
        .orElseThrow();
  }

  /** Per-day tallies of every service/environment since {@code from} (UTC days). */
  public List<Day> days(Instant from) {
    return jdbc.list(
        "select t.service, t.environment, date_trunc('day', r.minute at time zone 'UTC'),"
            + " sum(r.probes), sum(r.failures) from probe_rollup r join target t on t.id = r.target_id"
            + " where r.minute >= ? group by 1, 2, 3",
        rs ->
            new Day(
                rs.getString(1),
                rs.getString(2),
                rs.getTimestamp(3).toLocalDateTime().toInstant(java.time.ZoneOffset.UTC),
                rs.getLong(4),
                rs.getLong(5)),
        from);
  }

  /** Deletes rollups older than {@code cutoff}; returns how many. */
  public int deleteOlderThan(Instant cutoff) {
    return jdbc.update("delete from probe_rollup where minute < ?", cutoff);
  }
}
