package dev.autopilot.alert.rule;

import dev.autopilot.alert.matcher.InvalidMatcherException;
import dev.autopilot.alert.matcher.Matchers;
import dev.autopilot.platform.event.v1.Severity;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Validates a {@link RuleDefinition} and compiles it into a {@link Rule}. */
public final class RuleCompiler {
  private static final Pattern NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final Pattern METRIC = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Set<String> FUNCTIONS =
      Set.of("avg", "min", "max", "sum", "count", "last", "rate", "p95", "p99");
  private static final Set<String> EVENT_KINDS =
      Set.of(
          "backup_failed",
          "backup_absent",
          "restore_failed",
          "deploy_failed",
          "notification_failed");

  private RuleCompiler() {}

  /**
   * Compiles.
   *
   * @throws InvalidRuleException naming the first wrong field
   */
  public static Rule compile(RuleDefinition d, String origin, Duration defaultInterval) {
    if (d.name() == null || !NAME.matcher(d.name()).matches()) {
      throw new InvalidRuleException("name", "must match [a-zA-Z_][a-zA-Z0-9_]*");
    }
    String group = d.group() == null || d.group().isBlank() ? "api" : d.group().strip();
    String source = d.source() == null ? Rule.PROMETHEUS : d.source();
    Comparison comparison = null;
    if (d.comparison() != null) {
      comparison = Comparison.of(d.comparison());
      if (comparison == null) {
        throw new InvalidRuleException("comparison", "must be one of >, >=, <, <=, ==, !=");
      }
      if (d.threshold() == null) {
        throw new InvalidRuleException("threshold", "is required with a comparison");
      }
    }
    switch (source) {
      case Rule.PROMETHEUS -> {
        if (d.expr() == null || d.expr().isBlank()) {
          throw new InvalidRuleException("expr", "is required for a prometheus rule");
        }
      }
      case Rule.SAMPLES -> {
        if (d.samples() == null) {
          throw new InvalidRuleException("samples", "is required for a samples rule");
        }
        checkSamples("samples", d.samples(), true);
        requireComparison(comparison);
      }
      case Rule.EVENTS -> {
        if (d.event() == null || d.event().kind() == null) {
          throw new InvalidRuleException("event.kind", "is required for an events rule");
        }
        if (!EVENT_KINDS.contains(d.event().kind())) {
          throw new InvalidRuleException("event.kind", "must be one of " + EVENT_KINDS);
        }
        duration("event.window", d.event().window(), Duration.ZERO);
        requireComparison(comparison);
      }
      default -> throw new InvalidRuleException("source", "must be samples, events or prometheus");
    }
    Duration holdFor = duration("for", d.forDuration(), Duration.ZERO);
    Duration keep = duration("keepFiringFor", d.keepFiringFor(), Duration.ZERO);
    Duration interval = duration("interval", d.interval(), defaultInterval);
    if (interval.isZero() || interval.isNegative()) {
      throw new InvalidRuleException("interval", "must be positive");
    }
    Map<String, String> labels = d.labels() == null ? Map.of() : new LinkedHashMap<>(d.labels());
    for (String label : labels.keySet()) {
      if (!NAME.matcher(label).matches()) {
        throw new InvalidRuleException("labels." + label, "is not a valid label name");
      }
    }
    Severity severity = d.severity() == null ? Severity.P2 : d.severity();
    return new Rule(
        group + "/" + d.name(),
        group,
        d.name(),
        source,
        d.expr(),
        d.samples(),
        d.event(),
        comparison,
        d.threshold(),
        holdFor,
        keep,
        interval,
        severity,
        labels,
        d.annotations() == null ? Map.of() : d.annotations(),
        origin,
        d);
  }

  private static void requireComparison(Comparison comparison) {
    if (comparison == null) {
      throw new InvalidRuleException("comparison", "is required (with threshold)");
    }
  }

  private static void checkSamples(String at, SamplesExpr s, boolean top) {
    if (s.function() == null || !FUNCTIONS.contains(s.function())) {
      throw new InvalidRuleException(at + ".function", "must be one of " + FUNCTIONS);
    }
    if (s.metric() == null || !METRIC.matcher(s.metric()).matches()) {
      throw new InvalidRuleException(at + ".metric", "must be a metric name");
    }
    if (s.window() == null || duration(at + ".window", s.window(), Duration.ZERO).isZero()) {
      throw new InvalidRuleException(at + ".window", "is required and must be positive");
    }
    try {
      Matchers.parseAll(s.matchers());
    } catch (InvalidMatcherException e) {
      throw new InvalidRuleException(at + ".matchers", e.getMessage());
    }
    if (!top && s.by() != null && !s.by().isEmpty()) {
      throw new InvalidRuleException(at + ".by", "belongs on the numerator");
    }
    if (s.denominator() != null) {
      if (!top) {
        throw new InvalidRuleException(at + ".denominator", "cannot be nested");
      }
      checkSamples(at + ".denominator", s.denominator(), false);
    }
  }

  private static Duration duration(String field, String text, Duration fallback) {
    if (text == null || text.isBlank()) {
      return fallback;
    }
    try {
      return PromDuration.parse(text).duration();
    } catch (IllegalArgumentException e) {
      throw new InvalidRuleException(field, e.getMessage());
    }
  }

  /** The labels a {@code by} list keeps (for tests and sources). */
  static List<String> by(SamplesExpr s) {
    return s.by() == null ? List.of() : s.by();
  }
}
