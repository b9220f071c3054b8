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
    UUID id = UUID.randomUUID();
    Map<String, String> headers =
        codec.headers(data, id.toString(), source, Instant.now(), TraceContext.childOrNew());
    appendRaw(id.toString(), data.topic(), data.subject(), headers, codec.encode(data));
    return id;
  }

  /** Appends an already encoded record (dead letters, replays). Must run inside a transaction. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void appendRaw(
      String eventId, String topic, String key, Map<String, String> headers, byte[] payload) {
    jdbc.update(
        "insert into outbox (event_id, topic, msg_key, headers, payload)"
            + " values (?, ?, ?, ?::jsonb, ?)",
        eventId,
        topic,
        key,
        json(headers),
        payload);
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
