package dev.autopilot.health.condition;

import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import dev.autopilot.health.target.Durations;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Parses Gatus conditions. The grammar: {@code left op right}; {@code op} is the first of {@code ==
 * != <= >= < >} outside brackets and parentheses; {@code left} is {@code [PLACEHOLDER]}, {@code
 * [BODY].json.path}, {@code len(...)} or {@code has(...)}; {@code right} is a literal or {@code
 * pat(wild*card)}. Hand-written because Gatus's language is tiny and no Java library implements it;
 * JSON paths are handed to Jayway JsonPath. Type errors (a word where [STATUS] needs a number) are
 * caught here, at write time, not at probe time.
 */
public final class ConditionParser {
  private static final String[] OPERATORS = {"==", "!=", "<=", ">=", "<", ">"};
  private static final String PLACEHOLDERS =
      Arrays.stream(Condition.Placeholder.values())
          .map(p -> "[" + p + "]")
          .collect(Collectors.joining(", "));

  private ConditionParser() {}

  /**
   * Parses one condition.
   *
   * @throws ConditionSyntaxException with the 1-based position of the problem
   */
  public static Condition parse(String text) {
    if (text == null || text.isBlank()) {
      throw new ConditionSyntaxException(1, "the condition is empty");
    }
    int at = -1;
    Condition.Operator op = null;
    int square = 0;
    int round = 0;
    for (int i = 0; i < text.length() && op == null; i++) {
      char c = text.charAt(i);
      switch (c) {
        case '[' -> square++;
        case ']' -> square--;
        case '(' -> round++;
        case ')' -> round--;
        default -> {
          if (square == 0 && round == 0) {
            for (Condition.Operator candidate : Condition.Operator.values()) {
              if (text.startsWith(candidate.symbol, i)) {
                op = candidate;
                at = i;
                break;
              }
            }
          }
        }
      }
    }
    if (op == null) {
      throw new ConditionSyntaxException(
          text.length() + 1, "expected an operator: " + String.join(", ", OPERATORS));
    }
    Left left = left(text.substring(0, at), 0);
    int rightOffset = at + op.symbol.length();
    return right(text, left, op, text.substring(rightOffset), rightOffset);
  }

  private record Left(
      Condition.Function function, Condition.Placeholder placeholder, JsonPath path) {}

  private static Left left(String s, int offset) {
    int start = firstNonSpace(s);
    if (start < 0) {
      throw new ConditionSyntaxException(offset + 1, "missing the left side, e.g. [STATUS]");
    }
    String t = s.strip();
    int pos = offset + start;
    String lower = t.toLowerCase(Locale.ROOT);
    if (lower.startsWith("len(") || lower.startsWith("has(")) {
      Condition.Function fn =
          lower.startsWith("len(") ? Condition.Function.LEN : Condition.Function.HAS;
      if (!t.endsWith(")")) {
        throw new ConditionSyntaxException(pos + t.length() + 1, "missing ')'");
      }
      Left inner = placeholder(t.substring(4, t.length() - 1), pos + 4);
      if (inner.placeholder() != Condition.Placeholder.BODY) {
        throw new ConditionSyntaxException(
            pos + 5, lower.substring(0, 3) + "() applies to [BODY] or [BODY].path");
      }
      if (fn == Condition.Function.HAS && inner.path() == null) {
        throw new ConditionSyntaxException(pos + 5, "has() needs a path, e.g. has([BODY].errors)");
      }
      return new Left(fn, inner.placeholder(), inner.path());
    }
    if (lower.matches("^[a-z_]+\\(.*")) {
      String name = t.substring(0, t.indexOf('('));
      throw new ConditionSyntaxException(
          pos + 1,
          name.equalsIgnoreCase("pat")
              ? "pat() belongs on the right side, e.g. [BODY] == pat(*ok*)"
              : "unknown function " + name + "(), expected len() or has()");
    }
    return placeholder(t, pos);
  }

