package dev.autopilot.alert.silence;

import dev.autopilot.alert.matcher.InvalidMatcherException;
import dev.autopilot.alert.matcher.Matcher;
import dev.autopilot.alert.store.MatcherSpec;
import dev.autopilot.platform.problem.ProblemException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds a silence's matchers from their API form, with errors that name the matcher. */
public final class SilenceMatchers {
  private SilenceMatchers() {}

  /**
   * The matchers of a silence.
   *
   * @throws ProblemException 400 naming {@code matchers[i].name} or {@code matchers[i].value}, or
   *     {@code matchers} when every matcher matches the empty string (Alertmanager refuses such a
   *     silence: it would silence every alert)
   */
  public static List<Matcher> compile(List<MatcherSpec> specs) {
    List<Matcher> matchers = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      MatcherSpec spec = specs.get(i);
      try {
        matchers.add(
            Matcher.of(spec.name(), Matcher.Type.of(spec.regex(), spec.equal()), spec.value()));
      } catch (InvalidMatcherException e) {
        throw ProblemException.badField("matchers[" + i + "]." + e.part(), e.getMessage());
      }
    }
    if (matchers.stream().allMatch(m -> m.matches(Map.of()))) {
      throw ProblemException.badField(
          "matchers", "at least one matcher must not match the empty string");
    }
    return matchers;
  }

  /** The matchers of a stored silence (validated when it was saved). */
  public static List<Matcher> of(List<MatcherSpec> specs) {
    return specs.stream()
        .map(s -> Matcher.of(s.name(), Matcher.Type.of(s.regex(), s.equal()), s.value()))
        .toList();
  }
}
