package dev.autopilot.alert.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autopilot.platform.store.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rule evaluation state in Postgres: per-instance pending/firing state, per-rule health, per-group
 * last evaluation, and the group lock (a transaction-scoped advisory lock).
 */
@ApplicationScoped
public class RuleStateRepository {
  private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {};

  private final Jdbc jdbc;
  private final ObjectMapper mapper;

  public RuleStateRepository(Jdbc jdbc, ObjectMapper mapper) {
    this.jdbc = jdbc;
    this.mapper = mapper;
  }

  /** A stored instance. */
  public record Instance(
      String fingerprint,
      Map<String, String> labels,
      double value,
      boolean firing,
      Instant activeAt,
      Instant firedAt,
      Instant keepFiringSince) {}

  /** A rule's health. */
  public record Health(
      String ruleKey, Instant lastEvaluation, double durationMs, String lastError) {}

  /**
   * Takes the group's lock for the current transaction; false when another replica holds it. The
   * lock ends with the transaction.
   */
  public boolean tryLockGroup(String group) {
    return jdbc.one(
            "select pg_try_advisory_xact_lock(hashtext('alert-rule-group'), hashtext(?))",
            rs -> rs.getBoolean(1),
            group)
        .orElse(false);
  }

  /** When the group was last evaluated (by any replica). */
  public Optional<Instant> lastEvaluation(String group) {
    return jdbc.one(
        "select last_evaluation from rule_group_state where group_key = ?",
        rs -> Jdbc.instant(rs, 1),
        group);
  }

  /** Records the group's evaluation. */
  public void evaluated(String group, Instant at) {
    jdbc.update(
        "insert into rule_group_state (group_key, last_evaluation) values (?, ?)"
            + " on conflict (group_key) do update set last_evaluation = excluded.last_evaluation",
        group,
        at);
  }

  /** The instances of a rule. */
  public List<Instance> instances(String ruleKey) {
    return jdbc.list(
        "select fingerprint, labels::text, value, firing, active_at, fired_at, keep_firing_since"
            + " from rule_instance where rule_key = ?",
        rs ->
            new Instance(
                rs.getString(1),
                labels(rs.getString(2)),
                rs.getDouble(3),
                rs.getBoolean(4),
                Jdbc.instant(rs, 5),
                Jdbc.instant(rs, 6),
                Jdbc.instant(rs, 7)),
        ruleKey);
  }

  /** Writes an instance. */
  public void save(String ruleKey, Instance i) {
    try {
      jdbc.update(
          "insert into rule_instance (rule_key, fingerprint, labels, value, firing, active_at,"
              + " fired_at, keep_firing_since) values (?, ?, ?::jsonb, ?, ?, ?, ?, ?)"
              + " on conflict (rule_key, fingerprint) do update set value = excluded.value,"
              + " firing = excluded.firing, fired_at = excluded.fired_at,"
              + " keep_firing_since = excluded.keep_firing_since",
          ruleKey,
          i.fingerprint(),
          mapper.writeValueAsString(i.labels()),
          i.value(),
          i.firing(),
          i.activeAt(),
          i.firedAt(),
          i.keepFiringSince());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Deletes an instance. */
  public void delete(String ruleKey, String fingerprint) {
    jdbc.update(
        "delete from rule_instance where rule_key = ? and fingerprint = ?", ruleKey, fingerprint);
  }

  /** Deletes every instance of a rule (the rule was deleted). */
  public List<String> deleteAll(String ruleKey) {
    List<String> fps =
        jdbc.list(
            "select fingerprint from rule_instance where rule_key = ?",
            rs -> rs.getString(1),
            ruleKey);
    jdbc.update("delete from rule_instance where rule_key = ?", ruleKey);
    jdbc.update("delete from rule_health where rule_key = ?", ruleKey);
    return fps;
  }

  /** Records a rule's evaluation. */
  public void health(String ruleKey, Instant at, double durationMs, String error) {
    jdbc.update(
        "insert into rule_health (rule_key, last_evaluation, duration_ms, last_error)"
            + " values (?, ?, ?, ?) on conflict (rule_key) do update set"
            + " last_evaluation = excluded.last_evaluation, duration_ms = excluded.duration_ms,"
            + " last_error = excluded.last_error",
        ruleKey,
        at,
        durationMs,
        error);
  }

  /** Every rule's health. */
  public Map<String, Health> healths() {
    Map<String, Health> all = new java.util.HashMap<>();
    jdbc.list(
            "select rule_key, last_evaluation, duration_ms, last_error from rule_health",
            rs ->
                new Health(rs.getString(1), Jdbc.instant(rs, 2), rs.getDouble(3), rs.getString(4)))
        .forEach(h -> all.put(h.ruleKey(), h));
    return all;
  }

  private Map<String, String> labels(String json) {
    try {
      return mapper.readValue(json, LABELS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
