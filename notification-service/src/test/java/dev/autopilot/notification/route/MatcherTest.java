package dev.autopilot.notification.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MatcherTest {
  private static final Map<String, String> LABELS =
      Map.of("severity", "P1", "service", "orders-api", "event", "alert.fired");

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(
      delimiterString = " => ",
      value = {
        "severity=\"P1\" => true",
        "severity=P1 => true",
        "severity = \"P0\" => false",
        "severity!=P0 => true",
        "severity=~\"P0|P1\" => true",
        "severity=~P => false",
        "service=~\"orders-.*\" => true",
        "service!~\"orders-.*\" => false",
        "event=~\"alert\\..*\" => true",
        "team=\"\" => true",
        "team!=\"\" => false",
        "team=~\".*\" => true",
      })
  void matchesLikeAlertmanager(String matcher, boolean expected) {
    assertThat(Matcher.parse(matcher).matches(LABELS)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"severity", "=P1", "1abc=x", "severity=~\"(P1\"", "sev~P1"})
  void refusesWhatIsNotAMatcher(String text) {
    assertThatThrownBy(() -> Matcher.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }
}
