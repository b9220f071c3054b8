package dev.autopilot.health.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autopilot.health.TestTargets;
import dev.autopilot.health.config.HealthConfig;
import dev.autopilot.health.store.TargetKind;
import dev.autopilot.health.store.TargetRecord;
import dev.autopilot.health.store.TargetRole;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** health.targets.* as written in a properties file: defaults, and the start-up refusal. */
class ConfiguredTargetsTest {
  @Test
  void defaultsApplyToEveryOptionalProperty() {
    List<TargetRecord> targets =
        ConfiguredTargets.from(
            config(
                Map.of(
                    "health.targets.\"web\".url", "http://127.0.0.1:8080/ready",
                    "health.targets.\"web\".service", "web",
                    "health.targets.\"web\".environment", "prod")));
    assertThat(targets)
        .containsExactly(
            TestTargets.http("web", "http://127.0.0.1:8080/ready")
                .service("web")
                .environment("prod")
                .build());
    assertThat(targets.get(0).effectiveConditions()).containsExactly("[STATUS] == 200");
  }

  @Test
  void expectedStatusBecomesAConditionAndConditionsAreReadAsAList() {
    List<TargetRecord> targets =
        ConfiguredTargets.from(
            config(
                Map.of(
                    "health.targets.\"a\".url", "http://127.0.0.1:8080/ready",
                    "health.targets.\"a\".service", "web",
                    "health.targets.\"a\".environment", "prod",
                    "health.targets.\"a\".expected-status", "204",
                    "health.targets.\"b\".address", "redis://127.0.0.1:6379",
                    "health.targets.\"b\".service", "web",
                    "health.targets.\"b\".environment", "prod",
                    "health.targets.\"b\".conditions", "[CONNECTED] == true,[BODY] == PONG",
                    "health.targets.\"b\".depends-on", "a")));
    assertThat(targets.get(0).conditions()).containsExactly("[STATUS] == 204");
    assertThat(targets.get(1).kind()).isEqualTo(TargetKind.REDIS);
    assertThat(targets.get(1).conditions())
        .containsExactly("[CONNECTED] == true", "[BODY] == PONG");
    assertThat(targets.get(1).dependsOn()).containsExactly("a");
  }

  @Test
  void aBadConditionStopsTheStartNamingThePropertyAndPosition() {
    HealthConfig config =
        config(
            Map.of(
                "health.targets.\"a\".url", "http://127.0.0.1:8080/ready",
                "health.targets.\"a\".service", "web",
                "health.targets.\"a\".environment", "prod",
                "health.targets.\"a\".conditions", "[STATUS] = 200"));
    assertThatThrownBy(() -> ConfiguredTargets.from(config))
        .hasMessageContaining(
            "health.targets.\"a\".conditions[0] at position 15: expected an operator");
  }

  @Test
  void roleIsWrittenInLowerCase() {
    List<TargetRecord> targets =
        ConfiguredTargets.from(
            config(
                Map.of(
                    "health.targets.\"web\".url", "http://127.0.0.1:8080/health",
                    "health.targets.\"web\".service", "web",
                    "health.targets.\"web\".environment", "prod",
                    "health.targets.\"web\".role", "liveness",
                    "health.targets.\"web\".interval", "5s",
                    "health.targets.\"web\".timeout", "500ms")));
    assertThat(targets.get(0).role()).isEqualTo(TargetRole.LIVENESS);
    assertThat(targets.get(0).interval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(targets.get(0).timeout()).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void intervalBelowTheMinimumStopsTheStartNamingTheProperty() {
    HealthConfig config =
        config(
            Map.of(
                "health.targets.\"fast\".url", "http://127.0.0.1:8080/ready",
                "health.targets.\"fast\".service", "web",
                "health.targets.\"fast\".environment", "prod",
                "health.targets.\"fast\".interval", "2s",
                "health.targets.\"fast\".timeout", "1s",
                "health.targets.\"leaky\".url", "https://user:pw@127.0.0.1/ready",
                "health.targets.\"leaky\".service", "web",
                "health.targets.\"leaky\".environment", "prod"));
    assertThatThrownBy(() -> ConfiguredTargets.from(config))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(
            "health.targets.\"fast\".interval is 2s, below the minimum 5s"
                + " (health.minimum-interval)")
        .hasMessageContaining(
            "health.targets.\"leaky\".address must not contain a password or user info")
        .hasMessageNotContaining("pw");
  }

  @Test
  void minimumIntervalIsConfigurable() {
    HealthConfig config =
        config(
            Map.of(
                "health.minimum-interval", "1s",
                "health.targets.\"fast\".url", "http://127.0.0.1:8080/ready",
                "health.targets.\"fast\".service", "web",
                "health.targets.\"fast\".environment", "prod",
                "health.targets.\"fast\".interval", "1s",
                "health.targets.\"fast\".timeout", "1s"));
    assertThat(ConfiguredTargets.from(config)).hasSize(1);
  }

  @Test
  void theLocalDemoStackConfigurationIsValid() throws Exception {
    java.util.Properties props = new java.util.Properties();
    try (var in =
        java.nio.file.Files.newBufferedReader(
            java.nio.file.Path.of("../deploy/local/health-service.properties"))) {
      props.load(in);
    }
    Map<String, String> map = new java.util.HashMap<>();
    props.forEach((k, v) -> map.put((String) k, (String) v));
    List<TargetRecord> targets = ConfiguredTargets.from(config(map));
    assertThat(targets)
        .extracting(TargetRecord::id)
        .containsExactly("demo-db", "demo-live", "demo-ready");
    assertThat(targets.get(0).kind()).isEqualTo(TargetKind.POSTGRES);
    assertThat(targets.get(0).address()).isEqualTo("postgres://postgres@127.0.0.1:15432/demo");
    assertThat(targets.get(2).conditions()).contains("[BODY].status == READY");
    assertThat(targets.get(2).dependsOn()).containsExactly("demo-db");
  }

  @Test
  void noTargetsIsFine() {
    assertThat(ConfiguredTargets.from(config(Map.of()))).isEmpty();
  }

  private static HealthConfig config(Map<String, String> properties) {
    SmallRyeConfig config =
        new SmallRyeConfigBuilder()
            .withConverter(Duration.class, 200, new DurationConverter())
            .addDefaultInterceptors()
            .withMapping(HealthConfig.class)
            .withSources(new PropertiesConfigSource(properties, "test", 100))
            .build();
    return config.getConfigMapping(HealthConfig.class);
  }
}
