package dev.autopilot.backup.store;

import dev.autopilot.platform.event.v1.BackupReason;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Backups in Postgres. Claims use {@code for update skip locked}, so replicas never take the same
 * row; claim expiry is computed on the database's clock, so replicas' clocks need not agree.
 */
@ApplicationScoped
public class BackupRepository {
  private static final String COLUMNS =
      "id, source, reason, status, correlation_id, requested_by, requested_at, started_at,"
          + " finished_at, attempts, size_bytes, sha256, location, failure_reason";

  private final DataSource dataSource;

  public BackupRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Inserts a new request; a FAILED one is finished when requested. */
  public void insert(NewBackupRow row) {
    String sql =
        "insert into backup (id, source, reason, correlation_id, requested_by, traceparent,"
            + " status, requested_at, finished_at, failure_reason)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, row.id());
      ps.setString(2, row.source());
      ps.setString(3, row.reason().name());
      ps.setString(4, row.correlationId());
      ps.setString(5, row.requestedBy());
      ps.setString(6, row.traceparent());
      ps.setString(7, row.status().name());
      ps.setTimestamp(8, Timestamp.from(row.requestedAt()));
      ps.setTimestamp(
          9, row.status() == BackupStatus.FAILED ? Timestamp.from(row.requestedAt()) : null);
      ps.setString(10, row.failureReason());
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot store backup", e);
    }
  }

  /** One backup by id. */
  public Optional<BackupRecord> find(UUID id) {
    List<BackupRecord> found =
        query("select " + COLUMNS + " from backup where id = ?", List.of(id));
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  /** Backups, newest request first, optionally of one source and in one status. */
  public List<BackupRecord> list(String source, BackupStatus status, int limit) {
    List<Object> parameters = new ArrayList<>();
    List<String> where = new ArrayList<>();
    if (source != null) {
      where.add("source = ?");
      parameters.add(source);
    }
    if (status != null) {
      where.add("status = ?");
      parameters.add(status.name());
    }
    parameters.add(limit);
    return query(
        "select "
            + COLUMNS
            + " from backup"
            + (where.isEmpty() ? "" : " where " + String.join(" and ", where))
            + " order by requested_at desc, id limit ?",
        parameters);
  }

  /**
   * Claims the oldest PENDING backup, or a RUNNING one whose claim expired, for {@code owner}:
   * RUNNING, attempts + 1, started now. Must run inside a transaction.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public Optional<ClaimedBackup> claimNext(String owner, Duration lease, Instant startedAt) {
    String sql =
        "update backup set status = 'RUNNING', started_at = ?, attempts = attempts + 1,"
            + " claimed_by = ?, claim_expires_at = now() + ? * interval '1 millisecond'"
            + " where id = (select id from backup where status = 'PENDING'"
            + " or (status = 'RUNNING' and claim_expires_at < now())"
            + " order by requested_at limit 1 for update skip locked)"
            + " returning "
            + COLUMNS
            + ", traceparent";
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setTimestamp(1, Timestamp.from(startedAt));
      ps.setString(2, owner);
      ps.setLong(3, lease.toMillis());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? Optional.of(new ClaimedBackup(read(rs), rs.getString(15)))
            : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot claim a backup", e);
    }
  }

  /** Extends {@code owner}'s claims on these running backups; returns how many it still holds. */
  public int renewClaims(String owner, Collection<UUID> ids, Duration lease) {
    String sql =
        "update backup set claim_expires_at = now() + ? * interval '1 millisecond'"
            + " where id = any(?) and claimed_by = ? and status = 'RUNNING'";
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, lease.toMillis());
      ps.setArray(2, c.createArrayOf("uuid", ids.toArray()));
      ps.setString(3, owner);
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot renew backup claims", e);
    }
  }

  /**
   * Marks this attempt COMPLETED; false when {@code owner} no longer holds it (its claim expired
   * and another replica re-ran it).
   */
  public boolean complete(
      BackupRecord attempt,
      String owner,
      long sizeBytes,
      String sha256,
      String location,
      Instant finishedAt) {
    String sql =
        "update backup set status = 'COMPLETED', size_bytes = ?, sha256 = ?, location = ?,"
            + " finished_at = ?, failure_reason = null, claimed_by = null, claim_expires_at = null"
            + " where id = ? and status = 'RUNNING' and claimed_by = ? and attempts = ?";
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, sizeBytes);
      ps.setString(2, sha256);
      ps.setString(3, location);
      ps.setTimestamp(4, Timestamp.from(finishedAt));
      ps.setObject(5, attempt.id());
      ps.setString(6, owner);
      ps.setInt(7, attempt.attempts());
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot complete backup " + attempt.id(), e);
    }
  }

  /** Marks this attempt FAILED; false when {@code owner} no longer holds it. */
  public boolean fail(BackupRecord attempt, String owner, String reason, Instant finishedAt) {
    String sql =
        "update backup set status = 'FAILED', failure_reason = ?, finished_at = ?,"
            + " claimed_by = null, claim_expires_at = null"
            + " where id = ? and status = 'RUNNING' and claimed_by = ? and attempts = ?";
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, reason);
      ps.setTimestamp(2, Timestamp.from(finishedAt));
      ps.setObject(3, attempt.id());
      ps.setString(4, owner);
      ps.setInt(5, attempt.attempts());
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot fail backup " + attempt.id(), e);
    }
  }

  /** The finish time of each source's newest COMPLETED backup. */
  public Map<String, Instant> lastSuccessBySource() {
    String sql =
        "select source, max(finished_at) from backup where status = 'COMPLETED' group by source";
    Map<String, Instant> result = new LinkedHashMap<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        result.put(rs.getString(1), rs.getTimestamp(2).toInstant());
      }
      return result;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read last backups", e);
    }
  }

  private List<BackupRecord> query(String sql, List<Object> parameters) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.size(); i++) {
        ps.setObject(i + 1, parameters.get(i));
      }
      List<BackupRecord> result = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          result.add(read(rs));
        }
      }
      return result;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read backups", e);
    }
  }

  private static BackupRecord read(ResultSet rs) throws SQLException {
    return new BackupRecord(
        rs.getObject(1, UUID.class),
        rs.getString(2),
        BackupReason.valueOf(rs.getString(3)),
        BackupStatus.valueOf(rs.getString(4)),
        rs.getString(5),
        rs.getString(6),
        instant(rs.getTimestamp(7)),
        instant(rs.getTimestamp(8)),
        instant(rs.getTimestamp(9)),
        rs.getInt(10),
        (Long) rs.getObject(11),
        rs.getString(12),
        rs.getString(13),
        rs.getString(14));
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
