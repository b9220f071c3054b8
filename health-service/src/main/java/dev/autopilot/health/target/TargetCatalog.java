package dev.autopilot.health.target;

import dev.autopilot.health.store.TargetRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/**
 * The targets probes run against, as last loaded from the {@code target} table. Empty until the
 * start-up sync has run, so nothing is probed before the table is up to date.
 */
@ApplicationScoped
public class TargetCatalog {
  private volatile List<TargetRecord> targets = List.of();
  private final java.util.concurrent.atomic.AtomicLong version =
      new java.util.concurrent.atomic.AtomicLong();

  /** The current targets. */
  public List<TargetRecord> all() {
    return targets;
  }

  /** One current target. */
  public Optional<TargetRecord> find(String id) {
    return targets.stream().filter(t -> t.id().equals(id)).findFirst();
  }

  /** Replaces the targets (after a sync, later after a REST change). */
  public void replace(List<TargetRecord> current) {
    targets = List.copyOf(current);
    version.incrementAndGet();
  }

  /** Increases with every replace, so others can notice a change cheaply. */
  public long version() {
    return version.get();
  }
}
