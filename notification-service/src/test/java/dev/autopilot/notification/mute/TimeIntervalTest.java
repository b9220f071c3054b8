package dev.autopilot.notification.mute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autopilot.notification.route.CompiledRouting;
import dev.autopilot.notification.route.RoutingDocuments;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimeIntervalTest {
  private static final CompiledRouting ROUTING =
      RoutingDocuments.compile(
          """
          receivers: [{name: a, email_configs: [{to: [a@x.test]}]}]
          time_intervals:
            - name: office
              weekdays: ['monday:friday']
              times: [{start_time: '09:00', end_time: '17:00'}]
              location: Europe/Berlin
            - name: weekend
              weekdays: [saturday, sunday]
          route: {receiver: a}
          """);

  @ParameterizedTest(name = "{0}: mute office {1}, active office {2}")
  @CsvSource({
    // 2026-11-23 is a Monday; Berlin is UTC+1 in November.
    "2026-11-23T08:30:00Z, true,  false",
    "2026-11-23T07:59:59Z, false, true",
    "2026-11-23T16:00:00Z, false, true",
    "2026-11-28T10:00:00Z, false, true",
  })
  void mutesInsideMuteIntervalsAndOutsideActiveOnes(
      Instant at, boolean mutedByOffice, boolean mutedOutsideOffice) {
    var intervals = ROUTING.timeIntervals();
    assertThat(Muter.muted(List.of("office"), List.of(), intervals, at)).isEqualTo(mutedByOffice);
    assertThat(Muter.muted(List.of(), List.of("office"), intervals, at))
        .isEqualTo(mutedOutsideOffice);
    assertThat(Muter.muted(List.of(), List.of(), intervals, at)).isFalse();
  }

  @ParameterizedTest
  @CsvSource({"2026-11-28T10:00:00Z, true", "2026-11-27T10:00:00Z, false"})
  void weekdaysWithoutTimesCoverTheWholeDay(Instant at, boolean inWeekend) {
    assertThat(ROUTING.timeIntervals().get("weekend").contains(at)).isEqualTo(inWeekend);
  }
}
