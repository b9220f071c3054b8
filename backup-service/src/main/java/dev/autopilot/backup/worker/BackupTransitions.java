package dev.autopilot.backup.worker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autopilot.backup.config.BackupConfig;
import dev.autopilot.backup.store.BackupManifest;
import dev.autopilot.backup.store.BackupRecord;
import dev.autopilot.backup.store.BackupRepository;
import dev.autopilot.backup.store.ClaimedBackup;
import dev.autopilot.platform.event.TraceContext;
import dev.autopilot.platform.event.v1.BackupCompleted;
import dev.autopilot.platform.event.v1.BackupFailed;
import dev.autopilot.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The worker's state changes, each in one transaction with the event it causes (outbox): claim
 * (PENDING → RUNNING), complete (→ COMPLETED + backup.completed), fail (→ FAILED + backup.failed).
 */
@ApplicationScoped
public class BackupTransitions {
  private static final Logger LOG = Logger.getLogger(BackupTransitions.class);

  /** Reasons are kept to this length: stderr of a dump can be long. */
  static final int MAX_REASON = 2000;

  private final BackupRepository backups;
  private final Outbox outbox;
  private final BackupConfig config;
  private final ObjectMapper json;

  public BackupTransitions(
      BackupRepository backups, Outbox outbox, BackupConfig config, ObjectMapper json) {
    this.backups = backups;
    this.outbox = outbox;
    this.config = config;
    this.json = json;
  }

  private String json(BackupManifest manifest) {
    try {
      return json.writeValueAsString(manifest);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the manifest of " + manifest.backupId(), e);
    }
  }

  /**
   * Claims the next backup to run for {@code owner}. A backup that has already been started {@code
   * max-attempts} times (its replica kept stopping) is FAILED instead, and the next one claimed.
   */
  @Transactional
  public Optional<ClaimedBackup> claimNext(String owner) {
    while (true) {
      Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
      Optional<ClaimedBackup> claimed = backups.claimNext(owner, config.worker().lease(), now);
      if (claimed.isEmpty() || claimed.get().backup().attempts() <= config.worker().maxAttempts()) {
        return claimed;
      }
      String reason =
          "given up after "
              + config.worker().maxAttempts()
              + " attempts: the replica running it stopped each time";
      LOG.warnf("backup %s: %s", claimed.get().backup().id(), reason);
      TraceContext.set(claimed.get().traceparent());
      try {
        fail(claimed.get(), owner, reason, now);
      } finally {
        TraceContext.clear();
      }
    }
  }

  /** Records a stored backup; false when {@code owner} lost its claim (nothing recorded). */
  @Transactional
  public boolean complete(
      ClaimedBackup claim, String owner, DumpOutcome.Stored stored, Instant finishedAt) {
    BackupRecord backup = claim.backup();
    BackupManifest manifest =
        new BackupManifest(
            1,
            backup.id(),
            backup.source(),
            stored.kind(),
            backup.reason().name(),
            stored.info().tool(),
            stored.info().toolVersion(),
            stored.info().serverVersion(),
            stored.sha256(),
            stored.sizeBytes(),
            stored.location(),
            backup.startedAt(),
            finishedAt,
            stored.encryption(),
            stored.info().tableCounts());
    if (!backups.complete(
        backup,
        owner,
        stored.sizeBytes(),
        stored.sha256(),
        stored.location(),
        finishedAt,
        json(manifest))) {
      return false;
    }
    outbox.append(
        new BackupCompleted(
            backup.id(),
            backup.source(),
            stored.sizeBytes(),
            stored.sha256(),
            stored.location(),
            backup.startedAt(),
            finishedAt,
            backup.correlationId()));
    return true;
  }

  /** Records a failed backup; false when {@code owner} lost its claim (nothing recorded). */
  @Transactional
  public boolean fail(ClaimedBackup claim, String owner, String reason, Instant finishedAt) {
    BackupRecord backup = claim.backup();
    String bounded = reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON) + "…";
    if (!backups.fail(backup, owner, bounded, finishedAt)) {
      return false;
    }
    outbox.append(new BackupFailed(backup.source(), bounded, backup.correlationId()));
    return true;
  }
}
