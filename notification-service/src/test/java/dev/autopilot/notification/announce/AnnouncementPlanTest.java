package dev.autopilot.notification.announce;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnnouncementPlanTest {
  private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

  @ParameterizedTest(name = "starts in {0}, ends in {1} → {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "P10D | P10DT2H | T-7d=P3D,T-1d=P9D,START=P10D,END=P10DT2H",
        "P7D  | P7DT2H  | T-7d=PT0S,T-1d=P6D,START=P7D,END=P7DT2H",
        "P3D  | P3DT2H  | T-7d=PT0S,T-1d=P2D,START=P3D,END=P3DT2H",
        "PT5H | PT7H    | T-1d=PT0S,START=PT5H,END=PT7H",
        "-PT1H| PT1H    | END=PT1H",
        "-PT2H| -PT1H   | ",
      })
  void announcesWeekAndDayBeforeStartAndEnd(Duration start, Duration end, String expected) {
    Map<String, Instant> want = new LinkedHashMap<>();
    if (expected != null) {
      Arrays.stream(expected.split(","))
          .map(s -> s.split("="))
          .forEach(kv -> want.put(kv[0], NOW.plus(Duration.parse(kv[1]))));
    }
    assertThat(AnnouncementPlan.plan(NOW.plus(start), NOW.plus(end), NOW))
        .containsExactlyEntriesOf(want);
  }
}
