package dev.autopilot.backup.restore;

import dev.autopilot.backup.config.BackupConfig;
import dev.autopilot.backup.store.ClaimedRestore;
import dev.autopilot.backup.store.RestoreRecord;
import dev.autopilot.backup.store.RestoreRepository;
import dev.autopilot.platform.event.TraceContext;
import dev.autopilot.platform.event.v1.BackupRestored;
import dev.autopilot.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * A restore's state changes, each in one transaction with its event: claim, and finish (SUCCEEDED
 * or FAILED + {@code backup.restored}).
 */
@ApplicationScoped
public class RestoreTransitions {
  static final int MAX_REASON = 2000;

  private final RestoreRepository restores;
  private final Outbox outbox;
  private final BackupConfig config;

  public RestoreTransitions(RestoreRepository restores, Outbox outbox, BackupConfig config) {
    this.restores = restores;
    this.outbox = outbox;
    this.config = config;
  }

  /**
   * Claims the next confirmed restore for {@code owner}; one already started {@code
   * backup.worker.max-attempts} times (its replica kept stopping) is FAILED instead.
   */
  @Transactional
  public Optional<ClaimedRestore> claimNext(String owner) {
    while (true) {
      Optional<ClaimedRestore> claimed = restores.claimNext(owner, config.worker().lease());
      if (claimed.isEmpty()
          || claimed.get().restore().attempts() <= config.worker().maxAttempts()) {
        return claimed;
      }
      TraceContext.set(claimed.get().traceparent());
      try {
        finish(
            claimed.get(),
            owner,
            new RestoreOutcome(
                "given up after "
                    + config.worker().maxAttempts()
                    + " attempts: the replica running it stopped each time",
                0));
      } finally {
        TraceContext.clear();
      }
    }
  }

  /** Records the outcome and emits backup.restored; false when {@code owner} lost its claim. */
  @Transactional
  public boolean finish(ClaimedRestore claim, String owner, RestoreOutcome outcome) {
    RestoreRecord restore = claim.restore();
    String reason = outcome.failureReason();
    if (reason != null && reason.length() > MAX_REASON) {
      reason = reason.substring(0, MAX_REASON) + "…";
    }
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    if (!restores.finish(restore, owner, reason, outcome.seconds(), now)) {
      return false;
    }
    outbox.append(
        new BackupRestored(
            restore.backupId(),
            restore.target(),
            outcome.seconds(),
            restore.correlationId(),
            restore.source(),
            reason == null,
            reason));
    return true;
  }
}
