package dev.autopilot.health.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autopilot.health.TestTargets;
import dev.autopilot.health.probe.ProbeOutcome;
import dev.autopilot.health.state.Transition.Change;
import dev.autopilot.health.store.TargetRecord;
import dev.autopilot.health.store.TargetRole;
import dev.autopilot.health.store.TargetStateRecord;
import dev.autopilot.platform.event.v1.HealthStatus;
import dev.autopilot.platform.event.v1.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The thresholds as a table: probe results in order ('+' success, '-' failure) → outcome. */
class HealthStateMachineTest {
  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
  private static final TargetRecord TARGET =
      TestTargets.http("api", "http://api/ready")
          .service("api")
          .environment("prod")
          .role(TargetRole.READINESS)
          .interval(Duration.ofSeconds(10))
          .timeout(Duration.ofSeconds(1))
          .failureThreshold(3)
          .successThreshold(2)
          .criticality(Severity.P1)
          .managedBy("config")
          .build();

  @ParameterizedTest(name = "{0} → {1}, events {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          +        | UP      | CAME_UP@0
          -        | UNKNOWN | ''
          -+       | UNKNOWN | ''
          -++      | UP      | CAME_UP@2
          ---      | DOWN    | WENT_DOWN@2
          +-       | UP      | CAME_UP@0
          +--+--   | UP      | CAME_UP@0
          +---     | DOWN    | CAME_UP@0 WENT_DOWN@3
          +------  | DOWN    | CAME_UP@0 WENT_DOWN@3
          +---+-+  | DOWN    | CAME_UP@0 WENT_DOWN@3
          +---+-++ | UP      | CAME_UP@0 WENT_DOWN@3 RECOVERED@7
          +---++   | UP      | CAME_UP@0 WENT_DOWN@3 RECOVERED@5
          +---+++- | UP      | CAME_UP@0 WENT_DOWN@3 RECOVERED@5
          +~~~     | DEGRADED | CAME_UP@0 WENT_DOWN@3
          +~~-     | DOWN    | CAME_UP@0 WENT_DOWN@3
          +~~~-    | DOWN    | CAME_UP@0 WENT_DOWN@3 WORSENED@4
          +~~~--~  | DOWN    | CAME_UP@0 WENT_DOWN@3 WORSENED@4
          +~~~++   | UP      | CAME_UP@0 WENT_DOWN@3 RECOVERED@5
          +~+~+~   | UP      | CAME_UP@0
          """)
  void thresholds(String results, HealthStatus expected, String events) {
    TargetStateRecord state = TargetStateRecord.unknown("api", T0);
    List<String> changes = new ArrayList<>();
    for (int i = 0; i < results.length(); i++) {
      Transition t = HealthStateMachine.next(state, TARGET, outcome(results.charAt(i), i));
      if (t.change() != Change.NONE) {
        changes.add(t.change() + "@" + i);
      }
      state = t.next();
    }
    assertThat(state.status()).isEqualTo(expected);
    assertThat(String.join(" ", changes)).isEqualTo(events);
  }

  @ParameterizedTest(name = "{0}: since is the time of probe {1}")
  @CsvSource({"+---, 3", "+---+, 3", "+---++, 5", "+-, 0", "+--, 0"})
  void sinceMovesOnlyWithTheStatus(String results, int sinceProbe) {
    TargetStateRecord state = TargetStateRecord.unknown("api", T0);
    for (int i = 0; i < results.length(); i++) {
      state = HealthStateMachine.next(state, TARGET, outcome(results.charAt(i), i)).next();
    }
    assertThat(state.since()).isEqualTo(at(sinceProbe));
  }

  @ParameterizedTest(name = "{0}: {1} failures, {2} successes, last error {3}")
  @CsvSource({"--, 2, 0, boom 1", "--+, 0, 1, boom 1", "+-+-, 1, 0, boom 3", "++, 0, 2, ''"})
  void countersAndLastError(String results, int failures, int successes, String lastError) {
    TargetStateRecord state = TargetStateRecord.unknown("api", T0);
    for (int i = 0; i < results.length(); i++) {
      state = HealthStateMachine.next(state, TARGET, outcome(results.charAt(i), i)).next();
    }
    assertThat(state.consecutiveFailures()).isEqualTo(failures);
    assertThat(state.consecutiveSuccesses()).isEqualTo(successes);
    assertThat(state.lastError()).isEqualTo(lastError.isEmpty() ? null : lastError);
    assertThat(state.lastCheckedAt()).isEqualTo(at(results.length() - 1));
  }

  /** '+' success, '-' failure, '~' soft failure (answers, but too slowly). */
  private static ProbeOutcome outcome(char result, int i) {
    return switch (result) {
      case '+' -> new ProbeOutcome(true, false, at(i), 5, null);
      case '~' -> new ProbeOutcome(false, true, at(i), 5, "slow " + i);
      default -> new ProbeOutcome(false, false, at(i), 5, "boom " + i);
    };
  }

  private static Instant at(int i) {
    return T0.plusSeconds(10L * (i + 1));
  }
}
