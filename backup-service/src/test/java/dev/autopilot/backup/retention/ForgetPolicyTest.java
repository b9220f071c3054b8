package dev.autopilot.backup.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * restic's forget semantics, table-driven: restic's documented example (12 Sundays, --keep-daily
 * 4), its 100-years example, ISO weeks, the oldest-snapshot rule, within options relative to the
 * newest backup, ignoring future backups, unlimited counts, ORed reasons.
 */
class ForgetPolicyTest {
  private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
  private static final Instant LATER = Instant.parse("2026-11-23T00:00:00Z");

  static Stream<Arguments> policies() {
    List<String> sundays = new ArrayList<>();
    for (LocalDate d = LocalDate.of(2019, 9, 1); !d.isAfter(LocalDate.of(2019, 11, 17)); ) {
      sundays.add(d + " 11:00");
      d = d.plusWeeks(1);
    }
    List<String> hourly = new ArrayList<>();
    for (LocalDateTime t = LocalDateTime.of(2019, 11, 15, 0, 0);
        t.isBefore(LocalDateTime.of(2019, 11, 18, 0, 0));
        t = t.plusHours(1)) {
      hourly.add(t.format(AT));
    }
    return Stream.of(
        Arguments.of(
            "restic docs: one backup every Sunday for 12 weeks, --keep-daily 4",
            ExpirePolicy.counts(0, 0, 4, 0, 0, 0),
            sundays,
            LATER,
            Map.of(
                "2019-11-17 11:00", List.of("daily snapshot"),
                "2019-11-10 11:00", List.of("daily snapshot"),
                "2019-11-03 11:00", List.of("daily snapshot"),
                "2019-10-27 11:00", List.of("daily snapshot"))),
        Arguments.of(
            "--keep-last 3",
            ExpirePolicy.counts(3, 0, 0, 0, 0, 0),
            List.of("2019-11-13 10:00", "2019-11-14 10:00", "2019-11-15 10:00", "2019-11-16 10:00"),
            LATER,
            Map.of(
                "2019-11-16 10:00", List.of("last snapshot"),
                "2019-11-15 10:00", List.of("last snapshot"),
                "2019-11-14 10:00", List.of("last snapshot"))),
        Arguments.of(
            "weeks run Monday to Sunday: Saturday and Sunday share one",
            ExpirePolicy.counts(0, 0, 0, 2, 0, 0),
            List.of("2019-11-16 10:00", "2019-11-17 10:00", "2019-11-18 10:00"),
            LATER,
            Map.of(
                "2019-11-18 10:00", List.of("weekly snapshot"),
                "2019-11-17 10:00", List.of("weekly snapshot"))),
        Arguments.of(
            "counts left at the oldest backup keep it too (oldest weekly snapshot)",
            ExpirePolicy.counts(0, 0, 0, 3, 0, 0),
            List.of("2019-11-16 10:00", "2019-11-17 10:00", "2019-11-18 10:00"),
            LATER,
            Map.of(
                "2019-11-18 10:00", List.of("weekly snapshot"),
                "2019-11-17 10:00", List.of("weekly snapshot"),
                "2019-11-16 10:00", List.of("oldest weekly snapshot"))),
        Arguments.of(
            "ISO week 53 of 2020 runs into January 2021",
            ExpirePolicy.counts(0, 0, 0, 2, 0, 0),
            List.of("2020-12-27 12:00", "2020-12-31 12:00", "2021-01-03 12:00", "2021-01-04 12:00"),
            LATER,
            Map.of(
                "2021-01-04 12:00", List.of("weekly snapshot"),
                "2021-01-03 12:00", List.of("weekly snapshot"))),
        Arguments.of(
            "years are calendar years, not ISO years",
            ExpirePolicy.counts(0, 0, 0, 0, 0, 2),
            List.of("2020-12-27 12:00", "2020-12-31 12:00", "2021-01-03 12:00", "2021-01-04 12:00"),
            LATER,
            Map.of(
                "2021-01-04 12:00", List.of("yearly snapshot"),
                "2020-12-31 12:00", List.of("yearly snapshot"))),
        Arguments.of(
            "hourly backups for 3 days, --keep-daily 10: 3 days and the oldest",
            ExpirePolicy.counts(0, 0, 10, 0, 0, 0),
            hourly,
            LATER,
            Map.of(
                "2019-11-17 23:00", List.of("daily snapshot"),
                "2019-11-16 23:00", List.of("daily snapshot"),
                "2019-11-15 23:00", List.of("daily snapshot"),
                "2019-11-15 00:00", List.of("oldest daily snapshot"))),
        Arguments.of(
            "--keep-within 2d is relative to the newest backup, not to now",
            within("2d", null),
            List.of(
                "2019-11-10 11:00",
                "2019-11-15 10:00",
                "2019-11-15 12:00",
                "2019-11-16 11:00",
                "2019-11-17 11:00"),
            LATER,
            Map.of(
                "2019-11-17 11:00", List.of("within 2d"),
                "2019-11-16 11:00", List.of("within 2d"),
                "2019-11-15 12:00", List.of("within 2d"))),
        Arguments.of(
            "--keep-within-daily 3d keeps the newest of each day in range, no oldest rule",
            within(null, "3d"),
            List.of(
                "2019-11-13 12:00",
                "2019-11-14 12:00",
                "2019-11-15 12:00",
                "2019-11-16 08:00",
                "2019-11-16 20:00",
                "2019-11-17 09:00",
                "2019-11-17 11:00"),
            LATER,
            Map.of(
                "2019-11-17 11:00", List.of("daily within 3d"),
                "2019-11-16 20:00", List.of("daily within 3d"),
                "2019-11-15 12:00", List.of("daily within 3d"),
                "2019-11-14 12:00", List.of("daily within 3d"))),
        Arguments.of(
            "a backup in the future is not the newest for --keep-within (but is kept)",
            within("1d", null),
            List.of("2019-11-14 11:00", "2019-11-17 11:00", "2019-11-20 11:00"),
            Instant.parse("2019-11-17T12:00:00Z"),
            Map.of(
                "2019-11-20 11:00", List.of("within 1d"),
                "2019-11-17 11:00", List.of("within 1d"))),
        Arguments.of(
            "--keep-monthly unlimited keeps every month, and the oldest",
            ExpirePolicy.counts(0, 0, 0, 0, -1, 0),
            List.of("2019-10-01 10:00", "2019-10-15 10:00", "2019-11-05 10:00", "2019-11-20 10:00"),
            LATER,
            Map.of(
                "2019-11-20 10:00", List.of("monthly snapshot"),
                "2019-10-15 10:00", List.of("monthly snapshot"),
                "2019-10-01 10:00", List.of("oldest monthly snapshot"))),
        Arguments.of(
            "options are ORed and every matching rule is reported",
            ExpirePolicy.counts(1, 0, 2, 0, 0, 0),
            List.of("2019-11-16 10:00", "2019-11-17 09:00", "2019-11-17 11:00"),
            LATER,
            Map.of(
                "2019-11-17 11:00", List.of("last snapshot", "daily snapshot"),
                "2019-11-16 10:00", List.of("daily snapshot"))),
        Arguments.of(
            "the empty policy keeps everything",
            ExpirePolicy.counts(0, 0, 0, 0, 0, 0),
            List.of("2019-11-16 10:00", "2019-11-17 09:00"),
            LATER,
            Map.of(
                "2019-11-17 09:00", List.of("policy is empty"),
                "2019-11-16 10:00", List.of("policy is empty"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("policies")
  void keepsWhatResticKeeps(
      String name,
      ExpirePolicy policy,
      List<String> times,
      Instant now,
      Map<String, List<String>> expectedKeep) {
    ForgetPolicy.Decision<String> decision = apply(times, policy, now);
    Map<String, List<String>> kept = new LinkedHashMap<>();
    decision.keep().forEach(k -> kept.put(k.item().id(), k.matches()));
    assertThat(kept).isEqualTo(expectedKeep);
    List<String> removed = decision.remove().stream().map(ForgetPolicy.Item::id).toList();
    List<String> expectedRemoved =
        times.stream()
            .filter(t -> !expectedKeep.containsKey(t))
            .sorted((a, b) -> b.compareTo(a))
            .toList();
    assertThat(removed).isEqualTo(expectedRemoved);
    // Kept newest first, as restic lists them.
    assertThat(new ArrayList<>(kept.keySet())).isSortedAccordingTo((a, b) -> b.compareTo(a));
  }

  /**
   * restic docs: a backup every day for 100 years, --keep-daily 7 --keep-weekly 5 --keep-monthly 12
   * --keep-yearly 75 keeps 7 dailies, 4 more weeklies (the dailies include one), 11 or 12 monthlies
   * and 74 or 75 yearlies.
   */
  @Test
  void dailyBackupsForAHundredYears() {
    List<String> days = new ArrayList<>();
    LocalDate last = LocalDate.of(2019, 11, 17); // a Sunday
    for (LocalDate d = last.minusYears(100).plusDays(1); !d.isAfter(last); d = d.plusDays(1)) {
      days.add(d + " 11:00");
    }
    ForgetPolicy.Decision<String> decision =
        apply(days, ExpirePolicy.counts(0, 0, 7, 5, 12, 75), LATER);
    assertThat(count(decision, "daily snapshot")).isEqualTo(7);
    assertThat(count(decision, "weekly snapshot")).isEqualTo(5);
    assertThat(count(decision, "monthly snapshot")).isEqualTo(12);
    assertThat(count(decision, "yearly snapshot")).isEqualTo(75);
    assertThat(onlyBy(decision, "weekly snapshot")).isEqualTo(4);
    // Nov 17 is daily, weekly, monthly and yearly; Dec 31, 2018 is both monthly and yearly, so
    // 10 backups are only monthly and 73 only yearly.
    assertThat(onlyBy(decision, "monthly snapshot")).isEqualTo(10);
    assertThat(onlyBy(decision, "yearly snapshot")).isEqualTo(73);
    assertThat(onlyBy(decision, "daily snapshot")).isEqualTo(6);
    // Nov 17 + Dec 31, 2018 + the backups kept by one rule only
    assertThat(decision.keep()).hasSize(1 + 1 + 6 + 4 + 10 + 73);
    assertThat(decision.keep().get(0).matches())
        .containsExactly(
            "daily snapshot", "weekly snapshot", "monthly snapshot", "yearly snapshot");
    assertThat(decision.keep().get(decision.keep().size() - 1).item().id())
        .isEqualTo("1945-12-31 11:00");
    assertThat(decision.remove()).hasSize(days.size() - decision.keep().size());
  }

  @Test
  void durationsParseLikeRestic() {
    assertThat(KeepDuration.parse("1y5m7d2h")).isEqualTo(new KeepDuration(1, 5, 7, 2));
    assertThat(KeepDuration.parse("30d")).isEqualTo(new KeepDuration(0, 0, 30, 0));
    assertThat(KeepDuration.parse("2h").toString()).isEqualTo("2h");
    for (String bad : Arrays.asList("", "1w", "d", "5", "1y-2m", null)) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> KeepDuration.parse(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("1y5m7d2h");
    }
  }

  private static long count(ForgetPolicy.Decision<String> decision, String reason) {
    return decision.keep().stream().filter(k -> k.matches().contains(reason)).count();
  }

  private static long onlyBy(ForgetPolicy.Decision<String> decision, String reason) {
    return decision.keep().stream().filter(k -> k.matches().equals(List.of(reason))).count();
  }

  private static ExpirePolicy within(String within, String withinDaily) {
    KeepDuration z = KeepDuration.ZERO;
    return new ExpirePolicy(
        0,
        0,
        0,
        0,
        0,
        0,
        within == null ? z : KeepDuration.parse(within),
        z,
        withinDaily == null ? z : KeepDuration.parse(withinDaily),
        z,
        z,
        z);
  }

  private static ForgetPolicy.Decision<String> apply(
      List<String> times, ExpirePolicy policy, Instant now) {
    List<ForgetPolicy.Item<String>> items = new ArrayList<>();
    for (String t : times) {
      items.add(new ForgetPolicy.Item<>(t, LocalDateTime.parse(t, AT).toInstant(ZoneOffset.UTC)));
    }
    return ForgetPolicy.apply(items, policy, now, ZoneOffset.UTC);
  }
}