  private static Left placeholder(String raw, int offset) {
    int lead = Math.max(0, firstNonSpace(raw));
    String t = raw.strip();
    int pos = offset + lead;
    if (!t.startsWith("[")) {
      throw new ConditionSyntaxException(
          pos + 1, "expected a placeholder (" + PLACEHOLDERS + ") or len(), has()");
    }
    int close = t.indexOf(']');
    if (close < 0) {
      throw new ConditionSyntaxException(pos + t.length() + 1, "missing ']'");
    }
    String name = t.substring(1, close);
    Condition.Placeholder placeholder;
    try {
      placeholder = Condition.Placeholder.valueOf(name);
    } catch (IllegalArgumentException e) {
      throw new ConditionSyntaxException(
          pos + 1, "unknown placeholder [" + name + "], expected one of " + PLACEHOLDERS);
    }
    String rest = t.substring(close + 1);
    int restPos = pos + close + 2;
    if (rest.isEmpty()) {
      return new Left(Condition.Function.NONE, placeholder, null);
    }
    if (placeholder != Condition.Placeholder.BODY) {
      throw new ConditionSyntaxException(
          restPos, "unexpected '" + rest + "' after [" + name + "]; only [BODY] takes a path");
    }
    if (!(rest.startsWith(".") || rest.startsWith("[")) || rest.matches(".*\\s.*")) {
      throw new ConditionSyntaxException(
          restPos, "a body path starts with '.' or '[' and has no spaces, e.g. [BODY].status");
    }
    try {
      return new Left(Condition.Function.NONE, placeholder, JsonPath.compile("$" + rest));
    } catch (InvalidPathException e) {
      throw new ConditionSyntaxException(restPos, "invalid JSON path: " + e.getMessage());
    }
  }

  private static Condition right(
      String source, Left left, Condition.Operator op, String raw, int offset) {
    int start = firstNonSpace(raw);
    if (start < 0) {
      throw new ConditionSyntaxException(
          offset + raw.length() + 1, "missing the value after " + op.symbol);
    }
    String t = raw.strip();
    int pos = offset + start + 1;
    boolean ordering = op != Condition.Operator.EQ && op != Condition.Operator.NE;
    if (t.toLowerCase(Locale.ROOT).startsWith("pat(")) {
      if (!t.endsWith(")")) {
        throw new ConditionSyntaxException(offset + raw.length() + 1, "missing ')'");
      }
      if (ordering) {
        throw new ConditionSyntaxException(pos, "pat() works with == and != only");
      }
      String glob = t.substring(4, t.length() - 1);
      return new Condition(
          source, left.function(), left.placeholder(), left.path(), op, glob, glob(glob), null);
    }
    if (t.startsWith("[")) {
      throw new ConditionSyntaxException(pos, "the right side must be a value, not a placeholder");
    }
    Double number = null;
    boolean booleanSide =
        left.function() == Condition.Function.HAS
            || (left.function() == Condition.Function.NONE
                && left.placeholder() == Condition.Placeholder.CONNECTED);
    boolean numericSide =
        left.function() == Condition.Function.LEN
            || (left.function() == Condition.Function.NONE
                && left.placeholder() != Condition.Placeholder.BODY
                && !booleanSide);
    if (booleanSide) {
      if (!t.equals("true") && !t.equals("false")) {
        throw new ConditionSyntaxException(pos, "expected true or false, found '" + t + "'");
      }
      if (ordering) {
        throw new ConditionSyntaxException(
            offset - op.symbol.length() + 1, "use == or != with true/false");
      }
    } else if (numericSide) {
      number = numberFor(left, t, pos);
      t = Condition.numberOrNull(t) != null ? t : Long.toString(number.longValue());
    } else {
      number = Condition.numberOrNull(t);
      if (ordering && number == null) {
        throw new ConditionSyntaxException(pos, op.symbol + " needs a number, found '" + t + "'");
      }
    }
    return new Condition(
        source, left.function(), left.placeholder(), left.path(), op, t, null, number);
  }

  private static Double numberFor(Left left, String t, int pos) {
    boolean durationAllowed =
        left.function() == Condition.Function.NONE
            && (left.placeholder() == Condition.Placeholder.RESPONSE_TIME
                || left.placeholder() == Condition.Placeholder.CERTIFICATE_EXPIRATION);
    if (t.matches("\\d+")) {
      return Double.valueOf(t);
    }
    if (durationAllowed) {
      try {
        return (double) Durations.parse(t).toMillis();
      } catch (IllegalArgumentException e) {
        throw new ConditionSyntaxException(pos, e.getMessage());
      }
    }
    throw new ConditionSyntaxException(pos, "expected a whole number, found '" + t + "'");
  }

  /** Gatus's pat(): '*' matches any run of characters, everything else is literal. */
  private static Pattern glob(String glob) {
    StringBuilder regex = new StringBuilder();
    for (String part : glob.split("\\*", -1)) {
      if (!regex.isEmpty()) {
        regex.append(".*");
      }
      regex.append(Pattern.quote(part));
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }

  private static int firstNonSpace(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (!Character.isWhitespace(s.charAt(i))) {
        return i;
      }
    }
    return -1;
  }
}
