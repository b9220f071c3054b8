package dev.autopilot.alert.store;

import dev.autopilot.platform.store.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** The latest successful deployment per service/environment and until when it is watched. */
@ApplicationScoped
public class DeployWatchRepository {
  private final Jdbc jdbc;

  public DeployWatchRepository(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /** Records a deployment's watch window (the newest deployment wins). */
  public void record(String service, String environment, UUID deploymentId, Instant until) {
    jdbc.update(
        "insert into deploy_watch (service, environment, deployment_id, watch_until)"
            + " values (?, ?, ?, ?) on conflict (service, environment) do update"
            + " set deployment_id = excluded.deployment_id, watch_until = excluded.watch_until",
        service,
        environment == null ? "" : environment,
        deploymentId,
        until);
  }

  /**
   * Every watch window open at {@code now}, keyed by {@link #key}: one read for a batch of alerts
   * (the table holds one row per service and environment).
   */
  public Map<String, UUID> watchingAll(Instant now) {
    Map<String, UUID> watches = new HashMap<>();
    for (Map.Entry<String, UUID> e :
        jdbc.list(
            "select service, environment, deployment_id from deploy_watch where watch_until > ?",
            rs -> Map.entry(key(rs.getString(1), rs.getString(2)), rs.getObject(3, UUID.class)),
            now)) {
      watches.put(e.getKey(), e.getValue());
    }
    return watches;
  }

  /** The key of a service/environment in {@link #watchingAll}. */
  public static String key(String service, String environment) {
    return service + "\0" + (environment == null ? "" : environment);
  }
}
