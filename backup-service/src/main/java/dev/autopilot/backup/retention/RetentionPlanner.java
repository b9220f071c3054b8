package dev.autopilot.backup.retention;

import dev.autopilot.backup.store.BackupRecord;
import dev.autopilot.backup.store.BackupStatus;
import dev.autopilot.platform.event.v1.BackupReason;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One source's retention plan: restic's policy over its stored backups (a backup's time is when its
 * dump started), plus what restic does not know about: PRE_DEPLOY and MIGRATION backups are kept
 * for {@code protectedFor}, the newest VERIFIED backup is never deleted, and neither is a backup
 * being restored.
 */
public final class RetentionPlanner {
  private RetentionPlanner() {}

  /**
   * Plans retention for {@code backups}, the stored (COMPLETED or VERIFIED) backups of one source.
   */
  public static RetentionPlan plan(
      String source,
      List<BackupRecord> backups,
      ExpirePolicy policy,
      Duration protectedFor,
      Set<UUID> inUse,
      Instant now,
      ZoneId zone) {
    Map<UUID, BackupRecord> byId = new LinkedHashMap<>();
    List<ForgetPolicy.Item<UUID>> items = new ArrayList<>();
    for (BackupRecord b : backups) {
      byId.put(b.id(), b);
      items.add(new ForgetPolicy.Item<>(b.id(), timeOf(b)));
    }
    ForgetPolicy.Decision<UUID> decision = ForgetPolicy.apply(items, policy, now, zone);
    UUID newestVerified =
        backups.stream()
            .filter(b -> b.status() == BackupStatus.VERIFIED)
            .max(Comparator.comparing(RetentionPlanner::timeOf))
            .map(BackupRecord::id)
            .orElse(null);
    List<RetentionPlan.Kept> keep = new ArrayList<>();
    for (ForgetPolicy.Kept<UUID> kept : decision.keep()) {
      BackupRecord b = byId.get(kept.item().id());
      List<String> matches = new ArrayList<>(kept.matches());
      matches.addAll(extraReasons(b, newestVerified, protectedFor, inUse, now));
      keep.add(new RetentionPlan.Kept(b, List.copyOf(matches)));
    }
    List<BackupRecord> remove = new ArrayList<>();
    for (ForgetPolicy.Item<UUID> item : decision.remove()) {
      BackupRecord b = byId.get(item.id());
      List<String> extra = extraReasons(b, newestVerified, protectedFor, inUse, now);
      if (extra.isEmpty()) {
        remove.add(b);
      } else {
        keep.add(new RetentionPlan.Kept(b, extra));
      }
    }
    keep.sort(Comparator.comparing((RetentionPlan.Kept k) -> timeOf(k.backup())).reversed());
    return new RetentionPlan(source, policy.toString(), List.copyOf(keep), List.copyOf(remove));
  }

  /** The time retention sees for a backup: when its dump started (else when it was requested). */
  public static Instant timeOf(BackupRecord b) {
    return b.startedAt() != null ? b.startedAt() : b.requestedAt();
  }

  private static List<String> extraReasons(
      BackupRecord b, UUID newestVerified, Duration protectedFor, Set<UUID> inUse, Instant now) {
    List<String> reasons = new ArrayList<>();
    if ((b.reason() == BackupReason.PRE_DEPLOY || b.reason() == BackupReason.MIGRATION)
        && timeOf(b).isAfter(now.minus(protectedFor))) {
      reasons.add(
          b.reason().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
              + " backup kept "
              + protectedFor.toDays()
              + " days");
    }
    if (b.id().equals(newestVerified)) {
      reasons.add("newest verified backup");
    }
    if (inUse.contains(b.id())) {
      reasons.add("being restored");
    }
    return reasons;
  }
}
