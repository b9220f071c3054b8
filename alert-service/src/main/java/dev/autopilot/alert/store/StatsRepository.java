package dev.autopilot.alert.store;

import dev.autopilot.platform.store.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** MTTA and MTTR per service, computed by Postgres over the alerts announced in a range. */
@ApplicationScoped
public class StatsRepository {
  private final Jdbc jdbc;

  public StatsRepository(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /** Per service (the {@code service} label; {@code ""} when missing), over [since, until). */
  public List<ServiceStats> perService(Instant since, Instant until, String service) {
    return jdbc.list(
        "select coalesce(labels ->> 'service', '') as svc, count(*),"
            + " count(first_acknowledged_at), count(ends_at) filter (where state = 'RESOLVED'),"
            + " avg(extract(epoch from first_acknowledged_at - fired_at)),"
            + " avg(extract(epoch from ends_at - starts_at)) filter (where state = 'RESOLVED')"
            + " from alert where fired_at is not null and fired_at >= ? and fired_at < ?"
            + " and (cast(? as text) is null or labels ->> 'service' = ?)"
            + " group by svc order by svc",
        rs ->
            new ServiceStats(
                rs.getString(1),
                rs.getLong(2),
                rs.getLong(3),
                rs.getLong(4),
                (Double) number(rs.getObject(5)),
                (Double) number(rs.getObject(6))),
        since,
        until,
        service,
        service);
  }

  private static Double number(Object value) {
    return value == null ? null : ((Number) value).doubleValue();
  }
}
