package dev.autopilot.backup.store;

import dev.autopilot.platform.store.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Restores in Postgres. A RUNNING restore is claimed by one replica at a time with {@code for
 * update skip locked} and a lease on the database's clock, like backups.
 */
@ApplicationScoped
public class RestoreRepository {
  private static final String COLUMNS =
      "id, backup_id, source, mode, target, status, correlation_id, requested_by, confirmed_by,"
          + " requested_at, confirm_expires_at, confirmed_at, finished_at, attempts,"
          + " restore_seconds, failure_reason";

  private final Jdbc jdbc;

  public RestoreRepository(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /** Inserts a restore awaiting confirmation. */
  public void insert(NewRestoreRow row) {
    jdbc.update(
        "insert into restore (id, backup_id, source, mode, target, correlation_id, requested_by,"
            + " traceparent, confirm_token_hash, confirm_expires_at, status, requested_at)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'AWAITING_CONFIRMATION', ?)",
        row.id(),
        row.backupId(),
        row.source(),
        row.mode(),
        row.target(),
        row.correlationId(),
        row.requestedBy(),
        row.traceparent(),
        row.confirmTokenHash(),
        row.confirmExpiresAt(),
        row.requestedAt());
  }

  /** One restore by id. */
  public Optional<RestoreRecord> find(UUID id) {
    return jdbc.one(
        "select " + COLUMNS + " from restore where id = ?", RestoreRepository::read, id);
  }

  /** The stored SHA-256 of a restore's confirm token. */
  public Optional<String> confirmTokenHash(UUID id) {
    return jdbc.one(
        "select confirm_token_hash from restore where id = ?", rs -> rs.getString(1), id);
  }

  /**
   * AWAITING_CONFIRMATION → RUNNING, unclaimed, if it still awaits confirmation and has not expired
   * at {@code now}; false otherwise (a concurrent confirm won).
   */
  public boolean confirm(UUID id, String confirmedBy, String traceparent, Instant now) {
    return jdbc.update(
            "update restore set status = 'RUNNING', confirmed_by = ?, confirmed_at = ?,"
                + " traceparent = coalesce(?, traceparent)"
                + " where id = ? and status = 'AWAITING_CONFIRMATION' and confirm_expires_at > ?",
            confirmedBy,
            now,
            traceparent,
            id,
            now)
        == 1;
  }

  /**
   * Claims the oldest RUNNING restore nobody holds (never claimed, or its claim expired): attempts
   * + 1. Must run inside a transaction.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public Optional<ClaimedRestore> claimNext(String owner, Duration lease) {
    return jdbc.one(
        "update restore set attempts = attempts + 1, claimed_by = ?,"
            + " claim_expires_at = now() + ? * interval '1 millisecond'"
            + " where id = (select id from restore where status = 'RUNNING'"
            + " and (claimed_by is null or claim_expires_at < now())"
            + " order by confirmed_at limit 1 for update skip locked)"
            + " returning "
            + COLUMNS
            + ", traceparent",
        rs -> new ClaimedRestore(read(rs), rs.getString(17)),
        owner,
        lease.toMillis());
  }

  /** Extends {@code owner}'s claim on a running restore. */
  public void renewClaim(String owner, UUID id, Duration lease) {
    jdbc.update(
        "update restore set claim_expires_at = now() + ? * interval '1 millisecond'"
            + " where id = ? and claimed_by = ? and status = 'RUNNING'",
        lease.toMillis(),
        id,
        owner);
  }

  /**
   * Records the outcome of this attempt; false when {@code owner} no longer holds it.
   *
   * @param failureReason null when it succeeded
   */
  public boolean finish(
      RestoreRecord attempt,
      String owner,
      String failureReason,
      Double restoreSeconds,
      Instant finishedAt) {
    return jdbc.update(
            "update restore set status = ?, failure_reason = ?, restore_seconds = ?,"
                + " finished_at = ?, claimed_by = null, claim_expires_at = null"
                + " where id = ? and status = 'RUNNING' and claimed_by = ? and attempts = ?",
            failureReason == null ? RestoreStatus.SUCCEEDED.name() : RestoreStatus.FAILED.name(),
            failureReason,
            restoreSeconds,
            finishedAt,
            attempt.id(),
            owner,
            attempt.attempts())
        == 1;
  }

  private static RestoreRecord read(ResultSet rs) throws SQLException {
    return new RestoreRecord(
        rs.getObject(1, UUID.class),
        rs.getObject(2, UUID.class),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        RestoreStatus.valueOf(rs.getString(6)),
        rs.getString(7),
        rs.getString(8),
        rs.getString(9),
        Jdbc.instant(rs, 10),
        Jdbc.instant(rs, 11),
        Jdbc.instant(rs, 12),
        Jdbc.instant(rs, 13),
        rs.getInt(14),
        (Double) rs.getObject(15),
        rs.getString(16));
  }
}
