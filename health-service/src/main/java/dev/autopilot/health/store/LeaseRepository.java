package dev.autopilot.health.store;

import dev.autopilot.platform.store.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Target leases and replica heartbeats in Postgres. A lease row has one owner (the primary key), an
 * expired lease may be taken by anyone, and a take only succeeds if the lease is still expired when
 * the row is locked, so two replicas never both own a target.
 */
@ApplicationScoped
public class LeaseRepository {
  private final Jdbc jdbc;

  public LeaseRepository(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /** Announces {@code owner} as alive until {@code until}. */
  public void heartbeat(String owner, Instant until) {
    jdbc.update(
        "insert into health_replica (owner, seen_until) values (?, ?)"
            + " on conflict (owner) do update set seen_until = excluded.seen_until",
        owner,
        until);
  }

  /** Replicas alive at {@code now} (at least 1: the caller has just announced itself). */
  public int liveReplicas(Instant now) {
    return jdbc.one(
            "select count(*) from health_replica where seen_until > ?", rs -> rs.getInt(1), now)
        .orElse(1);
  }

  /** The number of targets. */
  public int targets() {
    return jdbc.one("select count(*) from target", rs -> rs.getInt(1)).orElse(0);
  }

  /** Extends every lease {@code owner} still holds to {@code until}. */
  public void renew(String owner, Instant until, Instant now) {
    jdbc.update(
        "update target_lease set expires_at = ? where owner = ? and expires_at > ?",
        until,
        owner,
        now);
  }

  /** The targets {@code owner} holds at {@code now}. */
  public Set<String> owned(String owner, Instant now) {
    return new HashSet<>(
        jdbc.list(
            "select target_id from target_lease where owner = ? and expires_at > ?",
            rs -> rs.getString(1),
            owner,
            now));
  }

  /** Gives up {@code count} of {@code owner}'s leases (so a new replica can take them). */
  public int release(String owner, int count) {
    return jdbc.update(
        "delete from target_lease where target_id in (select target_id from target_lease"
            + " where owner = ? order by target_id desc limit ?)",
        owner,
        count);
  }

  /** Gives up all of {@code owner}'s leases and its heartbeat (clean shutdown). */
  public void releaseAll(String owner) {
    jdbc.update("delete from target_lease where owner = ?", owner);
    jdbc.update("delete from health_replica where owner = ?", owner);
  }

  /** Takes up to {@code limit} free or expired leases until {@code until}; returns their ids. */
  public List<String> claim(String owner, Instant now, Instant until, int limit) {
    return jdbc.list(
        "insert into target_lease (target_id, owner, expires_at)"
            + " select t.id, ?, ? from target t left join target_lease l on l.target_id = t.id"
            + " where l.target_id is null or l.expires_at <= ? order by t.id limit ?"
            + " on conflict (target_id) do update set owner = excluded.owner,"
            + " expires_at = excluded.expires_at where target_lease.expires_at <= ?"
            + " returning target_id",
        rs -> rs.getString(1),
        owner,
        until,
        now,
        limit,
        now);
  }
}
