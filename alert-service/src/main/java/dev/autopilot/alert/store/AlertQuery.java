package dev.autopilot.alert.store;

import dev.autopilot.platform.event.v1.Severity;
import java.time.Instant;

/**
 * A search over alerts; null fields do not filter.
 *
 * @param since alerts that started at or after this time
 * @param until alerts that started before this time
 */
public record AlertQuery(
    String service,
    String environment,
    Severity severity,
    AlertState state,
    String name,
    Instant since,
    Instant until,
    int limit) {}
