package dev.autopilot.notification.route;

import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One label matcher in Alertmanager's syntax: {@code name="value"}, {@code name!="value"}, {@code
 * name=~"regex"}, {@code name!~"regex"} (quotes optional, regexes anchored). A missing label is the
 * empty string, as in Alertmanager.
 */
public record Matcher(String name, Operator operator, String value, Pattern pattern) {
  private static final Pattern SYNTAX =
      Pattern.compile("^\\s*([A-Za-z_][A-Za-z0-9_.]*)\\s*(=~|!~|!=|=)\\s*(.*?)\\s*$");

  /** How the label's value is compared. */
  public enum Operator {
    EQUAL,
    NOT_EQUAL,
    REGEX,
    NOT_REGEX
  }

  /**
   * Parses one matcher.
   *
   * @throws IllegalArgumentException saying what is wrong with it
   */
  public static Matcher parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("must not be null");
    }
    java.util.regex.Matcher m = SYNTAX.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a matcher like name=\"value\", name!=v, name=~\"re\", name!~re");
    }
    String raw = m.group(3);
    if (raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"")) {
      raw = raw.substring(1, raw.length() - 1).replace("\\\"", "\"");
    }
    Operator op =
        switch (m.group(2)) {
          case "=" -> Operator.EQUAL;
          case "!=" -> Operator.NOT_EQUAL;
          case "=~" -> Operator.REGEX;
          default -> Operator.NOT_REGEX;
        };
    Pattern pattern = null;
    if (op == Operator.REGEX || op == Operator.NOT_REGEX) {
      try {
        pattern = Pattern.compile("^(?:" + raw + ")$");
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(
            "'" + text + "' has an invalid regex: " + e.getDescription());
      }
    }
    return new Matcher(m.group(1), op, raw, pattern);
  }

  /** Whether these labels satisfy the matcher. */
  public boolean matches(Map<String, String> labels) {
    String actual = labels.getOrDefault(name, "");
    return switch (operator) {
      case EQUAL -> actual.equals(value);
      case NOT_EQUAL -> !actual.equals(value);
      case REGEX -> pattern.matcher(actual).matches();
      case NOT_REGEX -> !pattern.matcher(actual).matches();
    };
  }
}
