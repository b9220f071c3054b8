package dev.autopilot.backup.store;

import dev.autopilot.platform.event.v1.BackupReason;
import dev.autopilot.platform.store.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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

  private final Jdbc jdbc;

  /** Only for {@link #renewClaims}: binding a uuid[] needs the connection. */
  private final DataSource dataSource;

  public BackupRepository(Jdbc jdbc, DataSource dataSource) {
    this.jdbc = jdbc;
    this.dataSource = dataSource;
  }

  /** Inserts a new request; a FAILED one is finished when requested. */
  public void insert(NewBackupRow row) {
    jdbc.update(
        "insert into backup (id, source, reason, correlation_id, requested_by, traceparent,"
            + " status, requested_at, finished_at, failure_reason)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        row.id(),
        row.source(),
        row.reason().name(),
        row.correlationId(),
        row.requestedBy(),
        row.traceparent(),
        row.status().name(),
        row.requestedAt(),
        row.status() == BackupStatus.FAILED ? row.requestedAt() : null,
        row.failureReason());
  }

  /** One backup by id. */
  public Optional<BackupRecord> find(UUID id) {
    return jdbc.one("select " + COLUMNS + " from backup where id = ?", BackupRepository::read, id);
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
    return jdbc.list(
        "select "
            + COLUMNS
            + " from backup"
            + (where.isEmpty() ? "" : " where " + String.join(" and ", where))
            + " order by requested_at desc, id limit ?",
        BackupRepository::read,
        parameters.toArray());
  }

  /**
   * Claims the oldest PENDING backup, or a RUNNING one whose claim expired, for {@code owner}:
   * RUNNING, attempts + 1, started now. Must run inside a transaction.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public Optional<ClaimedBackup> claimNext(String owner, Duration lease, Instant startedAt) {
    return jdbc.one(
        "update backup set status = 'RUNNING', started_at = ?, attempts = attempts + 1,"
            + " claimed_by = ?, claim_expires_at = now() + ? * interval '1 millisecond'"
            + " where id = (select id from backup where status = 'PENDING'"
            + " or (status = 'RUNNING' and claim_expires_at < now())"
            + " order by requested_at limit 1 for update skip locked)"
            + " returning "
            + COLUMNS
            + ", traceparent",
        rs -> new ClaimedBackup(read(rs), rs.getString(15)),
        startedAt,
        owner,
        lease.toMillis());
  }

  /**
   * Extends {@code owner}'s claims on these running backups; returns how many it still holds. Plain
   * JDBC, not {@link Jdbc}: the uuid[] parameter is created from the connection.
   */
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
      Instant finishedAt,
      String manifestJson) {
    return jdbc.update(
            "update backup set status = 'COMPLETED', size_bytes = ?, sha256 = ?, location = ?,"
                + " finished_at = ?, manifest = ?::jsonb, failure_reason = null, claimed_by = null,"
                + " claim_expires_at = null"
                + " where id = ? and status = 'RUNNING' and claimed_by = ? and attempts = ?",
            sizeBytes,
            sha256,
            location,
            finishedAt,
            manifestJson,
            attempt.id(),
            owner,
            attempt.attempts())
        == 1;
  }

  /** Marks this attempt FAILED; false when {@code owner} no longer holds it. */
  public boolean fail(BackupRecord attempt, String owner, String reason, Instant finishedAt) {
    return jdbc.update(
            "update backup set status = 'FAILED', failure_reason = ?, finished_at = ?,"
                + " claimed_by = null, claim_expires_at = null"
                + " where id = ? and status = 'RUNNING' and claimed_by = ? and attempts = ?",
            reason,
            finishedAt,
            attempt.id(),
            owner,
            attempt.attempts())
        == 1;
  }

  /** The finish time of each source's newest COMPLETED backup. */
  public Map<String, Instant> lastSuccessBySource() {
    Map<String, Instant> result = new LinkedHashMap<>();
    jdbc.list(
            "select source, max(finished_at) from backup where status in ('COMPLETED', 'VERIFIED')"
                + " group by source",
            rs -> Map.entry(rs.getString(1), rs.getTimestamp(2).toInstant()))
        .forEach(e -> result.put(e.getKey(), e.getValue()));
    return result;
  }

  private static BackupRecord read(ResultSet rs) throws SQLException {
    return new BackupRecord(
        rs.getObject(1, UUID.class),
        rs.getString(2),
        BackupReason.valueOf(rs.getString(3)),
        BackupStatus.valueOf(rs.getString(4)),
        rs.getString(5),
        rs.getString(6),
        Jdbc.instant(rs, 7),
        Jdbc.instant(rs, 8),
        Jdbc.instant(rs, 9),
        rs.getInt(10),
        (Long) rs.getObject(11),
        rs.getString(12),
        rs.getString(13),
        rs.getString(14));
  }

  /** A source's stored backups (COMPLETED or VERIFIED), newest first: what retention looks at. */
  public List<BackupRecord> stored(String source) {
    return jdbc.list(
        "select "
            + COLUMNS
            + " from backup where source = ? and status in ('COMPLETED', 'VERIFIED')"
            + " order by coalesce(started_at, requested_at) desc, id",
        BackupRepository::read,
        source);
  }

  /** Backups a running or confirmable restore reads: retention must not delete them. */
  public java.util.Set<UUID> inUseByRestores() {
    return new java.util.HashSet<>(
        jdbc.list(
            "select distinct backup_id from restore where status = 'RUNNING'"
                + " or (status = 'AWAITING_CONFIRMATION' and confirm_expires_at > now())",
            rs -> rs.getObject(1, UUID.class)));
  }

  /** Marks a stored backup EXPIRED (its object was deleted); false if it was not stored. */
  public boolean expire(UUID id, Instant at) {
    return jdbc.update(
            "update backup set status = 'EXPIRED', expired_at = ?"
                + " where id = ? and status in ('COMPLETED', 'VERIFIED')",
            at,
            id)
        == 1;
  }

  /** A backup's manifest as JSON, once it is stored. */
  public Optional<String> manifest(UUID id) {
    return jdbc.one("select manifest::text from backup where id = ?", rs -> rs.getString(1), id)
        .filter(m -> m != null);
  }

  /** Marks a stored backup VERIFIED (a restore drill proved it); false if it was not stored. */
  public boolean verify(UUID id) {
    return jdbc.update(
            "update backup set status = 'VERIFIED' where id = ? and status in ('COMPLETED', 'VERIFIED')",
            id)
        == 1;
  }

  /** A source's newest stored (COMPLETED or VERIFIED) backup: what a drill restores. */
  public Optional<BackupRecord> newestStored(String source) {
    return stored(source).stream().findFirst();
  }
}
