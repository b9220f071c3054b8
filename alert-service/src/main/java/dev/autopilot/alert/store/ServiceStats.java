package dev.autopilot.alert.store;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Response figures of one service over a time range.
 *
 * @param alerts alerts that were announced (fired) in the range
 * @param acknowledged of those, how many were acknowledged
 * @param resolved of those, how many were resolved
 * @param mttaSeconds mean time from firing to the first acknowledgement (null: none acked)
 * @param mttrSeconds mean time from start to resolution (null: none resolved)
 */
@RegisterForReflection
public record ServiceStats(
    String service,
    long alerts,
    long acknowledged,
    long resolved,
    Double mttaSeconds,
    Double mttrSeconds) {}
