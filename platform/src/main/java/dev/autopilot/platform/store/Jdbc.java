package dev.autopilot.platform.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
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

  /** Postgres binds at most 65,535 parameters per statement; chunks stay well below. */
  private static final int MAX_PARAMETERS = 30_000;

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

  /**
   * One multi-row statement: {@code head + " values " + row, row, … + tail}, the rows' parameters
   * bound in order; for {@code insert … returning}. Not a JDBC batch: pgjdbc's rewritten batches
   * report {@code SUCCESS_NO_INFO} per row, and callers need to know which rows an {@code on
   * conflict do nothing} skipped. Rows are sent in chunks that stay under Postgres' bind limit.
   */
  public <T> List<T> listRows(
      String head, String row, List<Object[]> rows, String tail, RowMapper<T> mapper) {
    List<T> result = new ArrayList<>();
    for (List<Object[]> chunk : chunks(rows)) {
      result.addAll(list(multiRow(head, row, chunk.size(), tail), mapper, flat(chunk)));
    }
    return result;
  }

  /** As {@link #listRows} for a statement without {@code returning}; the rows it changed. */
  public int updateRows(String head, String row, List<Object[]> rows, String tail) {
    int changed = 0;
    for (List<Object[]> chunk : chunks(rows)) {
      changed += update(multiRow(head, row, chunk.size(), tail), flat(chunk));
    }
    return changed;
  }

  private static List<List<Object[]>> chunks(List<Object[]> rows) {
    if (rows.isEmpty()) {
      return List.of();
    }
    int perChunk = Math.max(1, MAX_PARAMETERS / Math.max(1, rows.get(0).length));
    List<List<Object[]>> chunks = new ArrayList<>();
    for (int i = 0; i < rows.size(); i += perChunk) {
      chunks.add(rows.subList(i, Math.min(rows.size(), i + perChunk)));
    }
    return chunks;
  }

  private static String multiRow(String head, String row, int count, String tail) {
    StringBuilder sql = new StringBuilder(head.length() + (row.length() + 1) * count + 16);
    sql.append(head).append(" values ");
    for (int i = 0; i < count; i++) {
      sql.append(i == 0 ? "" : ",").append(row);
    }
    return sql.append(tail).toString();
  }

  private static Object[] flat(List<Object[]> rows) {
    return rows.stream().flatMap(Arrays::stream).toArray();
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
