package dev.autopilot.alert.rule.source;

import dev.autopilot.alert.matcher.Matchers;
import dev.autopilot.alert.rule.PromDuration;
import dev.autopilot.alert.rule.Rule;
import dev.autopilot.alert.rule.SamplesExpr;
import dev.autopilot.alert.rule.Series;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * {@code samples} rules: the window function over the matching series, one result per value of the
 * {@code by} labels (like PromQL's {@code by (...)}); with a denominator, numerator / denominator
 * of the same group (groups whose denominator is zero or absent give no result).
 */
@ApplicationScoped
public class SamplesSource implements RuleSource {
  private final SampleStore store;

  public SamplesSource(SampleStore store) {
    this.store = store;
  }

  @Override
  public List<Series> evaluate(Rule rule, Instant at) {
    SamplesExpr expr = rule.samples();
    List<String> by = expr.by() == null ? List.of() : expr.by();
    Map<Map<String, String>, OptionalDouble> numerator = aggregate(expr, by, at);
    Map<Map<String, String>, OptionalDouble> denominator =
        expr.denominator() == null ? null : aggregate(expr.denominator(), by, at);
    List<Series> result = new ArrayList<>();
    numerator.forEach(
        (group, value) -> {
          if (value.isEmpty()) {
            return;
          }
          if (denominator == null) {
            result.add(new Series(group, value.getAsDouble()));
            return;
          }
          OptionalDouble d = denominator.getOrDefault(group, OptionalDouble.empty());
          if (d.isPresent() && d.getAsDouble() != 0) {
            result.add(new Series(group, value.getAsDouble() / d.getAsDouble()));
          }
        });
    return result;
  }

  private Map<Map<String, String>, OptionalDouble> aggregate(
      SamplesExpr expr, List<String> by, Instant at) {
    long to = at.toEpochMilli();
    long from = to - PromDuration.parse(expr.window()).duration().toMillis();
    Map<Map<String, String>, List<SeriesBuffer.Window>> groups = new LinkedHashMap<>();
    store.forEach(
        expr.metric(),
        Matchers.parseAll(expr.matchers()),
        (labels, buffer) -> {
          Map<String, String> key = new TreeMap<>();
          for (String label : by) {
            key.put(label, labels.getOrDefault(label, ""));
          }
          groups.computeIfAbsent(key, k -> new ArrayList<>()).add(buffer.window(from, to));
        });
    Map<Map<String, String>, OptionalDouble> values = new LinkedHashMap<>();
    groups.forEach(
        (key, windows) -> values.put(key, WindowFunctions.apply(expr.function(), windows)));
    return values;
  }
}
