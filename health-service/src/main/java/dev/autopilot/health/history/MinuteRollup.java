package dev.autopilot.health.history;

import dev.autopilot.health.store.RollupRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;

/**
 * Rolls raw probe results up per minute every 15 s: the last few minutes are recomputed (the upsert
 * makes it idempotent, and the current minute stays current); the first run after a start covers
 * the last hour, so minutes missed while stopped are filled in.
 */
@ApplicationScoped
public class MinuteRollup {
  private final RollupRepository rollups;
  private volatile boolean caughtUp;

  public MinuteRollup(RollupRepository rollups) {
    this.rollups = rollups;
  }

  @Scheduled(every = "15s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduled() {
    rollUp(Instant.now());
  }

  /** Recomputes the rollups up to {@code now}; returns the minutes written. */
  public int rollUp(Instant now) {
    Duration back = caughtUp ? Duration.ofMinutes(3) : Duration.ofHours(1);
    int written = QuarkusTransaction.requiringNew().call(() -> rollups.rollUp(now.minus(back)));
    caughtUp = true;
    return written;
  }
}
