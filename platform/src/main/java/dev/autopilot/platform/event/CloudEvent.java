package dev.autopilot.platform.event;

import java.time.Instant;

/**
 * The CloudEvents 1.0 attributes of one consumed event plus its decoded data.
 *
 * @param plainJson true when the record had no ce_ headers (accepted only on topics outside systems
 *     write); the id is then derived from topic, partition and offset
 */
public record CloudEvent<T>(
    String id,
    String source,
    String type,
    String subject,
    Instant time,
    String traceparent,
    boolean plainJson,
    T data) {}
