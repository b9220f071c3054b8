package dev.autopilot.alert.rule;

import dev.autopilot.platform.event.v1.Severity;
import java.time.Duration;
import java.util.Map;

/**
 * A validated rule, ready to evaluate.
 *
 * @param key {@code group/name}, the rule's identity
 * @param origin {@code api} or the file it came from (read-only through the API)
 */
public record Rule(
    String key,
    String group,
    String name,
    String source,
    String expr,
    SamplesExpr samples,
    EventExpr event,
    Comparison comparison,
    Double threshold,
    Duration holdFor,
    Duration keepFiringFor,
    Duration interval,
    Severity severity,
    Map<String, String> labels,
    Map<String, String> annotations,
    String origin,
    RuleDefinition definition) {

  public static final String SAMPLES = "samples";
  public static final String EVENTS = "events";
  public static final String PROMETHEUS = "prometheus";

  /** Whether a result value satisfies the rule (always, for a prometheus rule without one). */
  public boolean holds(double value) {
    return comparison == null || comparison.holds(value, threshold);
  }
}
