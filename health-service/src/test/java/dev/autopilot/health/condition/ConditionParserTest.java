package dev.autopilot.health.condition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Gatus conditions as tables: what holds for which observation, and where a bad one breaks. */
class ConditionParserTest {
  private static final String JSON =
      "{\"status\":\"Healthy\",\"checks\":[{\"name\":\"db\"},{\"name\":\"cache\"}],"
          + "\"count\":42,\"version\":\"1.4.2\",\"ok\":true}";

  /** status 200, 120 ms, JSON body, connected, certificate valid for 10 days. */
  private static final Observation HTTP =
      new Observation(true, 200, 120, JSON, Duration.ofDays(10), null);

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          [STATUS] == 200                       | true
          [STATUS] != 200                       | false
          [STATUS] < 300                        | true
          [STATUS] >= 500                       | false
          [STATUS]==200                         | true
          [RESPONSE_TIME] < 500                 | true
          [RESPONSE_TIME] <= 120                | true
          [RESPONSE_TIME] > 120                 | false
          [RESPONSE_TIME] < 1s                  | true
          [BODY].status == Healthy              | true
          [BODY].status == healthy              | false
          [BODY].status != Unhealthy            | true
          [BODY].count > 40                     | true
          [BODY].count == 42                    | true
          [BODY].checks[1].name == cache        | true
          [BODY].ok == true                     | true
          [BODY].missing == x                   | false
          [BODY].version == pat(1.4.*)          | true
          [BODY].version == pat(2.*)            | false
          [BODY].version != pat(2.*)            | true
          [BODY] == pat(*Healthy*)              | true
          len([BODY].checks) == 2               | true
          len([BODY].status) > 10               | false
          len([BODY].missing) == 0              | false
          has([BODY].checks) == true            | true
          has([BODY].errors) == false           | true
          has([BODY].errors) == true            | false
          [CONNECTED] == true                   | true
          [CONNECTED] == false                  | false
          [CERTIFICATE_EXPIRATION] > 168h       | true
          [CERTIFICATE_EXPIRATION] > 720h       | false
          [CERTIFICATE_EXPIRATION] > 1h30m      | true
          """)
  void evaluatesAgainstAnHttpAnswer(String condition, boolean holds) {
    assertThat(ConditionParser.parse(condition).evaluate(HTTP).ok()).isEqualTo(holds);
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          [STATUS] == 200                       | false
          [CONNECTED] == false                  | true
          [BODY].status == Healthy              | false
          has([BODY].status) == false           | true
          [CERTIFICATE_EXPIRATION] > 1h         | false
          [RESPONSE_TIME] < 5000                | true
          """)
  void evaluatesAgainstNoAnswer(String condition, boolean holds) {
    Observation refused = Observation.failed(3000, "connection refused");
    assertThat(ConditionParser.parse(condition).evaluate(refused).ok()).isEqualTo(holds);
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          [BODY] == PONG           | PONG  | true
          [BODY] == PONG           | pong  | false
          [BODY] == 1              | 1     | true
          [BODY] == pat(PO*)       | PONG  | true
          [BODY] == Healthy        | Healthy | true
          """)
  void plainBodies(String condition, String body, boolean holds) {
    Observation o = new Observation(true, null, 3, body, null, null);
    assertThat(ConditionParser.parse(condition).evaluate(o).ok()).isEqualTo(holds);
  }

  @ParameterizedTest(name = "{0} → position {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          ''                                 | 1  | the condition is empty
          [STATUS] 200                       | 13 | expected an operator
          [STATUS] = 200                     | 15 | expected an operator
          [STATSU] == 200                    | 1  | unknown placeholder [STATSU]
          '   [STATSU] == 200'               | 4  | unknown placeholder [STATSU]
          == 200                             | 1  | missing the left side
          '[STATUS] == '                     | 13 | missing the value after ==
          [STATUS] == OK                     | 13 | expected a whole number, found 'OK'
          [RESPONSE_TIME] < fast             | 19 | is not a duration
          [CERTIFICATE_EXPIRATION] > 7 days  | 28 | is not a duration
          [CONNECTED] == yes                 | 16 | expected true or false
          [CONNECTED] < true                 | 13 | use == or != with true/false
          [STATUS].code == 200               | 9  | only [BODY] takes a path
          [BODY]status == x                  | 7  | a body path starts with '.' or '['
          [BODY].a.. == x                    | 7  | invalid JSON path
          [BODY].count > many                | 16 | > needs a number
          len([STATUS]) == 1                 | 5  | len() applies to [BODY]
          has([BODY]) == true                | 5  | has() needs a path
          size([BODY]) == 1                  | 1  | unknown function size()
          pat(x*) == [BODY]                  | 1  | pat() belongs on the right side
          [BODY] > pat(*x*)                  | 10 | pat() works with == and != only
          [BODY] == [STATUS]                 | 11 | must be a value, not a placeholder
          len([BODY].a == 1                  | 18 | expected an operator
          [STATUS == 200                     | 15 | expected an operator
          """)
  void badConditionsPointAtThePosition(String condition, int position, String reason) {
    assertThatThrownBy(() -> ConditionParser.parse(condition))
        .isInstanceOfSatisfying(
            ConditionSyntaxException.class,
            e -> {
              assertThat(e.position()).isEqualTo(position);
              assertThat(e.reason()).contains(reason);
            });
  }
}
