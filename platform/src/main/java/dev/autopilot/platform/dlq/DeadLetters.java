package dev.autopilot.platform.dlq;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autopilot.platform.event.Topics;
import dev.autopilot.platform.outbox.Outbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
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

  private final DataSource dataSource;
  private final Outbox outbox;
  private final ObjectMapper mapper;

  public DeadLetters(DataSource dataSource, Outbox outbox, ObjectMapper mapper) {
    this.dataSource = dataSource;
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
              try (Connection c = dataSource.getConnection();
                  PreparedStatement insert =
                      c.prepareStatement(
                          "insert into dead_letter (consumer, topic, record_partition,"
                              + " record_offset, msg_key, headers, payload, reason)"
                              + " values (?, ?, ?, ?, ?, ?::jsonb, ?, ?) on conflict do nothing")) {
                insert.setString(1, consumer);
                insert.setString(2, record.topic());
                insert.setInt(3, record.partition());
                insert.setLong(4, record.offset());
                insert.setString(5, record.key());
                insert.setString(6, json(original));
                insert.setBytes(7, record.value());
                insert.setString(8, safeReason);
                if (insert.executeUpdate() == 0) {
                  return;
                }
              } catch (SQLException e) {
                throw new IllegalStateException("dead-letter table unavailable", e);
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
    String sql =
        "select id, consumer, topic, record_partition, record_offset, msg_key, headers::text,"
            + " payload, reason, failed_at, replayed_at from dead_letter"
            + (topic == null ? "" : " where topic = ?")
            + " order by id desc limit ?";
    try (Connection c = dataSource.getConnection();
        PreparedStatement select = c.prepareStatement(sql)) {
      int i = 1;
      if (topic != null) {
        select.setString(i++, topic);
      }
      select.setInt(i, limit);
      List<DeadLetter> result = new ArrayList<>();
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          result.add(read(rs));
        }
      }
      return result;
    } catch (SQLException e) {
      throw new IllegalStateException("dead-letter table unavailable", e);
    }
  }

  /** One dead letter. */
  public Optional<DeadLetter> find(long id) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement select =
            c.prepareStatement(
                "select id, consumer, topic, record_partition, record_offset, msg_key,"
                    + " headers::text, payload, reason, failed_at, replayed_at"
                    + " from dead_letter where id = ?")) {
      select.setLong(1, id);
      try (ResultSet rs = select.executeQuery()) {
        return rs.next() ? Optional.of(read(rs)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("dead-letter table unavailable", e);
    }
  }

  /**
   * Re-publishes a dead letter to its original topic with its original headers (so the consumer's
   * inbox still recognises an event it did process). Returns false when there is no such letter.
   */
  public boolean replay(long id) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              try (Connection c = dataSource.getConnection();
                  PreparedStatement select =
                      c.prepareStatement(
                          "select topic, msg_key, headers::text, payload from dead_letter"
                              + " where id = ? for update");
                  PreparedStatement mark =
                      c.prepareStatement(
                          "update dead_letter set replayed_at = now() where id = ?")) {
                select.setLong(1, id);
                try (ResultSet rs = select.executeQuery()) {
                  if (!rs.next()) {
                    return false;
                  }
                  byte[] payload = rs.getBytes(4);
                  outbox.appendRaw(
                      UUID.randomUUID().toString(),
                      rs.getString(1),
                      rs.getString(2),
                      mapper.readValue(rs.getString(3), HEADERS),
                      payload == null ? new byte[0] : payload);
                }
                mark.setLong(1, id);
                mark.executeUpdate();
                return true;
              }
            });
  }

  private DeadLetter read(ResultSet rs) throws SQLException {
    byte[] payload = rs.getBytes(8);
    Timestamp replayed = rs.getTimestamp(11);
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
          rs.getTimestamp(10).toInstant(),
          replayed == null ? null : replayed.toInstant());
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
