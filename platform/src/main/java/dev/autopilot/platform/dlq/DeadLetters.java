package dev.autopilot.platform.dlq;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autopilot.platform.event.Topics;
import dev.autopilot.platform.outbox.Outbox;
import dev.autopilot.platform.store.Jdbc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * The dead-letter catalog: a failed record is kept in Postgres and published to {@code <topic>.dlq}
 * (through the outbox, in one transaction) with headers naming the reason, the original
 * topic/partition/offset and the consumer. Replay re-publishes the original record.
 */
@ApplicationScoped
public class DeadLetters {
  private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {};

  private static final String SELECT =
      "select id, consumer, topic, record_partition, record_offset, msg_key, headers::text,"
          + " payload, reason, failed_at, replayed_at from dead_letter";

  private final Jdbc jdbc;
  private final Outbox outbox;
  private final ObjectMapper mapper;

  public DeadLetters(Jdbc jdbc, Outbox outbox, ObjectMapper mapper) {
    this.jdbc = jdbc;
    this.outbox = outbox;
    this.mapper = mapper;
  }

  /** Records a failed record once (a redelivered failure is not recorded twice). */
  public void record(ConsumerRecord<String, byte[]> record, String consumer, String reason) {
    Map<String, String> original = new LinkedHashMap<>();
    for (Header h : record.headers()) {
      original.put(h.key(), h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8));
    }
    String safeReason = reason == null ? "unknown" : truncate(reason, 1000);
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              int inserted =
                  jdbc.update(
                      "insert into dead_letter (consumer, topic, record_partition, record_offset,"
                          + " msg_key, headers, payload, reason)"
                          + " values (?, ?, ?, ?, ?, ?::jsonb, ?, ?) on conflict do nothing",
                      consumer,
                      record.topic(),
                      record.partition(),
                      record.offset(),
                      record.key(),
                      json(original),
                      record.value(),
                      safeReason);
              if (inserted == 0) {
                return;
              }
              Map<String, String> headers = new LinkedHashMap<>(original);
              headers.put(DeadLetterHeaders.REASON, safeReason);
              headers.put(DeadLetterHeaders.TOPIC, record.topic());
              headers.put(DeadLetterHeaders.PARTITION, Integer.toString(record.partition()));
              headers.put(DeadLetterHeaders.OFFSET, Long.toString(record.offset()));
              headers.put(DeadLetterHeaders.CONSUMER, consumer);
              outbox.appendRaw(
                  UUID.randomUUID().toString(),
                  Topics.dlqOf(record.topic()),
                  record.key(),
                  headers,
                  record.value() == null ? new byte[0] : record.value());
            });
  }

  /** The newest dead letters, optionally of one topic. */
  public List<DeadLetter> list(String topic, int limit) {
    return topic == null
        ? jdbc.list(SELECT + " order by id desc limit ?", this::read, limit)
        : jdbc.list(SELECT + " where topic = ? order by id desc limit ?", this::read, topic, limit);
  }

  /** One dead letter. */
  public Optional<DeadLetter> find(long id) {
    return jdbc.one(SELECT + " where id = ?", this::read, id);
  }

  /**
   * Re-publishes a dead letter to its original topic with its original headers (so the consumer's
   * inbox still recognises an event it did process). Returns false when there is no such letter.
   */
  public boolean replay(long id) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              Optional<Stored> letter =
                  jdbc.one(
                      "select topic, msg_key, headers::text, payload from dead_letter"
                          + " where id = ? for update",
                      row ->
                          new Stored(
                              row.getString(1),
                              row.getString(2),
                              row.getString(3),
                              row.getBytes(4)),
                      id);
              if (letter.isPresent()) {
                Stored l = letter.get();
                outbox.appendRaw(
                    UUID.randomUUID().toString(),
                    l.topic(),
                    l.key(),
                    mapper.readValue(l.headers(), HEADERS),
                    l.payload() == null ? new byte[0] : l.payload());
                jdbc.update("update dead_letter set replayed_at = now() where id = ?", id);
              }
              return letter.isPresent();
            });
  }

  /** The raw row replay re-publishes: the payload's bytes, not their text. */
  private record Stored(String topic, String key, String headers, byte[] payload) {}

  private DeadLetter read(ResultSet rs) throws SQLException {
    byte[] payload = rs.getBytes(8);
    try {
      return new DeadLetter(
          rs.getLong(1),
          rs.getString(2),
          rs.getString(3),
          rs.getInt(4),
          rs.getLong(5),
          rs.getString(6),
          mapper.readValue(rs.getString(7), HEADERS),
          payload == null ? null : new String(payload, StandardCharsets.UTF_8),
          rs.getString(9),
          Jdbc.instant(rs, 10),
          Jdbc.instant(rs, 11));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private String json(Map<String, String> headers) {
    try {
      return mapper.writeValueAsString(headers);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max) + "…";
  }
}
