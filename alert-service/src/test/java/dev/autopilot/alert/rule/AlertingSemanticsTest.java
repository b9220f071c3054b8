package dev.autopilot.alert.rule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autopilot.alert.rule.AlertingSemantics.Change;
import dev.autopilot.alert.rule.AlertingSemantics.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Prometheus {@code for} / {@code keep_firing_for} timelines: one evaluation per interval, the
 * condition (1 holds, 0 does not) and the state after each evaluation (- inactive, P pending, F
 * firing).
 */
class AlertingSemanticsTest {
  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

  @ParameterizedTest(name = "for={0} keep_firing_for={1} every {2}: {3} → {4}")
  @CsvSource(
      delimiter = '|',
      value = {
        // for = 0 fires in the first evaluation the condition holds, resolves when it stops
        "PT0S | PT0S | PT1M  | 0 1 1 0 1     | - F F - F",
        // pending until for has elapsed, measured from the first evaluation that held
        "PT2M | PT0S | PT1M  | 1 1 1 1 0     | P P F F -",
        // one evaluation without the condition resets pending: it must hold at every evaluation
        "PT2M | PT0S | PT1M  | 1 1 0 1 1 1   | P P - P P F",
        // for not a multiple of the interval: fires at the first evaluation at or past it
        "PT90S | PT0S | PT1M | 1 1 1 1       | P P F F",
        // keep_firing_for keeps a firing alert while (now - first missed evaluation) < kff
        "PT0S | PT2M | PT1M  | 1 0 0 0 1     | F F F - F",
        // the condition coming back resets keep_firing_for
        "PT1M | PT2M | PT1M  | 1 1 0 1 0 0 0 | P F F F F F -",
        // keep_firing_for never applies to pending alerts
        "PT3M | PT5M | PT1M  | 1 1 0 1       | P P - P",
        // a long interval: for = 5m with evaluations every 2m fires at the third hold (t = 6m)
        "PT5M | PT0S | PT2M  | 1 1 1 1       | P P P F",
      })
  void timeline(
      Duration holdFor,
      Duration keepFiringFor,
      Duration interval,
      String conditions,
      String expected) {
    String[] holds = conditions.trim().split("\\s+");
    Map<String, InstanceState> state = new HashMap<>();
    List<String> states = new ArrayList<>();
    for (int i = 0; i < holds.length; i++) {
      Instant t = T0.plus(interval.multipliedBy(i));
      Map<String, Series> results = new HashMap<>();
      if (holds[i].equals("1")) {
        results.put("fp", new Series(Map.of("instance", "a"), 42.0 + i));
      }
      for (Step step : AlertingSemantics.evaluate(state, results, t, holdFor, keepFiringFor)) {
        if (step.state() == null) {
          state.remove(step.fingerprint());
        } else {
          state.put(step.fingerprint(), step.state());
        }
      }
      InstanceState s = state.get("fp");
      states.add(s == null ? "-" : s.firing() ? "F" : "P");
    }
    assertThat(String.join(" ", states)).isEqualTo(expected.trim());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "new with for=0 reports PENDING then FIRED | PT0S | PENDING FIRED",
        "new with for>0 reports PENDING           | PT1M | PENDING",
      })
  void changesOfANewInstance(String name, Duration holdFor, String changes) {
    List<Step> steps =
        AlertingSemantics.evaluate(
            Map.of(), Map.of("fp", new Series(Map.of(), 1)), T0, holdFor, Duration.ZERO);
    assertThat(steps.stream().map(s -> s.change().name()).toList())
        .containsExactly(changes.split(" "));
  }

  @org.junit.jupiter.api.Test
  void firingKeepsActiveAtAndFiredAtAndUpdatesTheValue() {
    Map<String, InstanceState> state = new HashMap<>();
    for (int i = 0; i < 3; i++) {
      for (Step s :
          AlertingSemantics.evaluate(
              state,
              Map.of("fp", new Series(Map.of(), 10 + i)),
              T0.plusSeconds(60L * i),
              Duration.ofMinutes(1),
              Duration.ZERO)) {
        state.put(s.fingerprint(), s.state());
        if (i == 2) {
          assertThat(s.change()).isEqualTo(Change.UNCHANGED);
        }
      }
    }
    assertThat(state.get("fp").activeAt()).isEqualTo(T0);
    assertThat(state.get("fp").firedAt()).isEqualTo(T0.plusSeconds(60));
    assertThat(state.get("fp").value()).isEqualTo(12);
  }
}
