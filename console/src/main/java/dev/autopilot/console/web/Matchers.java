package dev.autopilot.console.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The silence form's matchers, written as in Alertmanager's UI ({@code alertname="X",
 * target=~"demo-.*"}) and sent in alert-service's API v2 shape {@code {name, value, isRegex,
 * isEqual}}.
 */
final class Matchers {
  private static final Pattern ONE =
      Pattern.compile(
          "\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*(=~|!~|!=|=)\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|[^,\"]*)\\s*");

  private Matchers() {}

  /**
   * Parses {@code name=value, name!="v", name=~re, name!~re}, separated by commas.
   *
   * @throws IllegalArgumentException naming the part that is not a matcher
   */
  static List<Map<String, Object>> parse(String text) {
    List<Map<String, Object>> matchers = new ArrayList<>();
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("give at least one matcher, e.g. alertname=\"DemoDown\"");
    }
    Matcher m = ONE.matcher(text);
    int at = 0;
    while (at < text.length()) {
      m.region(at, text.length());
      if (!m.lookingAt()) {
        throw new IllegalArgumentException("not a matcher: " + text.substring(at).strip());
      }
      String value = m.group(3).strip();
      if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
        value = value.substring(1, value.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
      }
      String op = m.group(2);
      matchers.add(matcher(m.group(1), value, op.endsWith("~"), !op.startsWith("!")));
      at = m.end();
      if (at < text.length()) {
        if (text.charAt(at) != ',') {
          throw new IllegalArgumentException("not a matcher: " + text.substring(at).strip());
        }
        at++;
      }
    }
    return matchers;
  }

  /** Equality matchers for every label of an alert (silences exactly that alert's series). */
  static List<Map<String, Object>> equalTo(Map<?, ?> labels) {
    List<Map<String, Object>> matchers = new ArrayList<>();
    labels.forEach(
        (name, value) ->
            matchers.add(matcher(name.toString(), String.valueOf(value), false, true)));
    return matchers;
  }

  private static Map<String, Object> matcher(
      String name, String value, boolean regex, boolean equal) {
    Map<String, Object> matcher = new LinkedHashMap<>();
    matcher.put("name", name);
    matcher.put("value", value);
    matcher.put("isRegex", regex);
    matcher.put("isEqual", equal);
    return matcher;
  }
}
