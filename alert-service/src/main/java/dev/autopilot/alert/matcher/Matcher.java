package dev.autopilot.alert.matcher;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One Alertmanager label matcher. As in Alertmanager, a missing label matches as the empty string
 * and regular expressions are fully anchored ({@code ^(?:re)$}). Java's regex engine stands in for
 * Go's RE2: the syntax Alertmanager users write (alternation, classes, repetition) means the same.
 */
public final class Matcher {
  /** Label names as Prometheus allows them. */
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  /** The four operators. */
  public enum Type {
    EQUAL("="),
    NOT_EQUAL("!="),
    REGEX("=~"),
    NOT_REGEX("!~");

    private final String operator;

    Type(String operator) {
      this.operator = operator;
    }

    /** The operator as written, e.g. {@code =~}. */
    public String operator() {
      return operator;
    }

    /** The type of Alertmanager's API flags {@code isRegex}/{@code isEqual}. */
    public static Type of(boolean isRegex, boolean isEqual) {
      if (isRegex) {
        return isEqual ? REGEX : NOT_REGEX;
      }
      return isEqual ? EQUAL : NOT_EQUAL;
    }
  }

  private final String name;
  private final Type type;
  private final String value;
  private final Pattern pattern;

  private Matcher(String name, Type type, String value, Pattern pattern) {
    this.name = name;
    this.type = type;
    this.value = value;
    this.pattern = pattern;
  }

  /**
   * A matcher.
   *
   * @throws InvalidMatcherException when the name is not a label name or the regex does not compile
   */
  public static Matcher of(String name, Type type, String value) {
    if (name == null || !LABEL_NAME.matcher(name).matches()) {
      throw new InvalidMatcherException("name", "invalid label name '" + name + "'");
    }
    Objects.requireNonNull(type, "type");
    String v = value == null ? "" : value;
    Pattern pattern = null;
    if (type == Type.REGEX || type == Type.NOT_REGEX) {
      try {
        pattern = Pattern.compile("^(?:" + v + ")$");
      } catch (PatternSyntaxException e) {
        throw new InvalidMatcherException(
            "value", "invalid regular expression '" + v + "': " + e.getDescription());
      }
    }
    return new Matcher(name, type, v, pattern);
  }

  /** Whether the label set satisfies this matcher (a missing label is the empty string). */
  public boolean matches(Map<String, String> labels) {
    String actual = labels == null ? "" : labels.getOrDefault(name, "");
    return switch (type) {
      case EQUAL -> actual.equals(value);
      case NOT_EQUAL -> !actual.equals(value);
      case REGEX -> pattern.matcher(actual).matches();
      case NOT_REGEX -> !pattern.matcher(actual).matches();
    };
  }

  public String name() {
    return name;
  }

  public Type type() {
    return type;
  }

  public String value() {
    return value;
  }

  /** {@code name="value"} with the operator, as Alertmanager prints it. */
  @Override
  public String toString() {
    return name + type.operator() + '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
