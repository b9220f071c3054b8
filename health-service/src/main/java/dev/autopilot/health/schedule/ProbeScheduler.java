package dev.autopilot.health.schedule;

import dev.autopilot.health.config.HealthConfig;
import dev.autopilot.health.lease.LeaseKeeper;
import dev.autopilot.health.metrics.HealthMetrics;
import dev.autopilot.health.probe.ProbeOutcome;
import dev.autopilot.health.probe.ProbeRunner;
import dev.autopilot.health.state.ProbeResultRecorder;
import dev.autopilot.health.store.TargetRecord;
import dev.autopilot.health.target.TargetCatalog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Starts the probes that are due, once a second, for the targets this replica holds the lease of.
 * Probes run on the event loop (no thread per target); a target is never probed twice at once; at
 * most {@code health.probe.max-in-flight} probes run together, and due probes beyond that wait for
 * the next tick, most overdue first. The first probe of a target is delayed by a random part of its
 * interval (at most 10 s) so targets spread out instead of all firing on the same tick.
 *
 * <p>Two meters show whether it keeps up: {@code autopilot.health.schedule.lag} (a histogram of how
 * long after its due time each probe started: up to one tick by design, more when the scheduler or
 * the in-flight bound holds probes back) and {@code autopilot.health.schedule.missed} (intervals
 * skipped because a probe started a whole interval or more late). Every minute the same is logged
 * with exact percentiles ({@code schedule: N probes started in 60.0 s, lag p50 …}), readable at any
 * number of targets.
 */
@ApplicationScoped
public class ProbeScheduler {
  private static final Logger LOG = Logger.getLogger(ProbeScheduler.class);
  private static final Duration MAX_FIRST_JITTER = Duration.ofSeconds(10);

  private final TargetCatalog catalog;
  private final Function<TargetRecord, Uni<ProbeOutcome>> probe;
  private final Predicate<String> owns;
  private final BiConsumer<TargetRecord, ProbeOutcome> record;
  private final int maxInFlight;
  private final Counter deferred;
  private final Timer lag;
  private final Counter missed;
  private final ScheduleReport report = new ScheduleReport(System.nanoTime());
  private final Map<String, Instant> nextDue = new ConcurrentHashMap<>();
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
  private volatile boolean stopping;

  @Inject
  public ProbeScheduler(
      TargetCatalog catalog,
      ProbeRunner runner,
      LeaseKeeper leases,
      ProbeResultRecorder recorder,
      HealthMetrics metrics,
      HealthConfig config,
      MeterRegistry registry) {
    this(
        catalog,
        runner::run,
        leases::owns,
        (target, outcome) -> {
          metrics.probe(target.id(), outcome);
          recorder.record(target, outcome);
        },
        config.probe().maxInFlight(),
        registry);
  }

  ProbeScheduler(
      TargetCatalog catalog,
      Function<TargetRecord, Uni<ProbeOutcome>> probe,
      Predicate<String> owns,
      BiConsumer<TargetRecord, ProbeOutcome> record,
      int maxInFlight,
      MeterRegistry registry) {
    this.catalog = catalog;
    this.probe = probe;
    this.owns = owns;
    this.record = record;
    this.maxInFlight = maxInFlight;
    this.deferred = registry.counter("autopilot.health.probes.deferred");
    this.lag =
        Timer.builder("autopilot.health.schedule.lag")
            .description("How long after its due time a probe started")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofMinutes(2))
            .register(registry);
    this.missed =
        Counter.builder("autopilot.health.schedule.missed")
            .description("Probe intervals skipped because a probe started an interval or more late")
            .register(registry);
    registry.gaugeCollectionSize("autopilot.health.probes.in.flight", Tags.empty(), inFlight);
  }

  @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void tick() {
    if (!stopping) {
      startDue(Instant.now());
    }
  }

  @Scheduled(every = "60s", delayed = "60s")
  void report() {
    String line = report.drain(System.nanoTime());
    if (line != null) {
      LOG.info(line);
    }
  }

  void onStop(@Observes ShutdownEvent event) {
    // Probes still in flight finish, but their results are dropped: the datasource is closing.
    stopping = true;
  }

  /** Starts every probe due at {@code now}, within the in-flight bound; returns how many. */
  int startDue(Instant now) {
    List<TargetRecord> targets = catalog.all().stream().filter(t -> owns.test(t.id())).toList();
    nextDue.keySet().retainAll(targets.stream().map(TargetRecord::id).collect(Collectors.toSet()));
    List<TargetRecord> due =
        targets.stream()
            .filter(t -> !inFlight.contains(t.id()))
            .filter(t -> !now.isBefore(nextDue.computeIfAbsent(t.id(), id -> firstProbe(t, now))))
            .sorted(Comparator.comparing((TargetRecord t) -> nextDue.get(t.id())))
            .toList();
    int started = 0;
    for (TargetRecord target : due) {
      if (inFlight.size() >= maxInFlight) {
        deferred.increment(due.size() - started);
        report.deferred(due.size() - started);
        break;
      }
      Instant dueAt = nextDue.get(target.id());
      Duration late = Duration.between(dueAt, now);
      lag.record(late);
      long skipped = late.toMillis() / Math.max(1, target.interval().toMillis());
      if (skipped > 0) {
        missed.increment(skipped);
      }
      report.started(late.toMillis(), skipped);
      Instant next = dueAt.plus(target.interval());
      nextDue.put(target.id(), next.isAfter(now) ? next : now.plus(target.interval()));
      start(target);
      started++;
    }
    return started;
  }

  private void start(TargetRecord target) {
    inFlight.add(target.id());
    probe
        .apply(target)
        .emitOn(Infrastructure.getDefaultWorkerPool())
        .invoke(
            outcome -> {
              if (!stopping) {
                record.accept(target, outcome);
              }
            })
        .onTermination()
        .invoke(() -> inFlight.remove(target.id()))
        .subscribe()
        .with(
            outcome -> {},
            failure ->
                LOG.errorf(failure, "target %s: recording the probe result failed", target.id()));
  }

  private static Instant firstProbe(TargetRecord target, Instant now) {
    long bound = Math.min(target.interval().toMillis(), MAX_FIRST_JITTER.toMillis());
    return now.plusMillis(ThreadLocalRandom.current().nextLong(Math.max(1, bound)));
  }
}
