package dev.autopilot.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/prometheus, deploy/alertmanager, their compose twins and every rule file in the
 * repository, checked by Prometheus's and Alertmanager's own tools (promtool, amtool from the
 * Debian packages), rendered the way the launcher renders them; and the Grafana dashboard's shape.
 */
class MonitoringConfigTest {
  static final Map<String, String> LAUNCHER_VALUES =
      Map.ofEntries(
          Map.entry("AUTOPILOT_ALERTMANAGER_PORT", "19094"),
          Map.entry("AUTOPILOT_ALERT_PORT", "8082"),
          Map.entry("AUTOPILOT_BACKUP_PORT", "8084"),
          Map.entry("AUTOPILOT_DEMO_PORT", "18080"),
          Map.entry("AUTOPILOT_DEPLOY_PORT", "8085"),
          Map.entry("AUTOPILOT_HEALTH_PORT", "8081"),
          Map.entry("AUTOPILOT_NOTIFICATION_PORT", "8083"),
          Map.entry(
              "AUTOPILOT_PROMETHEUS_RULES",
              Tools.ROOT.resolve("deploy/prometheus/rules").toString()),
          Map.entry("AUTOPILOT_ALERT_URL", "http://127.0.0.1:8082"));

  @Test
  void prometheus_config_as_the_launcher_renders_it_passes_promtool(@TempDir Path dir)
      throws Exception {
    Path config =
        Tools.render(
            Tools.ROOT.resolve("deploy/prometheus/prometheus.yml"),
            dir.resolve("prometheus.yml"),
            LAUNCHER_VALUES);
    String out = Tools.ok(Map.of(), dir, "promtool", "check", "config", config.toString());
    assertThat(out).contains("SUCCESS").doesNotContain("0 rule files found");
  }

  @Test
  void the_compose_prometheus_config_passes_promtool() throws Exception {
    Tools.ok(
        Map.of(),
        Tools.ROOT,
        "promtool",
        "check",
        "config",
        "--syntax-only",
        "deploy/compose/prometheus.yml");
  }

  /**
   * alert-service's rule files may also hold its own {@code source: events|samples} rules, which
   * Prometheus does not know; the files with Prometheus rules only must load in Prometheus as-is.
   */
  static boolean prometheusOnly(Path file) {
    try {
      return !Pattern.compile("(?m)^\\s+source:").matcher(Files.readString(file)).find();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void every_prometheus_rule_file_in_the_repository_passes_promtool() throws Exception {
    List<String> command = new ArrayList<>(List.of("promtool", "check", "rules"));
    for (Path dir :
        List.of(
            Tools.ROOT.resolve("deploy/prometheus/rules"),
            Tools.ROOT.resolve("alert-service/rules"))) {
      Tools.list(dir, ".yml").stream()
          .filter(MonitoringConfigTest::prometheusOnly)
          .forEach(f -> command.add(f.toString()));
    }
    Path packs = Tools.ROOT.resolve("docs/packs");
    if (Files.isDirectory(packs)) {
      try (var files = Files.walk(packs)) {
        files
            .filter(f -> f.getFileName().toString().equals("rules.yml"))
            .filter(MonitoringConfigTest::prometheusOnly)
            .forEach(f -> command.add(f.toString()));
      }
    }
    assertThat(command).hasSizeGreaterThan(6);
    Tools.ok(Map.of(), Tools.ROOT, command.toArray(String[]::new));
  }

  @Test
  void both_alertmanager_configs_pass_amtool_and_send_a_bearer_token(@TempDir Path dir)
      throws Exception {
    Path home = Files.createDirectories(dir.resolve("home"));
    Files.writeString(home.resolve("alertmanager-token"), "token");
    Map<String, String> values = new java.util.HashMap<>(LAUNCHER_VALUES);
    values.put("AUTOPILOT_HOME", home.toString());
    Path local =
        Tools.render(
            Tools.ROOT.resolve("deploy/alertmanager/alertmanager.yml"),
            dir.resolve("alertmanager.yml"),
            values);
    for (Path config : List.of(local, Tools.ROOT.resolve("deploy/compose/alertmanager.yml"))) {
      Tools.ok(Map.of(), dir, "amtool", "check-config", config.toString());
      assertThat(Files.readString(config))
          .contains("/webhooks/alertmanager")
          .contains("type: Bearer")
          .contains("credentials_file:");
    }
  }

  @Test
  void the_grafana_dashboard_has_the_suite_panels_with_queries() throws Exception {
    JsonNode dashboard =
        new ObjectMapper()
            .readTree(Tools.ROOT.resolve("deploy/grafana/runbook-autopilot.json").toFile());
    assertThat(dashboard.get("uid").asText()).isEqualTo("runbook-autopilot");
    List<String> titles = new ArrayList<>();
    for (JsonNode panel : dashboard.get("panels")) {
      titles.add(panel.get("title").asText());
      assertThat(panel.get("targets")).as(panel.get("title").asText()).isNotEmpty();
      panel.get("targets").forEach(t -> assertThat(t.get("expr").asText()).isNotBlank());
    }
    String all = String.join(" | ", titles).toLowerCase();
    for (String topic :
        List.of(
            "events",
            "outbox",
            "dead letters",
            "probe latency",
            "delivery failures",
            "backup age")) {
      assertThat(all).contains(topic);
    }
  }
}
