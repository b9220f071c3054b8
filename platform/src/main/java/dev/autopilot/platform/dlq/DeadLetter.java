package dev.autopilot.platform.dlq;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.Map;

/** One record a consumer could not process, as the admin API shows it. */
@RegisterForReflection
public record DeadLetter(
    long id,
    String consumer,
    String topic,
    int partition,
    long offset,
    String key,
    Map<String, String> headers,
    String payload,
    String reason,
    Instant failedAt,
    Instant replayedAt) {}
