package dev.autopilot.backup.retention;

import dev.autopilot.backup.store.BackupRecord;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * What retention does to one source's stored backups: which stay and every rule that keeps each,
 * and which go.
 *
 * @param policy the source's policy in words
 */
@RegisterForReflection
public record RetentionPlan(
    String source, String policy, List<Kept> keep, List<BackupRecord> remove) {
  /** A backup that stays, and why. */
  @RegisterForReflection
  public record Kept(BackupRecord backup, List<String> matches) {}
}
