package dev.autopilot.alert.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autopilot.platform.event.v1.Severity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Prometheus rule files load as rules; errors name the file, the line and the field. */
class RuleFilesTest {
  private static final Duration DEFAULT = Duration.ofMinutes(1);

  @Test
  void prometheusFileLoads() {
    List<Rule> rules =
        RuleFiles.parse(
            "api.yml",
            """
            groups:
              - name: api
                interval: 30s
                rules:
                  - record: job:up:sum
                    expr: sum(up)
                  - alert: HighErrors
                    expr: rate(errors[5m]) > 0.05
                    for: 5m
                    keep_firing_for: 1m30s
                    labels: {severity: critical, team: web}
                    annotations:
                      summary: "{{ $labels.job }} fails"
                      runbook_url: https://wiki/x
              - name: other
                rules:
                  - alert: Down
                    expr: up == 0
            """,
            DEFAULT);
    assertThat(rules).hasSize(2);
    Rule high = rules.get(0);
    assertThat(high.key()).isEqualTo("api/HighErrors");
    assertThat(high.source()).isEqualTo(Rule.PROMETHEUS);
    assertThat(high.expr()).isEqualTo("rate(errors[5m]) > 0.05");
    assertThat(high.holdFor()).isEqualTo(Duration.ofMinutes(5));
    assertThat(high.keepFiringFor()).isEqualTo(Duration.ofSeconds(90));
    assertThat(high.interval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(high.severity()).isEqualTo(Severity.P0);
    assertThat(high.labels()).containsEntry("team", "web");
    assertThat(high.annotations()).containsEntry("runbook_url", "https://wiki/x");
    assertThat(high.origin()).isEqualTo("api.yml");
    Rule down = rules.get(1);
    assertThat(down.interval()).isEqualTo(DEFAULT);
    assertThat(down.holdFor()).isZero();
    assertThat(down.severity()).isEqualTo(Severity.P2);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "bad for        | 'groups:\n  - name: a\n    rules:\n      - alert: X\n        expr: up\n        for: 5x\n'"
            + " | f.yml:6: groups[0].rules[0].for | invalid duration '5x'",
        "unknown field  | 'groups:\n  - name: a\n    rules:\n      - alert: X\n        expr: up\n        fro: 5m\n'"
            + " | f.yml: | groups[0].rules[0].fro: Unrecognized field",
        "missing expr   | 'groups:\n  - name: a\n    rules:\n      - alert: X\n        for: 5m\n'"
            + " | f.yml: | expr",
        "no alert       | 'groups:\n  - name: a\n    rules:\n      - expr: up\n'"
            + " | f.yml: | alert",
        "bad interval   | 'groups:\n  - name: a\n    interval: often\n    rules: []\n'"
            + " | f.yml:3: groups[0].interval | invalid duration 'often'",
        "bad alert name | 'groups:\n  - name: a\n    rules:\n      - alert: bad name\n        expr: up\n'"
            + " | f.yml: | name",
        "samples rule   | 'groups:\n  - name: a\n    rules:\n      - alert: S\n        expr: x\n        source: samples\n        comparison: \">\"\n        threshold: 1\n        samples: {function: avg, metric: m}\n'"
            + " | f.yml: | samples.window",
        "duplicate      | 'groups:\n  - name: a\n    rules:\n      - alert: D\n        expr: up\n      - alert: D\n        expr: up\n'"
            + " | f.yml: groups[0].rules[1].alert | defined twice",
        "not yaml       | 'groups: [\n  - name: a'" + " | f.yml: | ''",
      })
  void errorsNameFileLineAndField(String name, String yaml, String where, String what) {
    assertThatThrownBy(() -> RuleFiles.parse("f.yml", yaml, DEFAULT))
        .isInstanceOf(InvalidRuleException.class)
        .hasMessageStartingWith(where.strip())
        .hasMessageContaining(what.strip());
  }

  @Test
  void shippedDefaultRulePackLoads() {
    List<Rule> rules = RuleCatalog.load(List.of("rules"), DEFAULT);
    assertThat(rules)
        .extracting(Rule::name)
        .contains(
            "ApiErrorRateHigh",
            "ApiLatencyP95High",
            "DatabaseConnectionsHigh",
            "QueueDepthHigh",
            "JobFailureRateHigh",
            "Http5xxRateHigh",
            "CpuHigh",
            "MemoryHigh",
            "DiskHigh",
            "BackendDown",
            "DatabaseConnectionFailure",
            "BackupsNotRunning",
            "RedisDown");
    Rule errors =
        rules.stream().filter(r -> r.name().equals("ApiErrorRateHigh")).findFirst().orElseThrow();
    assertThat(errors.holdFor()).isEqualTo(Duration.ofMinutes(5));
    assertThat(errors.severity()).isEqualTo(Severity.P0);
    Rule backups =
        rules.stream().filter(r -> r.name().equals("BackupsNotRunning")).findFirst().orElseThrow();
    assertThat(backups.source()).isEqualTo(Rule.EVENTS);
    assertThat(backups.holds(27)).isTrue();
    assertThat(backups.holds(25)).isFalse();
  }

  @Test
  void templatesExpandLabelsAndValue() {
    assertThat(
            AnnotationTemplates.expand(
                "{{ $labels.service }} at {{ $value }} ({{$value | humanize}}), {{ $labels.none }}.",
                Map.of("service", "api"),
                1234.5))
        .isEqualTo("api at 1234.5 (1.234k), .");
    assertThat(AnnotationTemplates.expand("{{ $value }}", Map.of(), 3.0)).isEqualTo("3");
    assertThat(AnnotationTemplates.humanize(0.052)).isEqualTo("52m");
    assertThat(
            AnnotationTemplates.expand("{{ $value | humanizePercentage }} fail", Map.of(), 0.0523))
        .isEqualTo("5.23% fail");
  }
}
