package dev.autopilot.health.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autopilot.health.condition.ConditionParser;
import dev.autopilot.health.condition.Observation;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** From observation to outcome: ok, hard or soft failure, and the reason shown to people. */
class ProbeVerdictTest {
  @ParameterizedTest(name = "status {0}, {1} ms, body {2}: {4}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          200 | 50   | {"status":"Healthy"}   | [STATUS] == 200;[RESPONSE_TIME] < 500;[BODY].status == Healthy | ok
          503 | 50   | {"status":"Healthy"}   | [STATUS] == 200;[RESPONSE_TIME] < 500                          | failure: status 503
          200 | 900  | {"status":"Healthy"}   | [STATUS] == 200;[RESPONSE_TIME] < 500                          | degraded: [RESPONSE_TIME] < 500 failed (was 900)
          503 | 900  | {"status":"Healthy"}   | [STATUS] == 200;[RESPONSE_TIME] < 500                          | failure: status 503
          200 | 50   | {"status":"Degraded"}  | [STATUS] == 200;[BODY].status == Healthy                       | failure: [BODY].status == Healthy failed
          200 | 50   | {"items":[1,2]}        | len([BODY].items) == 3                                         | failure: len([BODY].items) == 3 failed (was 2)
          """)
  void verdicts(int status, long ms, String body, String conditions, String expected) {
    Observation o = new Observation(true, status, ms, body, null, null);
    ProbeOutcome outcome =
        ProbeVerdict.of(
            Arrays.stream(conditions.split(";")).map(ConditionParser::parse).toList(), o);
    String shown =
        outcome.ok() ? "ok" : (outcome.soft() ? "degraded: " : "failure: ") + outcome.error();
    assertThat(shown).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"connection refused", "timeout after 5s"})
  void noAnswerReportsWhatHappened(String error) {
    ProbeOutcome outcome =
        ProbeVerdict.of(
            java.util.List.of(ConditionParser.parse("[STATUS] == 200")),
            Observation.failed(10, error));
    assertThat(outcome.ok()).isFalse();
    assertThat(outcome.soft()).isFalse();
    assertThat(outcome.error()).isEqualTo(error);
  }
}
