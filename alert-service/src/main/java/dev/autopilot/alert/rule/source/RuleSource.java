package dev.autopilot.alert.rule.source;

import dev.autopilot.alert.rule.Rule;
import dev.autopilot.alert.rule.Series;
import java.time.Instant;
import java.util.List;

/** Computes a rule's series at an evaluation time (before the threshold is applied). */
public interface RuleSource {
  /**
   * The series.
   *
   * @throws RuntimeException when the source cannot answer; the rule's health shows it and its
   *     alerts keep their state
   */
  List<Series> evaluate(Rule rule, Instant at);
}
