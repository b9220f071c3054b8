package dev.autopilot.platform.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Plain SQL against the service's datasource, joining the caller's transaction when there is one.
 * The repositories' shared plumbing (bind, loop, convert, wrap errors) in one place; kept this thin
 * on purpose: SQL stays visible in each repository, no ORM, no reflection (native-friendly).
 */
@ApplicationScoped
public class Jdbc {
  /** Reads one row into a value. */
  @FunctionalInterface
  public interface RowMapper<T> {
    T map(ResultSet row) throws SQLException;
  }

  private final DataSource dataSource;

  public Jdbc(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Every row of a query. {@link Instant} parameters are bound as timestamps. */
  public <T> List<T> list(String sql, RowMapper<T> mapper, Object... parameters) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = prepare(c, sql, parameters);
        ResultSet rs = ps.executeQuery()) {
      List<T> result = new ArrayList<>();
      while (rs.next()) {
        result.add(mapper.map(rs));
      }
      return result;
    } catch (SQLException e) {
      throw new DataAccessException(sql, e);
    }
  }

  /** The first row of a query, if any. */
  public <T> Optional<T> one(String sql, RowMapper<T> mapper, Object... parameters) {
    List<T> rows = list(sql, mapper, parameters);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  /** Runs an insert, update or delete; returns the rows it changed. */
  public int update(String sql, Object... parameters) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = prepare(c, sql, parameters)) {
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new DataAccessException(sql, e);
    }
  }

  /** A nullable timestamp column as an instant. */
  public static Instant instant(ResultSet row, int column) throws SQLException {
    Timestamp t = row.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }

  private static PreparedStatement prepare(Connection c, String sql, Object[] parameters)
      throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql);
    for (int i = 0; i < parameters.length; i++) {
      Object p = parameters[i];
      ps.setObject(i + 1, p instanceof Instant instant ? Timestamp.from(instant) : p);
    }
    return ps;
  }
}
