package dev.autopilot.alert.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autopilot.platform.event.v1.AlertAnnotations;
import dev.autopilot.platform.event.v1.Severity;
import dev.autopilot.platform.store.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Alerts in Postgres; at most one active (pending, firing, acknowledged or suppressed) alert per
 * fingerprint (a partial unique index). State changes are conditional UPDATEs, so two writers
 * racing (an ack against a resolve) cannot both win.
 */
@ApplicationScoped
public class AlertRepository {
  private static final String COLUMNS =
      "id, fingerprint, name, severity, state, labels::text, annotations::text, value, source,"
          + " starts_at, ends_at, acknowledged_by, acknowledged_at, deployment_id,"
          + " suppressed_reason, dependency_target, fired_at, first_acknowledged_at";
  private static final String ACTIVE =
      "state in ('PENDING', 'FIRING', 'ACKNOWLEDGED', 'SUPPRESSED')";
  private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {};
  private static final TypeReference<AlertAnnotations> ANNOTATIONS = new TypeReference<>() {};

  private final Jdbc jdbc;
  private final ObjectMapper mapper;

  public AlertRepository(Jdbc jdbc, ObjectMapper mapper) {
    this.jdbc = jdbc;
    this.mapper = mapper;
  }

  /**
   * Inserts new alerts in one statement; returns the ids of those inserted (an alert whose
   * fingerprint another writer has active already is skipped). Callers pass them in fingerprint
   * order, so two writers inserting overlapping sets wait on each other in one order.
   */
  public Set<UUID> insertAll(List<AlertRecord> records) {
    List<Object[]> rows = new ArrayList<>(records.size());
    for (AlertRecord alert : records) {
      rows.add(
          new Object[] {
            alert.id(),
            alert.fingerprint(),
            alert.name(),
            alert.severity().name(),
            alert.state().name(),
            json(alert.labels()),
            json(alert.annotations()),
            alert.value(),
            alert.source(),
            alert.startsAt(),
            alert.deploymentId(),
            alert.suppressedReason(),
            alert.dependencyTarget(),
            alert.firedAt()
          });
    }
    return new HashSet<>(
        jdbc.listRows(
            "insert into alert (id, fingerprint, name, severity, state, labels, annotations, value,"
                + " source, starts_at, deployment_id, suppressed_reason, dependency_target, fired_at)",
            "(?::uuid, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::float8, ?, ?::timestamptz, ?::uuid, ?, ?,"
                + " ?::timestamptz)",
            rows,
            " on conflict (fingerprint) where " + ACTIVE + " do nothing returning id",
            rs -> rs.getObject(1, UUID.class)));
  }

  /** The active alert with this fingerprint, locked for update. */
  public Optional<AlertRecord> findActiveForUpdate(String fingerprint) {
    return jdbc.one(
        "select " + COLUMNS + " from alert where fingerprint = ? and " + ACTIVE + " for update",
        this::read,
        fingerprint);
  }

  /**
   * The active alerts with these fingerprints, locked for update in fingerprint order (so two
   * transactions locking overlapping sets cannot deadlock): one query for a whole webhook.
   */
  public Map<String, AlertRecord> findAllActiveForUpdate(Collection<String> fingerprints) {
    Map<String, AlertRecord> found = new HashMap<>();
    if (fingerprints.isEmpty()) {
      return found;
    }
    for (AlertRecord a :
        jdbc.list(
            "select "
                + COLUMNS
                + " from alert where fingerprint = any(?) and "
                + ACTIVE
                + " order by fingerprint for update",
            this::read,
            (Object) fingerprints.toArray(String[]::new))) {
      found.put(a.fingerprint(), a);
    }
    return found;
  }

  /**
   * Which of these fingerprints have an active alert: a plain read (no lock, no row decoding), so a
   * webhook that only repeats open alerts writes nothing and its commit waits for no WAL flush.
   */
  public Set<String> activeAmong(Collection<String> fingerprints) {
    if (fingerprints.isEmpty()) {
      return Set.of();
    }
    return new HashSet<>(
        jdbc.list(
            "select fingerprint from alert where fingerprint = any(?) and " + ACTIVE,
            rs -> rs.getString(1),
            (Object) fingerprints.toArray(String[]::new)));
  }

  /** One alert by id. */
  public Optional<AlertRecord> find(UUID id) {
    return jdbc.one("select " + COLUMNS + " from alert where id = ?", this::read, id);
  }

