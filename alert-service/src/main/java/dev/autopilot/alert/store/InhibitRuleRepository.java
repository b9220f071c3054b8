package dev.autopilot.alert.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autopilot.platform.store.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Inhibit rules made through the API, in Postgres (shared by every replica). */
@ApplicationScoped
public class InhibitRuleRepository {
  private static final String COLUMNS =
      "id, source_matchers::text, target_matchers::text, equal_labels::text, comment, created_by,"
          + " created_at, updated_at";
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  private final Jdbc jdbc;
  private final ObjectMapper mapper;

  public InhibitRuleRepository(Jdbc jdbc, ObjectMapper mapper) {
    this.jdbc = jdbc;
    this.mapper = mapper;
  }

  /** Inserts a rule, or replaces the one with this id (keeping its creation time). */
  public void save(
      UUID id,
      List<String> source,
      List<String> target,
      List<String> equal,
      String comment,
      String by,
      Instant now) {
    jdbc.update(
        "insert into inhibit_rule (id, source_matchers, target_matchers, equal_labels, comment,"
            + " created_by, created_at, updated_at) values (?, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?,"
            + " ?, ?) on conflict (id) do update set source_matchers = excluded.source_matchers,"
            + " target_matchers = excluded.target_matchers, equal_labels = excluded.equal_labels,"
            + " comment = excluded.comment, created_by = excluded.created_by,"
            + " updated_at = excluded.updated_at",
        id,
        json(source),
        json(target),
        json(equal),
        comment,
        by,
        now,
        now);
  }

  /** Every stored rule, oldest first. */
  public List<InhibitRuleRecord> all() {
    return jdbc.list(
        "select " + COLUMNS + " from inhibit_rule order by created_at, id", this::read);
  }

  /** One rule. */
  public Optional<InhibitRuleRecord> find(UUID id) {
    return jdbc.one("select " + COLUMNS + " from inhibit_rule where id = ?", this::read, id);
  }

  /** Deletes a rule; false if unknown. */
  public boolean delete(UUID id) {
    return jdbc.update("delete from inhibit_rule where id = ?", id) == 1;
  }

  private InhibitRuleRecord read(ResultSet rs) throws SQLException {
    try {
      return new InhibitRuleRecord(
          rs.getObject(1, UUID.class).toString(),
          mapper.readValue(rs.getString(2), STRINGS),
          mapper.readValue(rs.getString(3), STRINGS),
          mapper.readValue(rs.getString(4), STRINGS),
          rs.getString(5),
          "api",
          rs.getString(6),
          Jdbc.instant(rs, 7),
          Jdbc.instant(rs, 8));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private String json(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
