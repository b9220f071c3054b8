package dev.autopilot.notification.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OnCallScheduleTest {
  // Weekly Monday 09:00 Sydney handoffs from 2026-11-02: alice, bob, carol, alice, ...
  private static final OnCallSchedule SCHEDULE =
      new OnCallSchedule(
          "primary",
          ZoneId.of("Australia/Sydney"),
          DayOfWeek.MONDAY,
          LocalTime.of(9, 0),
          LocalDate.of(2026, 11, 2),
          List.of("alice", "bob", "carol"),
          List.of(
              new OnCallSchedule.Override(
                  Instant.parse("2026-11-20T00:00:00Z"),
                  Instant.parse("2026-11-21T00:00:00Z"),
                  "dave")));

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
    // Sydney is UTC+11 in November: Monday 09:00 local = Sunday 22:00 UTC.
    "2026-11-01T21:59:59Z, carol",
    "2026-11-01T22:00:00Z, alice",
    "2026-11-08T21:59:59Z, alice",
    "2026-11-08T22:00:00Z, bob",
    "2026-11-15T22:00:00Z, carol",
    "2026-11-20T12:00:00Z, dave",
    "2026-11-21T00:00:00Z, carol",
    "2026-11-22T22:00:00Z, alice",
    "2027-05-03T00:00:00Z, carol",
  })
  void rotatesWeeklyAtTheLocalHandoffWithOverrides(Instant at, String onCall) {
    assertThat(SCHEDULE.onCall(at)).isEqualTo(onCall);
  }
}
