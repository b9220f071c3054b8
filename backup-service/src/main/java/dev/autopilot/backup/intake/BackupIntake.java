package dev.autopilot.backup.intake;

import dev.autopilot.backup.source.SourceCatalog;
import dev.autopilot.backup.store.BackupRecord;
import dev.autopilot.backup.store.BackupRepository;
import dev.autopilot.backup.store.BackupStatus;
import dev.autopilot.backup.store.NewBackupRow;
import dev.autopilot.platform.event.TraceContext;
import dev.autopilot.platform.event.v1.BackupFailed;
import dev.autopilot.platform.event.v1.BackupReason;
import dev.autopilot.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Records backup requests. A request for a configured source becomes a PENDING backup; one for an
 * unknown source is a valid request that fails: a FAILED backup and {@code backup.failed}, in the
 * same transaction.
 */
@ApplicationScoped
public class BackupIntake {
  private final BackupRepository backups;
  private final SourceCatalog sources;
  private final Outbox outbox;

  public BackupIntake(BackupRepository backups, SourceCatalog sources, Outbox outbox) {
    this.backups = backups;
    this.sources = sources;
    this.outbox = outbox;
  }

  /**
   * A request to back up a source.
   *
   * @param reason null means MANUAL
   * @param requestedBy who asked: the caller's principal, or the event's ce_source
   */
  public record Request(
      String source, BackupReason reason, String correlationId, String requestedBy) {}

  /** Records the request and returns the backup it created. */
  @Transactional
  public BackupRecord request(Request request) {
    UUID id = UUID.randomUUID();
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    BackupReason reason = request.reason() == null ? BackupReason.MANUAL : request.reason();
    boolean known = sources.find(request.source()).isPresent();
    String failure = known ? null : unknownSource(request.source());
    backups.insert(
        new NewBackupRow(
            id,
            request.source(),
            reason,
            request.correlationId(),
            request.requestedBy(),
            TraceContext.childOrNew(),
            now,
            known ? BackupStatus.PENDING : BackupStatus.FAILED,
            failure));
    if (!known) {
      outbox.append(new BackupFailed(request.source(), failure, request.correlationId()));
    }
    return backups.find(id).orElseThrow();
  }

  private String unknownSource(String source) {
    String shown = source.length() > 100 ? source.substring(0, 100) + "…" : source;
    return "unknown source '"
        + shown
        + "'; configured sources: "
        + (sources.names().isEmpty() ? "none" : String.join(", ", sources.names()));
  }
}
