package dev.autopilot.alert.ingest;

import dev.autopilot.alert.store.EventFactRepository;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;

/**
 * Deletes event facts older than 30 days, keeping each subject's latest of each kind (absence rules
 * need the last completed backup however old it is).
 */
@ApplicationScoped
public class EventFactRetention {
  private static final Duration KEEP = Duration.ofDays(30);

  private final EventFactRepository facts;

  public EventFactRetention(EventFactRepository facts) {
    this.facts = facts;
  }

  @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  @Transactional
  void prune() {
    facts.prune(KEEP, Instant.now());
  }
}
