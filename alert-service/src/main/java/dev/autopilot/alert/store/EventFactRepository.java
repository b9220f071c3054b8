package dev.autopilot.alert.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autopilot.platform.store.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Facts from the suite's events (kind, subject, labels, time) that {@code events} rules read. */
@ApplicationScoped
public class EventFactRepository {
  private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {};

  private final Jdbc jdbc;
  private final ObjectMapper mapper;

  public EventFactRepository(Jdbc jdbc, ObjectMapper mapper) {
    this.jdbc = jdbc;
    this.mapper = mapper;
  }

  /** One subject's value for an events rule. */
  public record SubjectValue(String subject, Map<String, String> labels, double value) {}

  /** Records a fact. */
  public void record(String kind, String subject, Map<String, String> labels, Instant at) {
    try {
      jdbc.update(
          "insert into event_fact (kind, subject, labels, at) values (?, ?, ?::jsonb, ?)",
          kind,
          subject,
          mapper.writeValueAsString(labels),
          at);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Subjects whose latest {@code bad} fact is newer than their latest {@code good} fact (value 1),
   * e.g. the last backup of a source failed.
   */
  public List<SubjectValue> latestIsBad(List<String> bad, List<String> good) {
    return jdbc.list(
        "select subject, (array_agg(labels::text order by at desc))[1],"
            + " max(at) filter (where kind = any (?::text[])) as bad,"
            + " max(at) filter (where kind = any (?::text[])) as good"
            + " from event_fact where kind = any (?::text[]) group by subject"
            + " having max(at) filter (where kind = any (?::text[])) is not null"
            + " and (max(at) filter (where kind = any (?::text[])) is null"
            + " or max(at) filter (where kind = any (?::text[]))"
            + " > max(at) filter (where kind = any (?::text[])))",
        rs -> new SubjectValue(rs.getString(1), labels(rs.getString(2)), 1.0),
        array(bad),
        array(good),
        array(concat(bad, good)),
        array(bad),
        array(good),
        array(bad),
        array(good));
  }

  /**
   * Hours since each subject's latest {@code good} fact (or since its first fact of any of {@code
   * kinds} when it never had one), e.g. hours since a source's last completed backup.
   */
  public List<SubjectValue> hoursSince(String good, List<String> kinds, Instant now) {
    return jdbc.list(
        "select subject, (array_agg(labels::text order by at desc))[1],"
            + " extract(epoch from (? - coalesce(max(at) filter (where kind = ?), min(at)))) / 3600"
            + " from event_fact where kind = any (?::text[]) group by subject",
        rs -> new SubjectValue(rs.getString(1), labels(rs.getString(2)), rs.getDouble(3)),
        now,
        good,
        array(kinds));
  }

  /** Facts of a kind per subject within the window. */
  public List<SubjectValue> countWithin(String kind, Duration window, Instant now) {
    return jdbc.list(
        "select subject, (array_agg(labels::text order by at desc))[1], count(*)"
            + " from event_fact where kind = ? and at > ? group by subject",
        rs -> new SubjectValue(rs.getString(1), labels(rs.getString(2)), rs.getLong(3)),
        kind,
        now.minus(window));
  }

  /** Deletes facts older than {@code keep} that are not the latest of their kind and subject. */
  public int prune(Duration keep, Instant now) {
    return jdbc.update(
        "delete from event_fact f where f.at < ? and exists (select 1 from event_fact g"
            + " where g.kind = f.kind and g.subject = f.subject and g.at > f.at)",
        now.minus(keep));
  }

  private static String array(List<String> values) {
    return "{" + String.join(",", values) + "}";
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }

  private Map<String, String> labels(String json) {
    try {
      return mapper.readValue(json, LABELS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
