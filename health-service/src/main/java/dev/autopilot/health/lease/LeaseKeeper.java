package dev.autopilot.health.lease;

import dev.autopilot.health.config.HealthConfig;
import dev.autopilot.health.target.TargetCatalog;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * This replica's side of the leases: runs a {@link LeaseBalancer} round at start and every {@code
 * health.lease.renew-every}, and answers whether this replica probes a target. With leases off (one
 * replica), it owns every target.
 */
@ApplicationScoped
public class LeaseKeeper {
  private static final Logger LOG = Logger.getLogger(LeaseKeeper.class);

  private final LeaseBalancer balancer;
  private final HealthConfig.Lease config;
  private final String owner;
  private final TargetCatalog catalog;
  private volatile Set<String> owned = Set.of();
  private volatile long seenVersion = -1;

  public LeaseKeeper(LeaseBalancer balancer, TargetCatalog catalog, HealthConfig config) {
    this.balancer = balancer;
    this.catalog = catalog;
    this.config = config.lease();
    this.owner = this.config.ownerId().orElseGet(() -> "health-" + UUID.randomUUID());
  }

  /** After the target sync (default observer priority), so the first round sees the targets. */
  void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 600) StartupEvent event) {
    refresh();
  }

  @Scheduled(
      every = "${health.lease.renew-every:10s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  synchronized void refresh() {
    if (!config.enabled()) {
      return;
    }
    try {
      seenVersion = catalog.version();
      Set<String> now = balancer.round(owner, Instant.now(), config.ttl());
      if (!now.equals(owned)) {
        LOG.infof("replica %s now probes %d targets", owner, now.size());
      }
      owned = now;
    } catch (RuntimeException e) {
      // Without the database we cannot prove ownership: probe nothing rather than twice.
      LOG.warnf("lease round failed (%s); probing nothing until it works", e.getMessage());
      owned = Set.of();
    }
  }

  /** A target added or removed takes part in the next second, not the next lease round. */
  @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void onCatalogChange() {
    if (config.enabled() && catalog.version() != seenVersion) {
      refresh();
    }
  }

  void onStop(@Observes ShutdownEvent event) {
    if (config.enabled()) {
      try {
        balancer.leave(owner);
      } catch (RuntimeException e) {
        LOG.debugf(e, "could not release leases on shutdown");
      }
    }
  }

  /** Whether this replica probes {@code targetId}. */
  public boolean owns(String targetId) {
    return !config.enabled() || owned.contains(targetId);
  }

  /** This replica's owner id. */
  public String owner() {
    return owner;
  }
}
