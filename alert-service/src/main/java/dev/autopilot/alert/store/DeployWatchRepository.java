package dev.autopilot.alert.store;

import dev.autopilot.platform.store.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
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

  /** The deployment whose watch window covers this service/environment now, if any. */
  public Optional<UUID> watching(String service, String environment, Instant now) {
    if (service == null) {
      return Optional.empty();
    }
    return jdbc.one(
        "select deployment_id from deploy_watch where service = ? and environment = ?"
            + " and watch_until > ?",
        rs -> rs.getObject(1, UUID.class),
        service,
        environment == null ? "" : environment,
        now);
  }
}
