package dev.autopilot.alert.rule;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands Prometheus annotation templates: {@code {{ $labels.name }}}, {@code {{ $value }}}, {@code
 * {{ $value | humanize }}} and {@code {{ $value | humanizePercentage }}}. Hand-written: only these
 * two variables are supported (no Java library implements Go's text/template), anything else is
 * left as written.
 */
public final class AnnotationTemplates {
  private static final Pattern ACTION =
      Pattern.compile(
          "\\{\\{\\s*(?:\\$labels\\.([a-zA-Z_][a-zA-Z0-9_]*)|(\\$value)(\\s*\\|\\s*(humanizePercentage|humanize))?)\\s*\\}\\}");

  private AnnotationTemplates() {}

  /** Expands every annotation. */
  public static Map<String, String> expand(
      Map<String, String> annotations, Map<String, String> labels, double value) {
    Map<String, String> out = new LinkedHashMap<>();
    annotations.forEach((k, v) -> out.put(k, expand(v, labels, value)));
    return out;
  }

  /** Expands one text. */
  public static String expand(String text, Map<String, String> labels, double value) {
    if (text == null) {
      return null;
    }
    Matcher m = ACTION.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String replacement;
      if (m.group(1) != null) {
        replacement = labels.getOrDefault(m.group(1), "");
      } else {
        String function = m.group(4);
        replacement =
            function == null
                ? plain(value)
                : function.equals("humanize") ? humanize(value) : percentage(value);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** As Go's %v of a float64: shortest representation, no trailing ".0". */
  static String plain(double value) {
    if (value == Math.rint(value) && !Double.isInfinite(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return Double.toString(value);
  }

  /** Prometheus's humanize: SI prefixes, 4 significant digits. */
  static String humanize(double value) {
    if (value == 0 || Double.isNaN(value) || Double.isInfinite(value)) {
      return plain(value);
    }
    String[] big = {"", "k", "M", "G", "T", "P", "E", "Z", "Y"};
    String[] small = {"", "m", "u", "n", "p", "f", "a", "z", "y"};
    double v = value;
    int i = 0;
    if (Math.abs(v) >= 1) {
      while (Math.abs(v) >= 1000 && i < big.length - 1) {
        v /= 1000;
        i++;
      }
      return format(v) + big[i];
    }
    while (Math.abs(v) < 1 && i < small.length - 1) {
      v *= 1000;
      i++;
    }
    return format(v) + small[i];
  }

  /** Prometheus's humanizePercentage: the value × 100, 4 significant digits, and "%". */
  static String percentage(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return plain(value) + "%";
    }
    return format(value * 100) + "%";
  }

  private static String format(double v) {
    String s =
        new java.math.BigDecimal(v)
            .round(new java.math.MathContext(4))
            .stripTrailingZeros()
            .toPlainString();
    return s;
  }
}
