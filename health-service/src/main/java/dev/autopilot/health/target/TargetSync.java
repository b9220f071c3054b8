package dev.autopilot.health.target;

import dev.autopilot.health.config.HealthConfig;
import dev.autopilot.health.store.TargetRecord;
import dev.autopilot.health.store.TargetRepository;
import dev.autopilot.health.store.TargetStateRecord;
import dev.autopilot.health.store.TargetStateRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Config as code: at start, writes the configured targets to the {@code target} table (a new one
 * starts UNKNOWN), deletes config-managed targets no longer configured (with their state and
 * history), then loads the catalog. An invalid target stops the start with a message naming it.
 */
@ApplicationScoped
public class TargetSync {
  private static final Logger LOG = Logger.getLogger(TargetSync.class);

  private final HealthConfig config;
  private final TargetRepository targets;
  private final TargetStateRepository states;
  private final TargetCatalog catalog;

  public TargetSync(
      HealthConfig config,
      TargetRepository targets,
      TargetStateRepository states,
      TargetCatalog catalog) {
    this.config = config;
    this.targets = targets;
    this.states = states;
    this.catalog = catalog;
  }

  void onStart(@Observes StartupEvent event) {
    sync();
  }

  /** Applies the configured targets to the table and reloads the catalog; returns removed ids. */
  public List<String> sync() {
    List<TargetRecord> configured = ConfiguredTargets.from(config);
    List<String> removed =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  Instant now = Instant.now();
                  for (TargetRecord target : configured) {
                    if (!targets.upsert(target)) {
                      throw new IllegalStateException(
                          "health.targets.\""
                              + target.id()
                              + "\": a target with this id exists and is not managed by"
                              + " configuration; rename the configured target");
                    }
                    states.createIfMissing(TargetStateRecord.unknown(target.id(), now));
                  }
                  return targets.deleteAllExcept(
                      TargetRecord.MANAGED_BY_CONFIG,
                      configured.stream().map(TargetRecord::id).toList());
                });
    catalog.replace(targets.list());
    LOG.infof(
        "health targets: %d configured%s",
        configured.size(), removed.isEmpty() ? "" : ", removed " + removed);
    return removed;
  }
}
