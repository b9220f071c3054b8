package dev.autopilot.alert.inhibit;

import dev.autopilot.alert.matcher.InvalidMatcherException;
import dev.autopilot.alert.matcher.Matcher;
import dev.autopilot.alert.matcher.Matchers;
import dev.autopilot.platform.problem.ProblemException;
import java.util.List;
import java.util.regex.Pattern;

/** Builds an inhibit rule from its configuration form, with errors that name the field. */
public final class InhibitRules {
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  private InhibitRules() {}

  /**
   * Validates a rule as the API receives it, as Alertmanager's configuration loader does.
   *
   * @throws ProblemException 400 naming {@code source_matchers[i]}, {@code target_matchers[i]} or
   *     {@code equal[i]}; or {@code source_matchers} / {@code target_matchers} when empty (a rule
   *     without target matchers would mute every alert while any source fires)
   */
  public static InhibitRule validate(List<String> source, List<String> target, List<String> equal) {
    List<Matcher> s = matchers("source_matchers", source);
    List<Matcher> t = matchers("target_matchers", target);
    List<String> labels = equal == null ? List.of() : equal;
    for (int i = 0; i < labels.size(); i++) {
      String label = labels.get(i);
      if (label == null || !LABEL_NAME.matcher(label).matches()) {
        throw ProblemException.badField(
            "equal[" + i + "]", "'" + label + "' is not a valid label name");
      }
    }
    return new InhibitRule(s, t, List.copyOf(labels));
  }

  /** A stored rule (validated when it was saved). */
  static InhibitRule compile(List<String> source, List<String> target, List<String> equal) {
    return new InhibitRule(
        Matchers.parseAll(source),
        Matchers.parseAll(target),
        equal == null ? List.of() : List.copyOf(equal));
  }

  private static List<Matcher> matchers(String field, List<String> texts) {
    if (texts == null || texts.isEmpty()) {
      throw ProblemException.badField(field, "at least one matcher is required");
    }
    for (int i = 0; i < texts.size(); i++) {
      try {
        Matchers.parse(texts.get(i));
      } catch (InvalidMatcherException e) {
        throw ProblemException.badField(field + "[" + i + "]", e.getMessage());
      }
    }
    return Matchers.parseAll(texts);
  }
}
