package dev.autopilot.health.store;

import dev.autopilot.platform.store.Jdbc;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Windows that change what a target's state means: maintenance windows (from maintenance.started to
 * maintenance.ended) and post-deploy watches (deploy.succeeded until its watchUntil).
 */
@ApplicationScoped
public class WindowRepository {
  /** A maintenance window in progress. */
  @RegisterForReflection
  public record Maintenance(
      UUID windowId, String services, String environment, Instant endsAt, String description) {}

  private static final String COVERS =
      "(m.ends_at is null or m.ends_at > ?) and (m.environment is null or m.environment = ?)"
          + " and (m.services = '[]'::jsonb or m.services @> jsonb_build_array(cast(? as text)))";

  private final Jdbc jdbc;

  public WindowRepository(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /** Records a started window (idempotent). {@code servicesJson} is a JSON array of names. */
  public void startMaintenance(
      UUID windowId,
      String servicesJson,
      String environment,
      Instant endsAt,
      String description,
      Instant now) {
    jdbc.update(
        "insert into maintenance_window (window_id, services, environment, ends_at, description,"
            + " started_at) values (?, cast(? as jsonb), ?, ?, ?, ?) on conflict (window_id) do"
            + " update set services = excluded.services, environment = excluded.environment,"
            + " ends_at = excluded.ends_at, description = excluded.description",
        windowId,
        servicesJson,
        environment,
        endsAt,
        description,
        now);
  }

  /** Forgets a window; false when it was not known. */
  public boolean endMaintenance(UUID windowId) {
    return jdbc.update("delete from maintenance_window where window_id = ?", windowId) == 1;
  }

  /** Whether a maintenance window covers the service/environment at {@code now}. */
  public boolean inMaintenance(String service, String environment, Instant now) {
    return jdbc.one(
            "select 1 from maintenance_window m where " + COVERS,
            rs -> true,
            now,
            environment,
            service)
        .isPresent();
  }

  /** Windows in progress at {@code now}. */
  public List<Maintenance> activeMaintenance(Instant now) {
    return jdbc.list(
        "select window_id, services::text, environment, ends_at, description"
            + " from maintenance_window where ends_at is null or ends_at > ? order by started_at",
        rs ->
            new Maintenance(
                rs.getObject(1, UUID.class),
                rs.getString(2),
                rs.getString(3),
                Jdbc.instant(rs, 4),
                rs.getString(5)),
        now);
  }

  /** Puts every covered target's state into MAINTENANCE (counters reset); returns how many. */
  public int markMaintenance(Instant now) {
    return jdbc.update(
        "update target_state s set status = 'MAINTENANCE', consecutive_failures = 0,"
            + " consecutive_successes = 0, since = ? from target t where t.id = s.target_id"
            + " and s.status <> 'MAINTENANCE' and exists (select 1 from maintenance_window m"
            + " where (m.ends_at is null or m.ends_at > ?)"
            + " and (m.environment is null or m.environment = t.environment)"
            + " and (m.services = '[]'::jsonb or m.services @> jsonb_build_array(t.service)))",
        now,
        now);
  }

  /**
   * Moves targets in MAINTENANCE that no window covers any more back to UNKNOWN, so they are judged
   * afresh; returns how many.
   */
  public int releaseMaintenance(Instant now) {
    return jdbc.update(
        "update target_state s set status = 'UNKNOWN', consecutive_failures = 0,"
            + " consecutive_successes = 0, since = ? from target t where t.id = s.target_id"
            + " and s.status = 'MAINTENANCE' and not exists (select 1 from maintenance_window m"
            + " where (m.ends_at is null or m.ends_at > ?)"
            + " and (m.environment is null or m.environment = t.environment)"
            + " and (m.services = '[]'::jsonb or m.services @> jsonb_build_array(t.service)))",
        now,
        now);
  }

  /** Remembers a post-deploy watch for the service/environment (the latest deploy wins). */
  public void watch(String service, String environment, UUID deploymentId, Instant until) {
    jdbc.update(
        "insert into deploy_watch (service, environment, deployment_id, watch_until)"
            + " values (?, ?, ?, ?) on conflict (service, environment) do update"
            + " set deployment_id = excluded.deployment_id, watch_until = excluded.watch_until",
        service,
        environment,
        deploymentId,
        until);
  }

  /** The deployment being watched for the service/environment at {@code now}, if any. */
  public Optional<UUID> watchedDeployment(String service, String environment, Instant now) {
    return jdbc.one(
        "select deployment_id from deploy_watch where service = ? and environment = ?"
            + " and watch_until > ?",
        rs -> rs.getObject(1, UUID.class),
        service,
        environment,
        now);
  }
}
