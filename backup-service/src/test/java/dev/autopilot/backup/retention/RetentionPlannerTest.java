package dev.autopilot.backup.retention;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autopilot.backup.store.BackupRecord;
import dev.autopilot.backup.store.BackupStatus;
import dev.autopilot.platform.event.v1.BackupReason;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What the service keeps beyond restic: recent pre-deploy/migration, newest verified, in use. */
class RetentionPlannerTest {
  private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
  private static final ExpirePolicy LAST_ONE = ExpirePolicy.counts(1, 0, 0, 0, 0, 0);

  @Test
  void preDeployAndMigrationBackupsAreKeptThirtyDays() {
    BackupRecord newest = backup(1, BackupReason.SCHEDULED, BackupStatus.COMPLETED);
    BackupRecord preDeploy = backup(10, BackupReason.PRE_DEPLOY, BackupStatus.COMPLETED);
    BackupRecord migration = backup(29, BackupReason.MIGRATION, BackupStatus.COMPLETED);
    BackupRecord oldPreDeploy = backup(31, BackupReason.PRE_DEPLOY, BackupStatus.COMPLETED);
    BackupRecord manual = backup(12, BackupReason.MANUAL, BackupStatus.COMPLETED);
    RetentionPlan plan =
        plan(List.of(oldPreDeploy, manual, migration, preDeploy, newest), Set.of());
    assertThat(reasons(plan))
        .isEqualTo(
            Map.of(
                newest.id(), List.of("last snapshot"),
                preDeploy.id(), List.of("pre-deploy backup kept 30 days"),
                migration.id(), List.of("migration backup kept 30 days")));
    assertThat(plan.remove()).containsExactlyInAnyOrder(manual, oldPreDeploy);
    assertThat(plan.policy()).isEqualTo("keep 1 latest");
  }

  @Test
  void theNewestVerifiedBackupAndBackupsBeingRestoredStay() {
    BackupRecord newest = backup(1, BackupReason.SCHEDULED, BackupStatus.COMPLETED);
    BackupRecord verified = backup(5, BackupReason.SCHEDULED, BackupStatus.VERIFIED);
    BackupRecord olderVerified = backup(9, BackupReason.SCHEDULED, BackupStatus.VERIFIED);
    BackupRecord restoring = backup(40, BackupReason.SCHEDULED, BackupStatus.COMPLETED);
    RetentionPlan plan =
        plan(List.of(newest, verified, olderVerified, restoring), Set.of(restoring.id()));
    assertThat(reasons(plan))
        .isEqualTo(
            Map.of(
                newest.id(), List.of("last snapshot"),
                verified.id(), List.of("newest verified backup"),
                restoring.id(), List.of("being restored")));
    assertThat(plan.remove()).containsExactly(olderVerified);
    // Kept newest first.
    assertThat(plan.keep().stream().map(k -> k.backup().id()))
        .containsExactly(newest.id(), verified.id(), restoring.id());
  }

  private static RetentionPlan plan(List<BackupRecord> backups, Set<UUID> inUse) {
    return RetentionPlanner.plan(
        "demo", backups, LAST_ONE, Duration.ofDays(30), inUse, NOW, ZoneOffset.UTC);
  }

  private static Map<UUID, List<String>> reasons(RetentionPlan plan) {
    return plan.keep().stream()
        .collect(Collectors.toMap(k -> k.backup().id(), RetentionPlan.Kept::matches));
  }

  private static BackupRecord backup(int daysAgo, BackupReason reason, BackupStatus status) {
    Instant at = NOW.minus(Duration.ofDays(daysAgo));
    return new BackupRecord(
        UUID.randomUUID(),
        "demo",
        reason,
        status,
        null,
        "test",
        at,
        at,
        at.plusSeconds(60),
        1,
        10L,
        "ab",
        "file:///x",
        null);
  }
}
