package dev.autopilot.alert.rule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prometheus's alerting-rule state machine ({@code rules.AlertingRule.Eval}), as a pure function of
 * the previous instance states, this evaluation's result series and its time:
 *
 * <ul>
 *   <li>a new series becomes PENDING with {@code activeAt = t}; a series missing from a result
 *       while pending is dropped (so the condition must hold at every evaluation for the whole
 *       {@code for});
 *   <li>PENDING becomes FIRING at the first evaluation where {@code t - activeAt >= for} (with
 *       {@code for = 0}, at once);
 *   <li>a FIRING series missing from a result keeps firing while {@code t - keepFiringSince <
 *       keep_firing_for} ({@code keepFiringSince} = the first evaluation it was missing), then
 *       resolves; reappearing resets {@code keepFiringSince}.
 * </ul>
 */
public final class AlertingSemantics {
  private AlertingSemantics() {}

  /** What one evaluation changes. */
  public enum Change {
    /** A new instance is pending. */
    PENDING,
    /** A pending instance fires now. */
    FIRED,
    /** A pending instance's condition stopped before {@code for} elapsed: it is forgotten. */
    DROPPED,
    /** A firing instance stopped (after {@code keep_firing_for}). */
    RESOLVED,
    /** Still pending or firing (its value may have changed). */
    UNCHANGED
  }

  /** One instance after the evaluation and what happened to it ({@code state} null if gone). */
  public record Step(String fingerprint, Change change, InstanceState state) {}

  /**
   * Evaluates.
   *
   * @param previous the instances before, by fingerprint
   * @param results this evaluation's series, by fingerprint
   */
  public static List<Step> evaluate(
      Map<String, InstanceState> previous,
      Map<String, Series> results,
      Instant t,
      Duration holdFor,
      Duration keepFiringFor) {
    List<Step> steps = new ArrayList<>();
    Map<String, InstanceState> active = new LinkedHashMap<>(previous);
    for (Map.Entry<String, Series> r : results.entrySet()) {
      InstanceState before = active.get(r.getKey());
      if (before == null) {
        active.put(
            r.getKey(),
            new InstanceState(
                r.getKey(), r.getValue().labels(), r.getValue().value(), false, t, null, null));
      } else {
        active.put(
            r.getKey(),
            new InstanceState(
                r.getKey(),
                before.labels(),
                r.getValue().value(),
                before.firing(),
                before.activeAt(),
                before.firedAt(),
                null));
      }
    }
    for (InstanceState a : active.values()) {
      boolean isNew = !previous.containsKey(a.fingerprint());
      InstanceState s = a;
      if (!results.containsKey(a.fingerprint())) {
        if (!a.firing()) {
          steps.add(new Step(a.fingerprint(), Change.DROPPED, null));
          continue;
        }
        Instant since = a.keepFiringSince() == null ? t : a.keepFiringSince();
        boolean keep =
            !keepFiringFor.isZero() && Duration.between(since, t).compareTo(keepFiringFor) < 0;
        if (!keep) {
          steps.add(new Step(a.fingerprint(), Change.RESOLVED, null));
          continue;
        }
        s =
            new InstanceState(
                a.fingerprint(), a.labels(), a.value(), true, a.activeAt(), a.firedAt(), since);
      }
      if (!s.firing() && Duration.between(s.activeAt(), t).compareTo(holdFor) >= 0) {
        s =
            new InstanceState(
                s.fingerprint(), s.labels(), s.value(), true, s.activeAt(), t, s.keepFiringSince());
        // A new instance with for = 0 fires in its first evaluation: report it as PENDING then
        // FIRED so the caller records both transitions.
        if (isNew) {
          steps.add(new Step(s.fingerprint(), Change.PENDING, s));
        }
        steps.add(new Step(s.fingerprint(), Change.FIRED, s));
        continue;
      }
      steps.add(new Step(s.fingerprint(), isNew ? Change.PENDING : Change.UNCHANGED, s));
    }
    return steps;
  }
}
