package dev.autopilot.health.probe;

import dev.autopilot.health.condition.Observation;
import dev.autopilot.health.store.TargetKind;
import dev.autopilot.health.store.TargetRecord;
import io.smallrye.mutiny.Uni;
import java.net.URI;

/** Probes targets of one kind; one implementation per kind of check. */
public interface Prober {
  /** The kind this prober handles. */
  TargetKind kind();

  /**
   * Probes {@code target} once without blocking the caller, connecting to {@code connectAddress}
   * (the address the SSRF guard checked, so DNS cannot change it in between). The overall timeout
   * is applied by the caller; the returned Uni may fail, and the caller describes the failure.
   */
  Uni<Observation> observe(TargetRecord target, URI address, String connectAddress);
}
