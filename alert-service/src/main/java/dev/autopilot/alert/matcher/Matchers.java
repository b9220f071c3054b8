package dev.autopilot.alert.matcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A conjunction of matchers, and the parser of Alertmanager's matcher strings. */
public final class Matchers {
  private Matchers() {}

  /** Whether every matcher matches (an empty list matches everything, as in Alertmanager). */
  public static boolean all(List<Matcher> matchers, Map<String, String> labels) {
    for (Matcher m : matchers) {
      if (!m.matches(labels)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Parses one matcher as Alertmanager's configuration writes it: {@code name="value"}, {@code
   * name=~"re"}, {@code name!=value}; the value may be double-quoted (with {@code \"} and {@code
   * \\} escapes) or bare.
   *
   * @throws InvalidMatcherException naming what is wrong
   */
  public static Matcher parse(String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidMatcherException("syntax", "empty matcher");
    }
    String s = text.strip();
    if (s.startsWith("{") && s.endsWith("}")) {
      s = s.substring(1, s.length() - 1).strip();
    }
    int i = 0;
    while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
      i++;
    }
    String name = s.substring(0, i);
    String rest = s.substring(i).stripLeading();
    Matcher.Type type;
    if (rest.startsWith("=~")) {
      type = Matcher.Type.REGEX;
    } else if (rest.startsWith("!~")) {
      type = Matcher.Type.NOT_REGEX;
    } else if (rest.startsWith("!=")) {
      type = Matcher.Type.NOT_EQUAL;
    } else if (rest.startsWith("=")) {
      type = Matcher.Type.EQUAL;
    } else {
      throw new InvalidMatcherException(
          "syntax", "'" + text + "' has no operator (=, !=, =~, !~) after the label name");
    }
    String raw = rest.substring(type.operator().length()).strip();
    return Matcher.of(name, type, unquote(raw, text));
  }

  /** Parses a list of matcher strings; the error names the index ({@code [1]: ...}). */
  public static List<Matcher> parseAll(List<String> texts) {
    List<Matcher> result = new ArrayList<>();
    if (texts == null) {
      return result;
    }
    for (int i = 0; i < texts.size(); i++) {
      try {
        result.add(parse(texts.get(i)));
      } catch (InvalidMatcherException e) {
        throw new InvalidMatcherException("[" + i + "]", "[" + i + "]: " + e.getMessage());
      }
    }
    return result;
  }

  private static String unquote(String raw, String text) {
    if (!raw.startsWith("\"")) {
      return raw;
    }
    if (raw.length() < 2 || !raw.endsWith("\"")) {
      throw new InvalidMatcherException("syntax", "'" + text + "' has an unterminated quote");
    }
    StringBuilder out = new StringBuilder();
    for (int i = 1; i < raw.length() - 1; i++) {
      char c = raw.charAt(i);
      if (c == '\\' && i + 1 < raw.length() - 1) {
        // Only \" \\ and \n are escapes; any other backslash stays (a regex's "\.").
        char next = raw.charAt(i + 1);
        if (next == '"' || next == '\\') {
          out.append(next);
          i++;
        } else if (next == 'n') {
          out.append('\n');
          i++;
        } else {
          out.append(c);
        }
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
