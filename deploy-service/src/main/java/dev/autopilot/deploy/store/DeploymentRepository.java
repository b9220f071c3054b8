package dev.autopilot.deploy.store;

import static dev.autopilot.deploy.store.DeploymentRows.COLUMNS;
import static dev.autopilot.deploy.store.DeploymentRows.READ;

import dev.autopilot.platform.store.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Deployments in Postgres: creating, finding, locking and moving them through the saga. A partial
 * unique index keeps at most one active deployment per service/environment. The worker's leases on
 * running steps are {@link DeploymentLeases}; the row mapping is {@link DeploymentRows}.
 */
@ApplicationScoped
public class DeploymentRepository {
  private static final String ACTIVE = DeploymentState.sql(DeploymentState.ACTIVE);

  private final Jdbc jdbc;

  public DeploymentRepository(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /** What a new deployment is asked to do. */
  public record NewDeployment(
      UUID id,
      String service,
      String environment,
      String version,
      String idempotencyKey,
      String requestedBy,
      boolean requiresWindow,
      String overrideBy,
      String overrideReason) {}

  /** Inserts a QUEUED deployment; false when its idempotency key is already taken. */
  public boolean insert(NewDeployment d) {
    return jdbc.update(
            "insert into deployment (id, service, environment, version, state, idempotency_key,"
                + " requested_by, requires_window, override_by, override_reason)"
                + " values (?, ?, ?, ?, 'QUEUED', ?, ?, ?, ?, ?)"
                + " on conflict (idempotency_key) do nothing",
            d.id(),
            d.service(),
            d.environment(),
            d.version(),
            d.idempotencyKey(),
            d.requestedBy(),
            d.requiresWindow(),
            d.overrideBy(),
            d.overrideReason())
        == 1;
  }

  /** One deployment. */
  public Optional<DeploymentRecord> find(UUID id) {
    return jdbc.one("select " + COLUMNS + " from deployment where id = ?", READ, id);
  }

  /** The deployment a request with this idempotency key created. */
  public Optional<DeploymentRecord> findByIdempotencyKey(String key) {
    return jdbc.one("select " + COLUMNS + " from deployment where idempotency_key = ?", READ, key);
  }

  /** One deployment, locked until the transaction ends. */
  public Optional<DeploymentRecord> lock(UUID id) {
    return jdbc.one("select " + COLUMNS + " from deployment where id = ? for update", READ, id);
  }

  /** Deployments, newest first, optionally filtered. */
  public List<DeploymentRecord> list(
      String service, String environment, DeploymentState state, int limit) {
    List<Object> parameters = new ArrayList<>();
    StringBuilder sql = new StringBuilder("select " + COLUMNS + " from deployment where true");
    if (service != null) {
      sql.append(" and service = ?");
      parameters.add(service);
    }
    if (environment != null) {
      sql.append(" and environment = ?");
      parameters.add(environment);
    }
    if (state != null) {
      sql.append(" and state = ?");
      parameters.add(state.name());
    }
    sql.append(" order by created_at desc, id limit ?");
    parameters.add(limit);
    return jdbc.list(sql.toString(), READ, parameters.toArray());
  }

  /**
   * Locks the deployments that may start now: the oldest QUEUED one of each service/environment
   * that has no active deployment. Rows another replica is starting are skipped.
   */
  public List<DeploymentRecord> lockStartable(int limit) {
    return jdbc.list(
        "select "
            + COLUMNS
            + " from deployment d where state = 'QUEUED'"
            + " and not exists (select 1 from deployment a where a.service = d.service"
            + " and a.environment = d.environment and a.state in "
            + ACTIVE
            + ") and not exists (select 1 from deployment q where q.service = d.service"
            + " and q.environment = d.environment and q.state = 'QUEUED'"
            + " and (q.created_at, q.id) < (d.created_at, d.id))"
            + " order by created_at limit ? for update skip locked",
        READ,
        limit);
  }

  /** Locks deployments in a state (oldest change first), skipping rows locked elsewhere. */
  public List<DeploymentRecord> lockInState(DeploymentState state, int limit) {
    return jdbc.list(
        "select "
            + COLUMNS
            + " from deployment where state = ? order by updated_at limit ? for update skip locked",
        READ,
        state.name(),
        limit);
  }

  /**
   * Locks held deployments (AWAITING_WINDOW), soonest window first, skipping rows locked elsewhere.
   */
  public List<DeploymentRecord> lockHeld(int limit) {
    return jdbc.list(
        "select "
            + COLUMNS
            + " from deployment where state = 'AWAITING_WINDOW'"
            + " order by hold_until, id limit ? for update skip locked",
        READ,
        limit);
  }

  /** The BAKING deployment of a service/environment, locked; empty when none bakes. */
  public Optional<DeploymentRecord> lockBaking(String service, String environment) {
    return jdbc.one(
        "select "
            + COLUMNS
            + " from deployment where state = 'BAKING' and service = ? and environment = ?"
            + " for update",
        READ,
        service,
        environment);
  }

  /** The last successful deployment of this service/environment: what runs there now. */
  public Optional<DeploymentRecord> lastSucceeded(String service, String environment) {
    return jdbc.one(
        "select "
            + COLUMNS
            + " from deployment where service = ? and environment = ?"
            + " and state = 'SUCCEEDED' order by finished_at desc limit 1",
        READ,
        service,
        environment);
  }

  /** The last successful deployment of every service/environment. */
  public List<DeploymentRecord> current() {
    return jdbc.list(
        "select distinct on (service, environment) "
            + COLUMNS
            + " from deployment where state = 'SUCCEEDED'"
            + " order by service, environment, finished_at desc",
        READ);
  }

  /** Moves a QUEUED deployment to VALIDATING and records what it replaces. */
  public DeploymentRecord start(UUID id, String previousVersion) {
    return updated(
        "update deployment set state = 'VALIDATING', step = 'VALIDATE', previous_version = ?,"
            + " started_at = now(), updated_at = now() where id = ? returning "
            + COLUMNS,
        previousVersion,
        id);
  }

  /**
   * Moves a deployment to another state and releases its lease; a terminal state also records when
   * it finished and why.
   */
  public DeploymentRecord transition(UUID id, DeploymentState state, Step step, String reason) {
    return updated(
        "update deployment set state = ?, step = ?, reason = coalesce(?, reason),"
            + " lease_owner = null, lease_until = null, updated_at = now(),"
            + " finished_at = case when ? then now() else null end"
            + " where id = ? returning "
            + COLUMNS,
        state.name(),
        step == null ? null : step.name(),
        reason,
        state.terminal(),
        id);
  }

  /** Records the restore point taken before this deployment. */
  public void recordBackup(UUID id, UUID backupId) {
    updated("update deployment set backup_id = ? where id = ? returning " + COLUMNS, backupId, id);
  }

  /** Records that the migrate command ran (it may have changed the schema, even if it failed). */
  public void markMigrated(UUID id) {
    updated("update deployment set migrated = true where id = ? returning " + COLUMNS, id);
  }

  /** Records that the deploy command ran (even partly). */
  public void markRolledOut(UUID id) {
    updated("update deployment set rolled_out = true where id = ? returning " + COLUMNS, id);
  }

  /** Records why the deployment is being rolled back. */
  public void recordRollbackReason(UUID id, String reason) {
    updated(
        "update deployment set rollback_reason = ? where id = ? returning " + COLUMNS, reason, id);
  }

  /** Records the restore backup-service runs for this deployment. */
  public void recordRestore(UUID id, UUID restoreId) {
    updated(
        "update deployment set restore_id = ? where id = ? returning " + COLUMNS, restoreId, id);
  }

  /** Sets when the bake ends. */
  public DeploymentRecord startBake(UUID id, Instant until) {
    return updated(
        "update deployment set bake_until = ?, bake_failures = 0 where id = ? returning " + COLUMNS,
        Timestamp.from(until),
        id);
  }

  /** Counts one more failure signal during the bake; returns the deployment after it. */
  public DeploymentRecord addBakeFailure(UUID id) {
    return updated(
        "update deployment set bake_failures = bake_failures + 1 where id = ? returning " + COLUMNS,
        id);
  }

  /** Sets when a held deployment's maintenance window opens. */
  public DeploymentRecord holdUntil(UUID id, Instant until) {
    return updated(
        "update deployment set hold_until = ? where id = ? returning " + COLUMNS,
        Timestamp.from(until),
        id);
  }

  /** Records the end of the post-deploy watch window. */
  public DeploymentRecord recordWatchUntil(UUID id, Instant until) {
    return updated(
        "update deployment set watch_until = ? where id = ? returning " + COLUMNS,
        Timestamp.from(until),
        id);
  }

  /** The row an update returned; its last parameter is the deployment's id. */
  private DeploymentRecord updated(String sql, Object... parameters) {
    return jdbc.one(sql, READ, parameters)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "deployment " + parameters[parameters.length - 1] + " is gone"));
  }
}
