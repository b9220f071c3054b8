package dev.autopilot.alert.silence;

import dev.autopilot.alert.lifecycle.Suppressions;
import dev.autopilot.alert.store.SilenceRecord;
import dev.autopilot.alert.store.SilenceRepository;
import dev.autopilot.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Creates, changes and expires silences, and applies them to the alerts already active in the same
 * transaction: a new (or changed) silence mutes the FIRING and ACKNOWLEDGED alerts it matches, and
 * one that is expired (or changed so it no longer matches) releases the alerts it held at once —
 * back to FIRING with {@code alert.fired}, or to ACKNOWLEDGED. A silence that ends by its {@code
 * endsAt}, or starts later ({@code startsAt}), takes effect at the next suppression recheck.
 */
@ApplicationScoped
public class SilenceService {
  private final SilenceRepository silences;
  private final Suppressions suppressions;

  public SilenceService(SilenceRepository silences, Suppressions suppressions) {
    this.silences = silences;
    this.suppressions = suppressions;
  }

  /** A new silence by {@code author}. */
  @Transactional
  public SilenceRecord create(SilenceRequest request, String author) {
    SilenceRecord saved = save(UUID.randomUUID(), request, author);
    suppressions.muteActive(author);
    return saved;
  }

  /** Replaces a silence that has not expired; 404 if unknown, 409 if expired. */
  @Transactional
  public SilenceRecord update(UUID id, SilenceRequest request, String author) {
    SilenceRecord existing = find(id);
    if ("expired".equals(existing.status())) {
      throw ProblemException.conflict("silence " + id + " has expired; create a new one");
    }
    SilenceRecord saved = save(id, request, author);
    suppressions.release(reason(id), author);
    suppressions.muteActive(author);
    return saved;
  }

  /** Ends a silence now and releases the alerts it held; 404 if unknown, 409 if already expired. */
  @Transactional
  public SilenceRecord expire(UUID id, String by) {
    find(id);
    Instant now = now();
    if (!silences.expire(id, now)) {
      throw ProblemException.conflict("silence " + id + " has already expired");
    }
    suppressions.release(reason(id), by);
    return silences.find(id, now).orElseThrow();
  }

  /** The suppressed reason of the alerts a silence holds. */
  private static String reason(UUID id) {
    return "silence:" + id;
  }

  /** One silence; 404 if unknown. */
  public SilenceRecord find(UUID id) {
    return silences
        .find(id, now())
        .orElseThrow(() -> ProblemException.notFound("silence " + id + " does not exist"));
  }

  /** Silences, optionally of one status (pending, active, expired). */
  public List<SilenceRecord> list(String status) {
    return silences.list(status, now());
  }

  /** Now at Postgres's precision (microseconds), so a stored "now" compares equal. */
  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }

  private SilenceRecord save(UUID id, SilenceRequest request, String author) {
    SilenceMatchers.compile(request.matchers());
    Instant now = now();
    Instant starts = request.startsAt() == null ? now : request.startsAt();
    if (!request.endsAt().isAfter(starts)) {
      throw ProblemException.badField("endsAt", "must be after startsAt");
    }
    if (!request.endsAt().isAfter(now)) {
      throw ProblemException.badField("endsAt", "must be in the future");
    }
    silences.save(id, request.matchers(), starts, request.endsAt(), author, request.comment(), now);
    return silences.find(id, now).orElseThrow();
  }
}