  /** Alerts matching the query, newest first. */
  public List<AlertRecord> query(AlertQuery q) {
    StringBuilder sql = new StringBuilder("select " + COLUMNS + " from alert where true");
    List<Object> args = new ArrayList<>();
    if (q.service() != null) {
      sql.append(" and labels ->> 'service' = ?");
      args.add(q.service());
    }
    if (q.environment() != null) {
      sql.append(" and labels ->> 'environment' = ?");
      args.add(q.environment());
    }
    if (q.severity() != null) {
      sql.append(" and severity = ?");
      args.add(q.severity().name());
    }
    if (q.state() != null) {
      sql.append(" and state = ?");
      args.add(q.state().name());
    }
    if (q.name() != null) {
      sql.append(" and name = ?");
      args.add(q.name());
    }
    if (q.since() != null) {
      sql.append(" and starts_at >= ?");
      args.add(q.since());
    }
    if (q.until() != null) {
      sql.append(" and starts_at < ?");
      args.add(q.until());
    }
    sql.append(" order by starts_at desc, id limit ?");
    args.add(q.limit());
    return jdbc.list(sql.toString(), this::read, args.toArray());
  }

  /** Firing or acknowledged P0/P1 alerts of a service/environment (the deploy gate). */
  public List<AlertRecord> blocking(String service, String environment) {
    return jdbc.list(
        "select "
            + COLUMNS
            + " from alert where state in ('FIRING', 'ACKNOWLEDGED') and severity in ('P0', 'P1')"
            + " and labels ->> 'service' = ? and labels ->> 'environment' = ? order by starts_at",
        this::read,
        service,
        environment);
  }

  /** Every active alert that is not pending (the possible sources of an inhibition). */
  public List<AlertRecord> activeNotPending() {
    return jdbc.list(
        "select " + COLUMNS + " from alert where state in ('FIRING', 'ACKNOWLEDGED', 'SUPPRESSED')",
        this::read);
  }

  /** Whether a health alert for this target is active (a down dependency). */
  public boolean targetActive(String name, String target) {
    return jdbc.one(
            "select 1 from alert where name = ? and labels ->> 'target' = ?"
                + " and state in ('FIRING', 'ACKNOWLEDGED', 'SUPPRESSED') limit 1",
            rs -> Boolean.TRUE,
            name,
            target)
        .isPresent();
  }

  /** Suppressed alerts, locked, skipping those another replica is rechecking. */
  public List<AlertRecord> suppressedForUpdate(int limit) {
    return jdbc.list(
        "select "
            + COLUMNS
            + " from alert where state = 'SUPPRESSED' order by starts_at, id limit ?"
            + " for update skip locked",
        this::read,
        limit);
  }

  /** Firing and acknowledged alerts: the ones a new silence, window or inhibition may mute. */
  public List<AlertRecord> announcedActive() {
    return jdbc.list(
        "select " + COLUMNS + " from alert where state in ('FIRING', 'ACKNOWLEDGED')", this::read);
  }

  /**
   * Suppressed alerts whose reason starts with {@code prefix}, locked in start order. Rows the
   * periodic recheck holds are waited for, not skipped: that recheck may have judged them before
   * the caller's change (a silence just expired) and keep them muted; skipping them left such an
   * alert muted until the next recheck. The recheck skips locked rows, never waits, so the two
   * cannot deadlock.
   */
  public List<AlertRecord> suppressedForUpdate(String prefix) {
    return jdbc.list(
        "select "
            + COLUMNS
            + " from alert where state = 'SUPPRESSED' and starts_with(suppressed_reason, ?)"
            + " order by starts_at, id for update",
        this::read,
        prefix);
  }

  /**
   * FIRING or ACKNOWLEDGED → SUPPRESSED, only if the alert is still in {@code from} (a conditional
   * UPDATE: a concurrent ack, resolve or second replica makes it false). The acknowledgement is
   * kept, so a release gives an acknowledged alert back to its owner.
   */
  public boolean mute(UUID id, AlertState from, String reason) {
    return jdbc.update(
            "update alert set state = 'SUPPRESSED', suppressed_reason = ? where id = ? and state = ?",
            reason,
            id,
            from.name())
        == 1;
  }

