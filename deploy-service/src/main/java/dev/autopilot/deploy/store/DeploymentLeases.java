package dev.autopilot.deploy.store;

import static dev.autopilot.deploy.store.DeploymentRows.COLUMNS;
import static dev.autopilot.deploy.store.DeploymentRows.READ;

import dev.autopilot.platform.store.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The worker's leases on deployments whose step runs on a worker thread ({@code lease_owner},
 * {@code lease_until}): taken with {@code for update skip locked}, so replicas never run a step
 * twice at once, renewed every second while the step runs, and picked up by any replica once a
 * crashed one's leases lapse. A state change ({@link DeploymentRepository#transition}) releases it.
 */
@ApplicationScoped
public class DeploymentLeases {
  private final Jdbc jdbc;

  /** Only for {@link #renew}: binding a uuid[] needs the connection. */
  private final DataSource dataSource;

  public DeploymentLeases(Jdbc jdbc, DataSource dataSource) {
    this.jdbc = jdbc;
    this.dataSource = dataSource;
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

  /** The deployment, locked, if {@code owner} still holds its lease; empty when it lost it. */
  public Optional<DeploymentRecord> lockIfLeasedBy(UUID id, String owner) {
    return jdbc.one(
        "select " + COLUMNS + " from deployment where id = ? and lease_owner = ? for update",
        READ,
        id,
        owner);
  }
}
