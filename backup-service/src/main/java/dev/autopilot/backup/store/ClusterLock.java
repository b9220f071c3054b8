package dev.autopilot.backup.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Work that one replica at a time does (retention, schedules, drills): a Postgres session advisory
 * lock held on one connection for the whole run; a replica that dies loses its connection and so
 * its lock.
 */
@ApplicationScoped
public class ClusterLock {
  private final DataSource dataSource;

  public ClusterLock(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Runs {@code work} if the lock {@code key} is free; false (nothing run) if it is held. */
  public boolean tryRun(long key, Runnable work) {
    try (Connection c = dataSource.getConnection()) {
      if (!call(c, "select pg_try_advisory_lock(?)", key)) {
        return false;
      }
      try {
        work.run();
        return true;
      } finally {
        call(c, "select pg_advisory_unlock(?)", key);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot take cluster lock " + key, e);
    }
  }

  private static boolean call(Connection c, String sql, long key) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }
}
