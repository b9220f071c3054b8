package dev.autopilot.platform.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autopilot.platform.config.PlatformConfig;
import dev.autopilot.platform.event.CloudEventCodec;
import dev.autopilot.platform.event.EventData;
import dev.autopilot.platform.event.TraceContext;
import dev.autopilot.platform.store.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes events to the outbox table in the caller's transaction, so an event exists if and only if
 * the state change that caused it was committed. {@link OutboxRelay} publishes the rows.
 */
@ApplicationScoped
public class Outbox {
  /** The channel the relay LISTENs on; NOTIFY is delivered when the writing transaction commits. */
  static final String CHANNEL = "autopilot_outbox";

  private static final String INSERT =
      "insert into outbox (event_id, topic, msg_key, headers, payload)";
  private static final String ROW = "(?, ?, ?, ?::jsonb, ?)";

  private final Jdbc jdbc;
  private final CloudEventCodec codec;
  private final ObjectMapper mapper;
  private final String source;

  public Outbox(Jdbc jdbc, CloudEventCodec codec, ObjectMapper mapper, PlatformConfig config) {
    this.jdbc = jdbc;
    this.codec = codec;
    this.mapper = mapper;
    this.source = "/" + config.serviceName();
  }

  /** Appends an event; returns its CloudEvents id. Must run inside a transaction. */
  @Transactional(Transactional.TxType.MANDATORY)
  public UUID append(EventData data) {
    return appendAll(List.of(data)).get(0);
  }

  /**
   * Appends events in one statement (and one NOTIFY), in order; returns their CloudEvents ids. Must
   * run inside a transaction.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public List<UUID> appendAll(List<? extends EventData> events) {
    if (events.isEmpty()) {
      return List.of();
    }
    List<UUID> ids = new ArrayList<>(events.size());
    List<Object[]> rows = new ArrayList<>(events.size());
    Instant now = Instant.now();
    for (EventData data : events) {
      UUID id = UUID.randomUUID();
      Map<String, String> headers =
          codec.headers(data, id.toString(), source, now, TraceContext.childOrNew());
      ids.add(id);
      rows.add(
          new Object[] {
            id.toString(), data.topic(), data.subject(), json(headers), codec.encode(data)
          });
    }
    jdbc.updateRows(INSERT, ROW, rows, "");
    notifyRelay();
    return ids;
  }

  /** Appends an already encoded record (dead letters, replays). Must run inside a transaction. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void appendRaw(
      String eventId, String topic, String key, Map<String, String> headers, byte[] payload) {
    jdbc.updateRows(
        INSERT,
        ROW,
        List.<Object[]>of(new Object[] {eventId, topic, key, json(headers), payload}),
        "");
    notifyRelay();
  }

  private void notifyRelay() {
    jdbc.one("select pg_notify(?, '')", row -> Boolean.TRUE, CHANNEL);
  }

  private String json(Map<String, String> headers) {
    try {
      return mapper.writeValueAsString(headers);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode outbox headers", e);
    }
  }
}
