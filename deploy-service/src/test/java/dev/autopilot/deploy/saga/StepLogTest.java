package dev.autopilot.deploy.saga;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StepLogTest {
  @Test
  void stepLogsAreRedactedAndBounded() {
    assertThat(SagaProgress.stepLog(null)).isNull();
    assertThat(SagaProgress.stepLog("health-service answered HTTP 503"))
        .isEqualTo("health-service answered HTTP 503");
    assertThat(SagaProgress.stepLog("hook said token=abc123def")).isEqualTo("hook said token=***");
    String longLog = "x".repeat(SagaProgress.STEP_LOG_LIMIT + 10) + "the end";
    String kept = SagaProgress.stepLog(longLog);
    assertThat(kept).startsWith("[… 17 earlier characters dropped …]").endsWith("the end");
    assertThat(kept.length()).isLessThan(SagaProgress.STEP_LOG_LIMIT + 100);
  }
}
