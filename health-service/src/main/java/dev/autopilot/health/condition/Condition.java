package dev.autopilot.health.condition;

import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One parsed condition: {@code left operator right}, where the left side is a placeholder
 * (optionally a JSON path into the body, optionally inside {@code len()} or {@code has()}) and the
 * right side a literal or a {@code pat()} wildcard pattern. Built by {@link ConditionParser}.
 */
public final class Condition {
  /** What the left side reads from an {@link Observation}. */
  public enum Placeholder {
    STATUS,
    RESPONSE_TIME,
    BODY,
    CONNECTED,
    CERTIFICATE_EXPIRATION
  }

  /** A function around the left side. */
  public enum Function {
    NONE,
    LEN,
    HAS
  }

  /** The comparison. */
  public enum Operator {
    EQ("=="),
    NE("!="),
    LE("<="),
    GE(">="),
    LT("<"),
    GT(">");

    final String symbol;

    Operator(String symbol) {
      this.symbol = symbol;
    }
  }

  /** The outcome of evaluating a condition: whether it held, and the value it saw. */
  public record Result(boolean ok, String source, Placeholder placeholder, String actual) {}

  private static final Object MISSING = new Object();

  private final String source;
  private final Function function;
  private final Placeholder placeholder;
  private final JsonPath path;
  private final Operator operator;
  private final String literal;
  private final Pattern pattern;
  private final Double number;

  Condition(
      String source,
      Function function,
      Placeholder placeholder,
      JsonPath path,
      Operator operator,
      String literal,
      Pattern pattern,
      Double number) {
    this.source = source;
    this.function = function;
    this.placeholder = placeholder;
    this.path = path;
    this.operator = operator;
    this.literal = literal;
    this.pattern = pattern;
    this.number = number;
  }

  /** The condition as written. */
  public String source() {
    return source;
  }

  /** The placeholder the condition reads. */
  public Placeholder placeholder() {
    return placeholder;
  }

  /** Whether the condition holds for {@code observation}. */
  public Result evaluate(Observation observation) {
    Object value = resolve(observation);
    boolean ok = value != MISSING && value != null && compare(value);
    return new Result(ok, source, placeholder, describe(value));
  }

  private Object resolve(Observation o) {
    Object raw =
        switch (placeholder) {
          case STATUS -> o.status() == null ? null : o.status().doubleValue();
          case RESPONSE_TIME -> (double) o.responseTimeMs();
          case CONNECTED -> o.connected();
          case CERTIFICATE_EXPIRATION ->
              o.certificateExpiration() == null
                  ? null
                  : (double) o.certificateExpiration().toMillis();
          case BODY -> body(o.body());
        };
    return switch (function) {
      case NONE -> raw;
      case HAS -> raw != MISSING && raw != null;
      case LEN -> length(raw);
    };
  }

  private Object body(String body) {
    if (body == null) {
      return MISSING;
    }
    if (path == null) {
      return body;
    }
    try {
      return path.read(body);
    } catch (PathNotFoundException e) {
      return MISSING;
    } catch (RuntimeException e) {
      // Not JSON, or the path does not fit the document's shape: the value is not there.
      return MISSING;
    }
  }

  private static Object length(Object value) {
    if (value == MISSING || value == null) {
      return MISSING;
    }
    if (value instanceof Collection<?> c) {
      return (double) c.size();
    }
    if (value instanceof Map<?, ?> m) {
      return (double) m.size();
    }
    return (double) String.valueOf(value).length();
  }

  private boolean compare(Object value) {
    String text = text(value);
    if (pattern != null) {
      boolean matches = pattern.matcher(text).matches();
      return operator == Operator.EQ ? matches : !matches;
    }
    Double actual = value instanceof Number n ? n.doubleValue() : numberOrNull(text);
    if (number != null && actual != null) {
      int c = Double.compare(actual, number);
      return switch (operator) {
        case EQ -> c == 0;
        case NE -> c != 0;
        case LT -> c < 0;
        case LE -> c <= 0;
        case GT -> c > 0;
        case GE -> c >= 0;
      };
    }
    return switch (operator) {
      case EQ -> Objects.equals(text, literal);
      case NE -> !Objects.equals(text, literal);
      default -> false;
    };
  }

  private static String text(Object value) {
    if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
      return Long.toString(d.longValue());
    }
    return String.valueOf(value);
  }

  static Double numberOrNull(String text) {
    try {
      return Double.valueOf(text.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private String describe(Object value) {
    if (value == MISSING) {
      return "missing";
    }
    if (value == null) {
      return "none";
    }
    // Body values may carry anything the target returns; they stay out of reasons (which reach the
    // public status page). Lengths, statuses, times and booleans are safe to show.
    if (placeholder == Placeholder.BODY && function == Function.NONE) {
      return null;
    }
    if (placeholder == Placeholder.CERTIFICATE_EXPIRATION && value instanceof Double ms) {
      return (long) (ms / 3_600_000) + "h";
    }
    return text(value);
  }

  @Override
  public String toString() {
    return source;
  }
}
