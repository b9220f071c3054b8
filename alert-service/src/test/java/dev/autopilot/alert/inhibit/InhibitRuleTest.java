package dev.autopilot.alert.inhibit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autopilot.alert.matcher.Matchers;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Alertmanager's inhibition semantics, table-driven. */
class InhibitRuleTest {
  private static final InhibitRule CRITICAL_MUTES_WARNING =
      new InhibitRule(
          Matchers.parseAll(List.of("severity=\"critical\"")),
          Matchers.parseAll(List.of("severity=\"warning\"")),
          List.of("cluster", "service"));

  @ParameterizedTest(name = "source {0} / target {1} → {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "severity=critical,cluster=a,service=x | severity=warning,cluster=a,service=x | true",
        "severity=critical,cluster=a,service=x | severity=warning,cluster=b,service=x | false",
        // equal labels missing on both sides count as equal (empty string)
        "severity=critical                     | severity=warning                     | true",
        "severity=critical,cluster=a           | severity=warning                     | false",
        "severity=warning,cluster=a            | severity=warning,cluster=a           | false",
        "severity=critical,cluster=a           | severity=critical,cluster=a          | false",
        "severity=critical,cluster=a,extra=1   | severity=warning,cluster=a,other=2   | true",
      })
  void table(String source, String target, boolean inhibited) {
    assertThat(CRITICAL_MUTES_WARNING.inhibits(labels(source), labels(target)))
        .isEqualTo(inhibited);
  }

  @Test
  void alertsMatchingBothSidesDoNotMuteEachOther() {
    // Alertmanager: a rule whose source and target both match an alert never lets two such
    // alerts inhibit each other.
    InhibitRule both =
        new InhibitRule(
            Matchers.parseAll(List.of("team=\"db\"")),
            Matchers.parseAll(List.of("team=\"db\"")),
            List.of());
    assertThat(both.inhibits(labels("team=db,a=1"), labels("team=db,a=2"))).isFalse();
    InhibitRule broad =
        new InhibitRule(
            Matchers.parseAll(List.of("alertname=\"Down\"")),
            Matchers.parseAll(List.of("team=\"db\"")),
            List.of());
    // The target is a possible source too, but this source is not a target: it inhibits.
    assertThat(broad.inhibits(labels("alertname=Down,team=ops"), labels("alertname=Down,team=db")))
        .isTrue();
  }

  @Test
  void rulesFileParsesAlertmanagerFormatAndNamesErrors() {
    List<InhibitRule> rules =
        InhibitRulesFile.parse(
            "am.yml",
            """
            global: {resolve_timeout: 5m}
            inhibit_rules:
              - source_matchers: [severity="critical"]
                target_matchers: ['severity=~"warning|info"']
                equal: [cluster]
            """);
    assertThat(rules).hasSize(1);
    assertThat(rules.get(0).inhibits(labels("severity=critical"), labels("severity=info")))
        .isTrue();

    assertThatThrownBy(
            () ->
                InhibitRulesFile.parse(
                    "am.yml",
                    """
                    inhibit_rules:
                      - source_matchers: [severity="critical"]
                        target_matchers: ['severity=~"(warning"']
                    """))
        .hasMessageContaining("am.yml")
        .hasMessageContaining("inhibit_rules[0].target_matchers[0]")
        .hasMessageContaining("invalid regular expression");
    assertThatThrownBy(() -> InhibitRulesFile.parse("am.yml", "inhibit_rules: [\n  {equal: 1"))
        .hasMessageContaining("am.yml:");
  }

  private static Map<String, String> labels(String text) {
    Map<String, String> labels = new HashMap<>();
    Arrays.stream(text.split(","))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .forEach(kv -> labels.put(kv.split("=")[0], kv.split("=")[1]));
    return labels;
  }
}
