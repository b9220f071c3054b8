package dev.autopilot.health.probe;

import dev.autopilot.health.store.TargetRecord;
import io.smallrye.mutiny.Uni;

/** Probes targets of some URL schemes; one implementation per kind of check. */
public interface Prober {
  /** Whether this prober handles URLs of {@code scheme} (lower case, e.g. {@code https}). */
  boolean supports(String scheme);

  /**
   * Probes {@code target} once, within its timeout, without blocking the caller. The returned Uni
   * never fails: every failure becomes a failed {@link ProbeOutcome} saying what happened.
   */
  Uni<ProbeOutcome> probe(TargetRecord target);
}
