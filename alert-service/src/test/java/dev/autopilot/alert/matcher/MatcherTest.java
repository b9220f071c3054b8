package dev.autopilot.alert.matcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Alertmanager matcher semantics: anchored regexes, missing label = empty string. */
class MatcherTest {
  private static final Map<String, String> LABELS =
      Map.of("service", "api", "env", "prod", "severity", "critical");

  @ParameterizedTest(name = "{0} on service=api,env=prod,severity=critical → {1}")
  @CsvSource(
      delimiterString = " -> ",
      value = {
        "service=\"api\" -> true",
        "service=api -> true",
        "service=\"ap\" -> false",
        "service!=\"api\" -> false",
        "service!=\"web\" -> true",
        "service=~\"api|web\" -> true",
        "service=~\"ap\" -> false", // anchored: no substring match
        "service=~\"a.*\" -> true",
        "service=~\".*p\" -> false",
        "service!~\"api|web\" -> false",
        "service!~\"w.*\" -> true",
        "missing=\"\" -> true", // a missing label is the empty string
        "missing!=\"\" -> false",
        "missing=~\".*\" -> true",
        "missing=~\".+\" -> false",
        "missing!~\".+\" -> true",
        "missing!=\"x\" -> true",
        "severity=~\"crit.*|page\" -> true",
        "env=~\"PROD\" -> false", // case-sensitive, as in Alertmanager
        "env=~\"(?i)PROD\" -> true",
        "{service=\"api\"} -> true",
        "service = \"api\" -> true",
      })
  void matcherTable(String text, boolean expected) {
    assertThat(Matchers.parse(text).matches(LABELS)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} → error on {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "service=~\"(api\"  | value",
        "service=~\"[a-\"   | value",
        "9service=\"x\"     | name",
        "service            | syntax",
        "service=\"x        | syntax",
        "=\"x\"             | name",
      })
  void invalidMatchersNameTheirPart(String text, String part) {
    assertThatThrownBy(() -> Matchers.parse(text))
        .isInstanceOfSatisfying(
            InvalidMatcherException.class, e -> assertThat(e.part()).isEqualTo(part));
  }

  @ParameterizedTest(name = "{0}{1}{2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "false | true  | EQUAL",
        "false | false | NOT_EQUAL",
        "true  | true  | REGEX",
        "true  | false | NOT_REGEX",
      })
  void apiFlagsMapToOperators(boolean isRegex, boolean isEqual, Matcher.Type type) {
    assertThat(Matcher.Type.of(isRegex, isEqual)).isEqualTo(type);
  }

  @org.junit.jupiter.api.Test
  void escapesInQuotedValues() {
    Matcher m = Matchers.parse("path=~\"/api\\.v1/.*\"");
    assertThat(m.value()).isEqualTo("/api\\.v1/.*");
    assertThat(m.matches(Map.of("path", "/api.v1/x"))).isTrue();
    assertThat(m.matches(Map.of("path", "/apixv1/x"))).isFalse();
    assertThat(Matchers.parse("msg=\"say \\\"hi\\\"\"").value()).isEqualTo("say \"hi\"");
  }
}
