package dev.autopilot.alert.inhibit;

import dev.autopilot.alert.matcher.Matcher;
import dev.autopilot.alert.matcher.Matchers;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One Alertmanager inhibit rule: an active alert matching {@code sourceMatchers} mutes alerts
 * matching {@code targetMatchers} when both have the same values (missing = empty) for every label
 * in {@code equal}.
 */
public record InhibitRule(
    List<Matcher> sourceMatchers, List<Matcher> targetMatchers, List<String> equal) {

  /** Whether {@code labels} are a target of this rule. */
  public boolean isTarget(Map<String, String> labels) {
    return Matchers.all(targetMatchers, labels);
  }

  /** Whether {@code labels} are a source of this rule. */
  public boolean isSource(Map<String, String> labels) {
    return Matchers.all(sourceMatchers, labels);
  }

  /**
   * Whether the source alert inhibits the target, as Alertmanager decides: the target matches the
   * target matchers, the source the source matchers, the {@code equal} labels agree, and — when the
   * target also matches the source matchers — the source must not itself be a target (so two alerts
   * matching both sides do not mute each other).
   */
  public boolean inhibits(Map<String, String> source, Map<String, String> target) {
    if (!isTarget(target) || !isSource(source)) {
      return false;
    }
    for (String label : equal) {
      if (!Objects.equals(source.getOrDefault(label, ""), target.getOrDefault(label, ""))) {
        return false;
      }
    }
    return !(isSource(target) && isTarget(source));
  }
}
