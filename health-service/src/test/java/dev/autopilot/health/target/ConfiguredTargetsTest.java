package dev.autopilot.health.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autopilot.health.config.HealthConfig;
import dev.autopilot.health.store.TargetRecord;
import dev.autopilot.health.store.TargetRole;
import dev.autopilot.platform.event.v1.Severity;
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
            new TargetRecord(
                "web",
                "http://127.0.0.1:8080/ready",
                "web",
                "prod",
                TargetRole.READINESS,
                Duration.ofSeconds(30),
                Duration.ofSeconds(5),
                200,
                3,
                2,
                Severity.P1,
                TargetRecord.MANAGED_BY_CONFIG));
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
        .hasMessageContaining("health.targets.\"leaky\".url must not contain user info")
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
  void noTargetsIsFine() {
    assertThat(ConfiguredTargets.from(config(Map.of()))).isEmpty();
  }

  private static HealthConfig config(Map<String, String> properties) {
    SmallRyeConfig config =
        new SmallRyeConfigBuilder()
            .withConverter(Duration.class, 200, new DurationConverter())
            .withMapping(HealthConfig.class)
            .withSources(new PropertiesConfigSource(properties, "test", 100))
            .build();
    return config.getConfigMapping(HealthConfig.class);
  }
}
