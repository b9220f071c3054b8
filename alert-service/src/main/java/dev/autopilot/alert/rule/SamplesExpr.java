package dev.autopilot.alert.rule;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * A windowed aggregation over pushed samples: {@code function} of the samples of {@code metric}
 * series matching {@code matchers} over the last {@code window}, one result per distinct value of
 * the {@code by} labels; with {@code denominator}, the ratio of the two (e.g. errors / requests).
 *
 * @param function avg, min, max, sum, count, last, rate (per second, counter resets handled), p95,
 *     p99
 * @param matchers Alertmanager-style matchers on the series' labels, e.g. {@code service="api"}
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = false)
public record SamplesExpr(
    String function,
    String metric,
    List<String> matchers,
    String window,
    List<String> by,
    SamplesExpr denominator) {}
