package dev.autopilot.backup.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** When a scheduled backup is due: the newest reached slot not yet taken, once. */
class CronScheduleTest {
  @ParameterizedTest(name = "{0}: last taken {1}, now {2} -> {3}")
  @CsvSource(
      nullValues = "-",
      value = {
        // daily 02:00 UTC
        "0 0 2 * * ?, -, 2026-11-23T10:00:00Z, 2026-11-23T02:00:00Z",
        "0 0 2 * * ?, 2026-11-23T02:00:00Z, 2026-11-23T10:00:00Z, -",
        "0 0 2 * * ?, 2026-11-22T02:00:00Z, 2026-11-23T01:59:59Z, -",
        "0 0 2 * * ?, 2026-11-22T02:00:00Z, 2026-11-23T02:00:00Z, 2026-11-23T02:00:00Z",
        // down for three days: one catch-up run for the newest missed slot
        "0 0 2 * * ?, 2026-11-19T02:00:00Z, 2026-11-23T09:00:00Z, 2026-11-23T02:00:00Z",
        // every 15 minutes
        "0 0/15 * * * ?, 2026-11-23T10:00:00Z, 2026-11-23T10:31:00Z, 2026-11-23T10:30:00Z",
        "off, -, 2026-11-23T10:00:00Z, -",
      })
  void dueSlot(String cron, String lastTaken, String now, String expected) {
    assertThat(
            CronSchedule.parse(cron)
                .due(lastTaken == null ? null : Instant.parse(lastTaken), Instant.parse(now)))
        .isEqualTo(java.util.Optional.ofNullable(expected).map(Instant::parse));
  }

  @ParameterizedTest
  @ValueSource(strings = {"every day", "0 0 25 * * ?", "* * * * *", "0 0 2 * * ? 1800 x", " "})
  void badExpressionsAreRefusedWithTheReason(String cron) {
    assertThatThrownBy(() -> CronSchedule.parse(cron)).isInstanceOf(IllegalArgumentException.class);
  }
}
