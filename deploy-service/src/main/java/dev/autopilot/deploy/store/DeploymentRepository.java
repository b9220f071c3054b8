package dev.autopilot.deploy.store;

import dev.autopilot.platform.store.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Deployments in Postgres. A partial unique index keeps at most one active deployment per
 * service/environment; claims on running steps are leases ({@code lease_owner}, {@code
 * lease_until}) taken with {@code for update skip locked}, so replicas never run a step twice at
 * once and a crashed replica's steps are picked up when its leases lapse.
 */
@ApplicationScoped
public class DeploymentRepository {
  private static final String COLUMNS =
      "id, service, environment, version, previous_version, state, step, idempotency_key,"
          + " requested_by, backup_id, reason, created_at, started_at, updated_at, finished_at,"
          + " requires_window, override_by, override_reason, migrated, rolled_out,"
          + " rollback_reason, restore_id, bake_until, bake_failures, watch_until";
  private static final String ACTIVE = DeploymentState.sql(DeploymentState.ACTIVE);
  private static final Jdbc.RowMapper<DeploymentRecord> READ = DeploymentRepository::read;

  private final Jdbc jdbc;

  /** Only for {@link #renew}: binding a uuid[] needs the connection. */
  private final DataSource dataSource;

  public DeploymentRepository(Jdbc jdbc, DataSource dataSource) {
    this.jdbc = jdbc;
    this.dataSource = dataSource;
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

  /** The deployment, locked, if {@code owner} still holds its lease; empty when it lost it. */
  public Optional<DeploymentRecord> lockIfLeasedBy(UUID id, String owner) {
    return jdbc.one(
        "select " + COLUMNS + " from deployment where id = ? and lease_owner = ? for update",
        READ,
        id,
        owner);
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

  /**
   * Leases up to {@code limit} deployments whose worker-run step nobody holds: never claimed, or
   * its lease lapsed because its worker died.
   */
  public List<DeploymentRecord> claim(String owner, Duration lease, int limit) {
    return jdbc.list(
        "update deployment set lease_owner = ?, lease_until = now() + make_interval(secs => ?)"
            + " where id in (select id from deployment where (state in "
            + DeploymentState.sql(DeploymentState.WORKER_RUN)
            + " or (state = 'RESTORING' and restore_id is null))"
            + " and (lease_until is null or lease_until < now())"
            + " order by created_at limit ? for update skip locked)"
            + " returning "
            + COLUMNS,
        READ,
        owner,
        lease.toMillis() / 1000.0,
        limit);
  }

  /**
   * Extends the leases {@code owner} holds on these deployments; returns how many it still holds.
   * Plain JDBC, not {@link Jdbc}: the uuid[] parameter is created from the connection.
   */
  public int renew(String owner, Collection<UUID> ids, Duration lease) {
    if (ids.isEmpty()) {
      return 0;
    }
    String sql =
        "update deployment set lease_until = now() + make_interval(secs => ?)"
            + " where lease_owner = ? and id = any(?)";
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setDouble(1, lease.toMillis() / 1000.0);
      ps.setString(2, owner);
      ps.setArray(3, c.createArrayOf("uuid", ids.toArray()));
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot renew deployment leases", e);
    }
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

  private static DeploymentRecord read(ResultSet rs) throws SQLException {
    String step = rs.getString(7);
    return new DeploymentRecord(
        rs.getObject(1, UUID.class),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        DeploymentState.valueOf(rs.getString(6)),
        step == null ? null : Step.valueOf(step),
        rs.getString(8),
        rs.getString(9),
        rs.getObject(10, UUID.class),
        rs.getString(11),
        Jdbc.instant(rs, 12),
        Jdbc.instant(rs, 13),
        Jdbc.instant(rs, 14),
        Jdbc.instant(rs, 15),
        rs.getBoolean(16),
        rs.getString(17),
        rs.getString(18),
        rs.getBoolean(19),
        rs.getBoolean(20),
        rs.getString(21),
        rs.getObject(22, UUID.class),
        Jdbc.instant(rs, 23),
        rs.getInt(24),
        Jdbc.instant(rs, 25));
  }
}
