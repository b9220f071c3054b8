package dev.autopilot.health.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {
  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({"PT0.3S, 300ms", "PT5S, 5s", "PT90S, 90s", "PT2M, 2m", "PT1H, 1h", "PT0S, 0s"})
  void human(Duration duration, String expected) {
    assertThat(Durations.human(duration)).isEqualTo(expected);
  }
}