  /**
   * SUPPRESSED → ACKNOWLEDGED when someone had acknowledged it before it was muted, else FIRING
   * (announced at {@code at} if never before); the new state, or empty if it was not suppressed.
   */
  public Optional<AlertState> release(UUID id, Instant at) {
    return jdbc.one(
        "update alert set state = case when acknowledged_by is null then 'FIRING'"
            + " else 'ACKNOWLEDGED' end, suppressed_reason = null,"
            + " fired_at = case when acknowledged_by is null then coalesce(fired_at, ?)"
            + " else fired_at end where id = ? and state = 'SUPPRESSED' returning state",
        rs -> AlertState.valueOf(rs.getString(1)),
        at,
        id);
  }

  /** Ends active alerts, each at its time, in one statement; returns the ids that were active. */
  public List<UUID> resolveAll(Map<UUID, Instant> endsAt) {
    List<Object[]> rows = new ArrayList<>(endsAt.size());
    endsAt.forEach((id, at) -> rows.add(new Object[] {id, at}));
    return jdbc.listRows(
        "update alert as a set state = 'RESOLVED', ends_at = v.ends_at from (",
        "(?::uuid, ?::timestamptz)",
        rows,
        ") as v(id, ends_at) where a.id = v.id and a." + ACTIVE + " returning a.id",
        rs -> rs.getObject(1, UUID.class));
  }

  /** FIRING → ACKNOWLEDGED; false when the alert is in any other state (resolved, acked, ...). */
  public boolean acknowledge(UUID id, String by, Instant at) {
    return jdbc.update(
            "update alert set state = 'ACKNOWLEDGED', acknowledged_by = ?, acknowledged_at = ?,"
                + " first_acknowledged_at = coalesce(first_acknowledged_at, ?)"
                + " where id = ? and state = 'FIRING'",
            by,
            at,
            at,
            id)
        == 1;
  }

  /** ACKNOWLEDGED → FIRING; false when the alert is not acknowledged (e.g. resolved meanwhile). */
  public boolean unacknowledge(UUID id) {
    return jdbc.update(
            "update alert set state = 'FIRING', acknowledged_by = null, acknowledged_at = null"
                + " where id = ? and state = 'ACKNOWLEDGED'",
            id)
        == 1;
  }

  /** PENDING or SUPPRESSED → FIRING and announced at {@code at}; false if in another state. */
  public boolean markFiring(UUID id, Instant at) {
    return jdbc.update(
            "update alert set state = 'FIRING', suppressed_reason = null,"
                + " fired_at = coalesce(fired_at, ?) where id = ? and state in ('PENDING', 'SUPPRESSED')",
            at,
            id)
        == 1;
  }

  /** PENDING → SUPPRESSED (or a suppressed alert's new reason). */
  public boolean markSuppressed(UUID id, String reason) {
    return jdbc.update(
            "update alert set state = 'SUPPRESSED', suppressed_reason = ?"
                + " where id = ? and state in ('PENDING', 'SUPPRESSED')",
            reason,
            id)
        == 1;
  }

  /** Forgets the down dependency of a suppressed alert (health no longer names one). */
  public void clearDependency(UUID id) {
    jdbc.update("update alert set dependency_target = null where id = ?", id);
  }

  /** Updates an active alert's value (rule evaluations). */
  public void updateValue(UUID id, Double value) {
    jdbc.update("update alert set value = ? where id = ?", value, id);
  }

  /** Deletes a pending alert that never fired (Prometheus forgets those too). */
  public boolean deletePending(UUID id) {
    return jdbc.update("delete from alert where id = ? and state = 'PENDING'", id) == 1;
  }

  private AlertRecord read(ResultSet rs) throws SQLException {
    return new AlertRecord(
        rs.getObject(1, UUID.class),
        rs.getString(2),
        rs.getString(3),
        Severity.valueOf(rs.getString(4)),
        AlertState.valueOf(rs.getString(5)),
        parse(rs.getString(6), LABELS),
        parse(rs.getString(7), ANNOTATIONS),
        (Double) rs.getObject(8),
        rs.getString(9),
        Jdbc.instant(rs, 10),
        Jdbc.instant(rs, 11),
        rs.getString(12),
        Jdbc.instant(rs, 13),
        rs.getObject(14, UUID.class),
        rs.getString(15),
        rs.getString(16),
        Jdbc.instant(rs, 17),
        Jdbc.instant(rs, 18));
  }

  private String json(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private <T> T parse(String text, TypeReference<T> type) {
    try {
      return mapper.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
