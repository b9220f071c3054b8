package dev.autopilot.health.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autopilot.health.TestTargets;
import dev.autopilot.health.probe.ProbeOutcome;
import dev.autopilot.health.store.TargetRecord;
import dev.autopilot.health.store.TargetRole;
import dev.autopilot.health.target.TargetCatalog;
import dev.autopilot.platform.event.v1.Severity;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Due times, jitter and the in-flight bound, with probes that never finish. */
class ProbeSchedulerTest {
  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

  private final List<String> started = new ArrayList<>();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final TargetCatalog catalog = new TargetCatalog();

  /** Probes that hang forever, recording which targets were probed. */
  private Uni<ProbeOutcome> hanging(TargetRecord target) {
    started.add(target.id());
    return Uni.createFrom().nothing();
  }

  @Test
  void firstProbesAreSpreadOverTheIntervalAndAllDueAfterIt() {
    catalog.replace(targets(20, Duration.ofSeconds(10)));
    ProbeScheduler scheduler = scheduler(64);
    int atStart = scheduler.startDue(T0);
    assertThat(atStart).isLessThan(20);
    assertThat(scheduler.startDue(T0.plusSeconds(10))).isEqualTo(20 - atStart);
    assertThat(started).hasSize(20).doesNotHaveDuplicates();
  }

  @Test
  void probesInFlightAreBoundedAndNeverDoubled() {
    catalog.replace(targets(5, Duration.ofSeconds(1)));
    ProbeScheduler scheduler = scheduler(2);
    scheduler.startDue(T0.minusSeconds(5));
    scheduler.startDue(T0);
    assertThat(started).hasSize(2);
    // Both still hang: nothing more starts, and no target is probed twice at once.
    assertThat(scheduler.startDue(T0.plusSeconds(5))).isZero();
    assertThat(started).hasSize(2).doesNotHaveDuplicates();
    assertThat(registry.counter("autopilot.health.probes.deferred").count()).isPositive();
    assertThat(registry.get("autopilot.health.probes.in.flight").gauge().value()).isEqualTo(2.0);
  }

  @Test
  void scheduleLagAndMissedIntervalsAreMeasured() {
    catalog.replace(targets(1, Duration.ofSeconds(5)));
    ProbeScheduler scheduler =
        new ProbeScheduler(
            catalog, t -> Uni.createFrom().nothing(), id -> true, (t, o) -> {}, 64, registry);
    scheduler.startDue(T0); // registers the first due time, at most 5 s ahead
    scheduler.startDue(T0.plusSeconds(5)); // the first probe: due within the last 5 s
    // The probe hangs, so the target is skipped until it is freed; nothing was started late yet.
    assertThat(registry.get("autopilot.health.schedule.lag").timer().count()).isEqualTo(1);
    assertThat(registry.get("autopilot.health.schedule.lag").timer().max(TimeUnit.SECONDS))
        .isLessThanOrEqualTo(5.0);
    assertThat(registry.get("autopilot.health.schedule.missed").counter().count()).isZero();
  }

  @Test
  void aProbeStartedIntervalsLateCountsTheSkippedIntervals() {
    catalog.replace(targets(1, Duration.ofSeconds(5)));
    List<Integer> calls = new ArrayList<>();
    ProbeScheduler scheduler =
        new ProbeScheduler(
            catalog,
            t -> {
              calls.add(1);
              return Uni.createFrom().item(ProbeOutcome.success(1));
            },
            id -> true,
            (t, o) -> {},
            64,
            registry);
    scheduler.startDue(T0);
    awaitNothingInFlight();
    scheduler.startDue(T0.plusSeconds(5)); // the first probe (unless it was due at T0 exactly)
    awaitNothingInFlight();
    scheduler.startDue(T0.plusSeconds(23)); // the next was due at most 10 s after T0: >= 13 s late
    assertThat(calls).hasSizeBetween(2, 3);
    assertThat(registry.get("autopilot.health.schedule.missed").counter().count())
        .isBetween(2.0, 3.0);
    assertThat(registry.get("autopilot.health.schedule.lag").timer().max(TimeUnit.SECONDS))
        .isGreaterThanOrEqualTo(13.0);
  }

  @Test
  void theReportSummarisesLagAndStartsAfresh() {
    ScheduleReport report = new ScheduleReport(0);
    for (long lag = 1; lag <= 100; lag++) {
      report.started(lag, lag == 100 ? 2 : 0);
    }
    report.deferred(7);
    assertThat(report.drain(10_000_000_000L))
        .isEqualTo(
            "schedule: 100 probes started in 10.0 s (10.0/s), lag p50 50 ms, p99 99 ms, max 100"
                + " ms; 2 missed intervals, 7 deferred");
    assertThat(report.drain(20_000_000_000L)).isNull();
  }

  @Test
  void onlyTargetsThisReplicaOwnsAreProbed() {
    catalog.replace(targets(4, Duration.ofSeconds(1)));
    ProbeScheduler scheduler =
        new ProbeScheduler(
            catalog,
            this::hanging,
            id -> id.equals("t1") || id.equals("t3"),
            (t, o) -> {},
            64,
            registry);
    scheduler.startDue(T0);
    scheduler.startDue(T0.plusSeconds(5));
    assertThat(started).containsExactlyInAnyOrder("t1", "t3");
  }

  @Test
  void removedTargetsAreNotProbed() {
    catalog.replace(targets(3, Duration.ofSeconds(1)));
    ProbeScheduler scheduler = scheduler(64);
    scheduler.startDue(T0);
    int before = started.size();
    catalog.replace(List.of());
    assertThat(scheduler.startDue(T0.plusSeconds(5))).isZero();
    assertThat(started).hasSize(before);
  }

  /** Results are handled on a worker thread; wait until the scheduler saw every probe end. */
  private void awaitNothingInFlight() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (registry.get("autopilot.health.probes.in.flight").gauge().value() > 0
        && System.nanoTime() < deadline) {
      java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
    }
  }

  private ProbeScheduler scheduler(int maxInFlight) {
    return new ProbeScheduler(
        catalog, this::hanging, id -> true, (t, o) -> {}, maxInFlight, registry);
  }

  private static List<TargetRecord> targets(int count, Duration interval) {
    return IntStream.range(0, count)
        .mapToObj(
            i ->
                TestTargets.http("t" + i, "http://127.0.0.1:9/t" + i)
                    .service("svc")
                    .environment("test")
                    .role(TargetRole.READINESS)
                    .interval(interval)
                    .timeout(Duration.ofSeconds(1))
                    .failureThreshold(3)
                    .successThreshold(2)
                    .criticality(Severity.P1)
                    .managedBy("config")
                    .build())
        .toList();
  }
}
