package dev.autopilot.alert.store;

import dev.autopilot.platform.store.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** Rules created through the API, as JSON definitions (rule files stay in their files). */
@ApplicationScoped
public class RuleRepository {
  private final Jdbc jdbc;

  public RuleRepository(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /** A stored definition. */
  public record StoredRule(String group, String name, String definition) {}

  /** Inserts; false if the group already has a rule of that name. */
  public boolean insert(String group, String name, String definition, String by, Instant now) {
    return jdbc.update(
            "insert into alert_rule (group_name, name, definition, created_by, created_at,"
                + " updated_at) values (?, ?, ?::jsonb, ?, ?, ?) on conflict do nothing",
            group,
            name,
            definition,
            by,
            now,
            now)
        == 1;
  }

  /** Replaces; false if unknown. */
  public boolean update(String group, String name, String definition, Instant now) {
    return jdbc.update(
            "update alert_rule set definition = ?::jsonb, updated_at = ?"
                + " where group_name = ? and name = ?",
            definition,
            now,
            group,
            name)
        == 1;
  }

  /** Deletes; false if unknown. */
  public boolean delete(String group, String name) {
    return jdbc.update("delete from alert_rule where group_name = ? and name = ?", group, name)
        == 1;
  }

  /** Every API rule. */
  public List<StoredRule> all() {
    return jdbc.list(
        "select group_name, name, definition::text from alert_rule order by group_name, name",
        rs -> new StoredRule(rs.getString(1), rs.getString(2), rs.getString(3)));
  }
}
