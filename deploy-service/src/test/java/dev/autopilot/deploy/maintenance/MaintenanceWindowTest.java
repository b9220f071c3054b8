package dev.autopilot.deploy.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MaintenanceWindowTest {
  private static final MaintenanceWindow SUNDAYS_LONDON =
      new MaintenanceWindow(
          UUID.randomUUID(),
          List.of("shop"),
          "production",
          "weekly",
          null,
          null,
          "0 0 2 ? * SUN",
          7200L,
          "Europe/London",
          "admin",
          Instant.now());

  @Test
  void sundaysTwoToFourLondonFollowTheClockChange() {
    // 2026-03-29 is the first Sunday of British Summer Time: 02:00 BST is 01:00 UTC.
    List<MaintenanceWindow.Occurrence> occurrences =
        SUNDAYS_LONDON.occurrences(
            Instant.parse("2026-03-20T00:00:00Z"), Instant.parse("2026-04-06T00:00:00Z"));
    assertThat(occurrences)
        .extracting(MaintenanceWindow.Occurrence::startsAt)
        .containsExactly(
            Instant.parse("2026-03-22T02:00:00Z"),
            Instant.parse("2026-03-29T01:00:00Z"),
            Instant.parse("2026-04-05T01:00:00Z"));
    assertThat(occurrences.get(0).endsAt()).isEqualTo(Instant.parse("2026-03-22T04:00:00Z"));
  }

  @ParameterizedTest
  @CsvSource({
    "2026-11-22T01:59:59Z, false",
    "2026-11-22T02:00:00Z, true",
    "2026-11-22T03:59:59Z, true",
    "2026-11-22T04:00:00Z, false",
    "2026-11-23T02:30:00Z, false"
  })
  void anOccurrenceAlreadyRunningIsFound(String at, boolean inside) {
    Instant t = Instant.parse(at);
    boolean found =
        SUNDAYS_LONDON.occurrences(t, t.plusMillis(1)).stream().anyMatch(o -> o.covers(t));
    assertThat(found).isEqualTo(inside);
  }

  @ParameterizedTest
  @CsvSource({"shop, production, true", "other, production, false", "shop, staging, false"})
  void coversItsServicesInItsEnvironment(String service, String environment, boolean covers) {
    assertThat(SUNDAYS_LONDON.covers(service, environment)).isEqualTo(covers);
  }

  @Test
  void oneOffWindowHasOneOccurrence() {
    MaintenanceWindow once =
        new MaintenanceWindow(
            UUID.randomUUID(),
            List.of(),
            "production",
            null,
            Instant.parse("2026-12-01T10:00:00Z"),
            Instant.parse("2026-12-01T11:00:00Z"),
            null,
            null,
            null,
            "admin",
            Instant.now());
    assertThat(once.covers("anything", "production")).isTrue();
    assertThat(
            once.occurrences(
                Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z")))
        .hasSize(1);
    assertThat(
            once.occurrences(
                Instant.parse("2026-12-01T11:00:00Z"), Instant.parse("2027-01-01T00:00:00Z")))
        .isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"0 0 2 ? * SUN|true", "0 0 25 ? * SUN|false", "every sunday|false"})
  void cronExpressionsAreChecked(String cron, boolean valid) {
    assertThat(MaintenanceWindow.cronProblem(cron).isEmpty()).isEqualTo(valid);
  }

  @ParameterizedTest
  @CsvSource({
    "shop, production, 2026-11-23T12:00:00Z, true",
    "shop, staging, 2026-11-23T12:00:00Z, true",
    "other, production, 2026-11-23T12:00:00Z, false",
    "shop, production, 2026-11-24T00:00:00Z, false"
  })
  void freezeHoldsForItsServicesUntilItEnds(
      String service, String environment, String at, boolean holds) {
    Freeze freeze =
        new Freeze(
            UUID.randomUUID(),
            List.of("shop"),
            null,
            Instant.parse("2026-11-23T00:00:00Z"),
            Instant.parse("2026-11-24T00:00:00Z"),
            "release freeze",
            "admin",
            Instant.now());
    assertThat(freeze.holds(service, environment, Instant.parse(at))).isEqualTo(holds);
  }
}
