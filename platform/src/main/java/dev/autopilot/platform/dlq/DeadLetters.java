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

  /**
   * The most payload bytes a {@code .dlq} record carries: with its headers it stays under the
   * producer's and broker's 1 MiB record limit.
   */
  static final int MAX_PUBLISHED_PAYLOAD = 768 * 1024;

  /** The most characters of one header value (and of the key) kept with a dead letter. */
  static final int MAX_HEADER_CHARS = 4096;

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

  /**
   * Records a failed record once (a redelivered failure is not recorded twice).
   *
   * <p>Whatever the record holds, this must succeed, or the consumer could never move past it: text
   * that Postgres cannot store (NUL) is escaped in the key, headers and reason, a header value is
   * cut at {@value #MAX_HEADER_CHARS} characters, and the payload published to the {@code .dlq}
   * topic is cut to fit a Kafka record (a record at the broker's size limit plus the dead-letter
   * headers would not), marked {@value DeadLetterHeaders#PAYLOAD_TRUNCATED} with the original size;
   * the table keeps the whole payload for replay.
   */
  public void record(ConsumerRecord<String, byte[]> record, String consumer, String reason) {
    Map<String, String> original = new LinkedHashMap<>();
    for (Header h : record.headers()) {
      original.put(
          storable(h.key()),
          h.value() == null
              ? ""
              : truncate(
                  storable(new String(h.value(), StandardCharsets.UTF_8)), MAX_HEADER_CHARS));
    }
    String safeReason = reason == null ? "unknown" : truncate(storable(reason), 1000);
    String key = record.key() == null ? null : truncate(storable(record.key()), MAX_HEADER_CHARS);
    byte[] payload = record.value() == null ? new byte[0] : record.value();
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
                      key,
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
              byte[] published = payload;
              if (payload.length > MAX_PUBLISHED_PAYLOAD) {
                published = java.util.Arrays.copyOf(payload, MAX_PUBLISHED_PAYLOAD);
                headers.put(DeadLetterHeaders.PAYLOAD_TRUNCATED, Integer.toString(payload.length));
              }
              outbox.appendRaw(
                  UUID.randomUUID().toString(),
                  Topics.dlqOf(record.topic()),
                  key,
                  headers,
                  published);
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

  /**
   * Text Postgres can store: it refuses NUL in text and jsonb, so NUL is written as the six
   * characters {@code \\u0000}.
   */
  static String storable(String s) {
    return s.indexOf('\u0000') < 0 ? s : s.replace("\u0000", "\\u0000");
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max) + "…";
  }
}
