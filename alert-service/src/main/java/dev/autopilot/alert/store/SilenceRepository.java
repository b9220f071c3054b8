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

/** Silences in Postgres. */
@ApplicationScoped
public class SilenceRepository {
  private static final String COLUMNS =
      "id, matchers::text, starts_at, ends_at, created_by, comment, updated_at";
  private static final TypeReference<List<MatcherSpec>> MATCHERS = new TypeReference<>() {};

  private final Jdbc jdbc;
  private final ObjectMapper mapper;

  public SilenceRepository(Jdbc jdbc, ObjectMapper mapper) {
    this.jdbc = jdbc;
    this.mapper = mapper;
  }

  /** Inserts or replaces a silence. */
  public void save(
      UUID id,
      List<MatcherSpec> matchers,
      Instant startsAt,
      Instant endsAt,
      String createdBy,
      String comment,
      Instant now) {
    jdbc.update(
        "insert into silence (id, matchers, starts_at, ends_at, created_by, comment, created_at,"
            + " updated_at) values (?, ?::jsonb, ?, ?, ?, ?, ?, ?) on conflict (id) do update set"
            + " matchers = excluded.matchers, starts_at = excluded.starts_at,"
            + " ends_at = excluded.ends_at, created_by = excluded.created_by,"
            + " comment = excluded.comment, updated_at = excluded.updated_at",
        id,
        json(matchers),
        startsAt,
        endsAt,
        createdBy,
        comment,
        now,
        now);
  }

  /** One silence. */
  public Optional<SilenceRecord> find(UUID id, Instant now) {
    return jdbc.one("select " + COLUMNS + " from silence where id = ?", rs -> read(rs, now), id);
  }

  /** Silences, newest end first; {@code status} filters (pending, active, expired) when set. */
  public List<SilenceRecord> list(String status, Instant now) {
    String sql = "select " + COLUMNS + " from silence";
    String order = " order by ends_at desc limit 1000";
    return switch (status == null ? "" : status) {
      case "active" ->
          jdbc.list(
              sql + " where starts_at <= ? and ends_at > ?" + order, rs -> read(rs, now), now, now);
      case "pending" ->
          jdbc.list(
              sql + " where starts_at > ? and ends_at > ?" + order, rs -> read(rs, now), now, now);
      case "expired" -> jdbc.list(sql + " where ends_at <= ?" + order, rs -> read(rs, now), now);
      default -> jdbc.list(sql + order, rs -> read(rs, now));
    };
  }

  /** Silences active at {@code now}. */
  public List<SilenceRecord> active(Instant now) {
    return list("active", now);
  }

  /** Ends a silence now; false if it had already ended. */
  public boolean expire(UUID id, Instant now) {
    return jdbc.update(
            "update silence set ends_at = ?, starts_at = least(starts_at, ?), updated_at = ?"
                + " where id = ? and ends_at > ?",
            now,
            now,
            now,
            id,
            now)
        == 1;
  }

  private SilenceRecord read(ResultSet rs, Instant now) throws SQLException {
    Instant starts = Jdbc.instant(rs, 3);
    Instant ends = Jdbc.instant(rs, 4);
    try {
      return new SilenceRecord(
          rs.getObject(1, UUID.class),
          mapper.readValue(rs.getString(2), MATCHERS),
          starts,
          ends,
          rs.getString(5),
          rs.getString(6),
          Jdbc.instant(rs, 7),
          SilenceRecord.statusAt(starts, ends, now));
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
