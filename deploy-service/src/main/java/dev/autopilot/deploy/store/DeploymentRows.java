package dev.autopilot.deploy.store;

import dev.autopilot.platform.store.Jdbc;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/** How a {@code deployment} row is selected and read, shared by the repositories that read it. */
final class DeploymentRows {
  /** The columns {@link #read} expects, in order. */
  static final String COLUMNS =
      "id, service, environment, version, previous_version, state, step, idempotency_key,"
          + " requested_by, backup_id, reason, created_at, started_at, updated_at, finished_at,"
          + " requires_window, override_by, override_reason, migrated, rolled_out,"
          + " rollback_reason, restore_id, bake_until, bake_failures, watch_until, hold_until";

  /** {@link #read} as a row mapper. */
  static final Jdbc.RowMapper<DeploymentRecord> READ = DeploymentRows::read;

  private DeploymentRows() {}

  /** One row selected with {@link #COLUMNS}. */
  static DeploymentRecord read(ResultSet rs) throws SQLException {
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
        Jdbc.instant(rs, 25),
        Jdbc.instant(rs, 26));
  }
}
