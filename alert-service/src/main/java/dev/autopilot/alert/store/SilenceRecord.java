package dev.autopilot.alert.store;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A silence: alerts matching all its matchers between {@code startsAt} and {@code endsAt} are
 * recorded as SUPPRESSED instead of announced.
 *
 * @param status {@code pending} (not started), {@code active} or {@code expired}, as of reading
 */
@RegisterForReflection
public record SilenceRecord(
    UUID id,
    List<MatcherSpec> matchers,
    Instant startsAt,
    Instant endsAt,
    String createdBy,
    String comment,
    Instant updatedAt,
    String status) {

  /** The status at {@code now}. */
  public static String statusAt(Instant startsAt, Instant endsAt, Instant now) {
    if (!now.isBefore(endsAt)) {
      return "expired";
    }
    return now.isBefore(startsAt) ? "pending" : "active";
  }
}
