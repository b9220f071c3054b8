package dev.autopilot.alert.rule;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Every pack's {@code docs/packs/<pack>/rules.yml} loads through the production rule-file loader
 * ({@link RuleCatalog#load}, what {@code alert.rules.files} runs at start), each alone and all
 * together (no rule defined twice); every rule has a severity, a summary and a runbook link whose
 * templates alert-service can expand; and the PromQL-only packs pass Prometheus's own {@code
 * promtool check rules}.
 */
class ConfigPackRulesTest {
  private static final Path PACKS = Path.of("..", "docs", "packs");
  private static final List<String> NAMES =
      List.of("express-prisma-api", "lavandaria", "maintainuk", "fetms", "datastores");
  private static final String PROMTOOL = "/usr/bin/promtool";

  @Test
  void everyPackHasRulesThatLoadThroughTheProductionLoader() throws IOException {
    List<String> files = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(PACKS)) {
      for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
        Path file = dir.resolve("rules.yml");
        assertThat(file).as("pack %s has a rules.yml", dir.getFileName()).exists();
        files.add(file.toString());
      }
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(NAMES.size());
    for (String name : NAMES) {
      assertThat(files).anyMatch(f -> f.contains(name));
    }
    for (String file : files) {
      List<Rule> rules = RuleCatalog.load(List.of(file), Duration.ofMinutes(1));
      assertThat(rules).as(file).isNotEmpty();
      for (Rule r : rules) {
        assertThat(r.severity()).as(r.key()).isNotNull();
        assertThat(r.labels()).as(r.key()).containsKey("severity");
        assertThat(r.annotations()).as(r.key()).containsKeys("summary", "runbook_url");
        Map<String, String> expanded =
            AnnotationTemplates.expand(
                r.annotations(), Map.of("instance", "host:9100", "queue", "q"), 0.0523);
        expanded.forEach(
            (k, v) ->
                assertThat(v).as("%s annotation %s expands", r.key(), k).doesNotContain("{{"));
      }
    }
    // Loaded side by side (as a directory of packs would be), no rule is defined twice.
    assertThat(RuleCatalog.load(files, Duration.ofMinutes(1))).hasSizeGreaterThan(20);
  }

  @Test
  void promqlOnlyPacksPassPromtool() throws Exception {
    Assumptions.assumeTrue(
        Files.isExecutable(Path.of(PROMTOOL)),
        "promtool (Debian package prometheus) is not installed");
    int checked = 0;
    for (String name : NAMES) {
      Path file = PACKS.resolve(name).resolve("rules.yml");
      List<Rule> rules = RuleCatalog.load(List.of(file.toString()), Duration.ofMinutes(1));
      if (!rules.stream().allMatch(r -> Rule.PROMETHEUS.equals(r.source()))) {
        continue;
      }
      Process p =
          new ProcessBuilder(PROMTOOL, "check", "rules", file.toString())
              .redirectErrorStream(true)
              .start();
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.exitValue()).as("promtool check rules %s:%n%s", file, out).isZero();
      assertThat(out).contains("SUCCESS: " + rules.size() + " rules found");
      checked++;
    }
    assertThat(checked).isEqualTo(4);
  }
}
