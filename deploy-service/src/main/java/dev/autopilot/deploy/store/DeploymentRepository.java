package dev.autopilot.deploy.store;

import dev.autopilot.platform.store.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
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
          + " requested_by, backup_id, reason, created_at, started_at, updated_at, finished_at";
  private static final String ACTIVE = "('BACKING_UP', 'ROLLING_OUT', 'VERIFYING')";
  private static final Jdbc.RowMapper<DeploymentRecord> READ = DeploymentRepository::read;

  private final Jdbc jdbc;

  /** Only for {@link #renew}: binding a uuid[] needs the connection. */
  private final DataSource dataSource;

  public DeploymentRepository(Jdbc jdbc, DataSource dataSource) {
    this.jdbc = jdbc;
    this.dataSource = dataSource;
  }

  /** Inserts a QUEUED deployment; false when its idempotency key is already taken. */
  public boolean insert(
      UUID id,
      String service,
      String environment,
      String version,
      String idempotencyKey,
      String requestedBy) {
    return jdbc.update(
            "insert into deployment (id, service, environment, version, state, idempotency_key,"
                + " requested_by) values (?, ?, ?, ?, 'QUEUED', ?, ?)"
                + " on conflict (idempotency_key) do nothing",
            id,
            service,
            environment,
            version,
            idempotencyKey,
            requestedBy)
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

  /**
   * Leases up to {@code limit} deployments whose running step (ROLLING_OUT, VERIFYING) nobody
   * holds: never claimed, or its lease lapsed because its worker died.
   */
  public List<DeploymentRecord> claim(String owner, Duration lease, int limit) {
    return jdbc.list(
        "update deployment set lease_owner = ?, lease_until = now() + make_interval(secs => ?)"
            + " where id in (select id from deployment"
            + " where state in ('ROLLING_OUT', 'VERIFYING')"
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

  /** The version of the last successful deployment of this service/environment. */
  public Optional<String> lastSucceededVersion(String service, String environment) {
    return jdbc.one(
        "select version from deployment where service = ? and environment = ?"
            + " and state = 'SUCCEEDED' order by finished_at desc limit 1",
        rs -> rs.getString(1),
        service,
        environment);
  }

  /** Moves a QUEUED deployment to its first active state and records what it replaces. */
  public DeploymentRecord start(UUID id, String previousVersion, DeploymentState state, Step step) {
    return updated(
        "update deployment set state = ?, step = ?, previous_version = ?, started_at = now(),"
            + " updated_at = now() where id = ? returning "
            + COLUMNS,
        state.name(),
        step.name(),
        previousVersion,
        id);
  }

  /**
   * Moves a deployment to another state and releases its lease; a terminal state also records when
   * it finished and, for FAILED, why.
   */
  public DeploymentRecord transition(UUID id, DeploymentState state, Step step, String reason) {
    return updated(
        "update deployment set state = ?, step = ?, reason = ?, lease_owner = null,"
            + " lease_until = null, updated_at = now(),"
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
        Jdbc.instant(rs, 15));
  }
}
