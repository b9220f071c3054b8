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
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Config as code: at start, writes the configured targets ({@code managed_by = config}) and the
 * targets file ({@code managed_by = file}) to the {@code target} table (a new one starts UNKNOWN),
 * deletes rows of each owner no longer listed (with their state and history), then loads the
 * catalog. An invalid configuration stops the start; the file can be re-imported at run time.
 */
@ApplicationScoped
public class TargetSync {
  private static final Logger LOG = Logger.getLogger(TargetSync.class);

  /** The result of applying one owner's targets. */
  public record Applied(int applied, List<String> removed) {}

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

  /** Applies the configured targets and the targets file; returns the removed config ids. */
  public List<String> sync() {
    List<TargetRecord> configured = ConfiguredTargets.from(config);
    Applied fromConfig = replaceOwned(TargetRecord.MANAGED_BY_CONFIG, configured);
    LOG.infof(
        "health targets: %d configured%s",
        configured.size(),
        fromConfig.removed().isEmpty() ? "" : ", removed " + fromConfig.removed());
    if (config.targetsFile().isPresent()) {
      importFile();
    } else {
      catalog.replace(targets.list());
    }
    return fromConfig.removed();
  }

  /** The configured targets file, if any. */
  public Optional<Path> targetsFile() {
    return config.targetsFile();
  }

  /**
   * Re-reads the targets file and makes the {@code file} targets match it.
   *
   * @throws TargetFile.InvalidTargetFileException when the file is invalid (nothing changes)
   * @throws IllegalStateException when there is no targets file or an id belongs to another owner
   */
  public Applied importFile() {
    Path file =
        config.targetsFile().orElseThrow(() -> new IllegalStateException("no health.targets-file"));
    List<TargetRecord> fromFile =
        TargetFile.read(file, config.minimumInterval(), config.ssrf().allow().orElse(Set.of()));
    Applied applied = replaceOwned(TargetRecord.MANAGED_BY_FILE, fromFile);
    LOG.infof(
        "targets file %s: %d targets, removed %s", file, applied.applied(), applied.removed());
    return applied;
  }

  /** Makes {@code owner}'s rows exactly {@code wanted} and reloads the catalog. */
  private Applied replaceOwned(String owner, List<TargetRecord> wanted) {
    // All or nothing, in one transaction: 2 statements per target, which took longer than the
    // default 60 s transaction timeout at 10,000 targets (and 150 s at 3,000) on an overloaded
    // 2-core machine, and the start failed. The bound only guards against a hung import, so it
    // grows generously with the number of targets (10,000 targets: about 33 minutes).
    int timeoutSeconds = Math.max(120, wanted.size() / 5);
    List<String> removed =
        QuarkusTransaction.requiringNew()
            .timeout(timeoutSeconds)
            .call(
                () -> {
                  Instant now = Instant.now();
                  for (TargetRecord target : wanted) {
                    if (!targets.upsert(target)) {
                      throw new IllegalStateException(
                          "target "
                              + target.id()
                              + ": a target with this id exists and is not managed by "
                              + owner
                              + "; rename it");
                    }
                    states.createIfMissing(TargetStateRecord.unknown(target.id(), now));
                  }
                  return targets.deleteAllExcept(
                      owner, wanted.stream().map(TargetRecord::id).toList());
                });
    catalog.replace(targets.list());
    return new Applied(wanted.size(), removed);
  }
}
