package dev.autopilot.backup.worker;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The leased-worker loop backups and restores share: each tick claims the next piece of work under
 * this replica's owner id and runs it, until none is left or the service stops; a heartbeat renews
 * the claims of what is running. A replica that stops stops renewing, its claims expire, and any
 * replica claims that work again.
 *
 * <p>A plain object the worker beans compose: the {@code @Scheduled} methods stay on the beans
 * themselves (Quarkus finds scheduled methods on bean classes at build time; composing keeps each
 * schedule's configuration key visible where it is used).
 *
 * @param <C> a claim: the claimed row and what its run needs
 */
public final class LeasedWorker<C> {
  private static final Logger LOG = Logger.getLogger(LeasedWorker.class);

  /** What the loop does with a kind of work. */
  public interface Work<C> {
    /** Claims the next piece of work for {@code owner}, in its own transaction. */
    Optional<C> claimNext(String owner);

    /** The claimed row's id. */
    UUID id(C claim);

    /**
     * Runs a claimed piece of work and records its outcome if {@code owner} still holds it. A
     * RuntimeException (the database is unreachable) leaves it RUNNING; it is re-run once its claim
     * expires.
     */
    void run(C claim, String owner);

    /** Extends the claims {@code owner} holds on {@code ids}. */
    void renew(String owner, Set<UUID> ids);
  }

  private final String what;
  private final Work<C> work;
  private final String owner;
  private final Set<UUID> running = ConcurrentHashMap.newKeySet();
  private volatile boolean stopping;

  /**
   * @param what what the work is called in logs ({@code backup}, {@code restore})
   * @param ownerSuffix added to the host name to make this replica's owner id
   */
  public LeasedWorker(String what, String ownerSuffix, Work<C> work) {
    this.what = what;
    this.work = work;
    String host = System.getenv().getOrDefault("HOSTNAME", "backup-service");
    this.owner = host + ownerSuffix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** This replica's owner id for this kind of work. */
  public String owner() {
    return owner;
  }

  /** Claims and runs work until none is left or the service stops. */
  public void tick() {
    while (!stopping) {
      Optional<C> claim;
      try {
        claim = work.claimNext(owner);
      } catch (RuntimeException e) {
        LOG.warnf("cannot claim %ss (%s); retrying next tick", what, e.getMessage());
        return;
      }
      if (claim.isEmpty()) {
        return;
      }
      UUID id = work.id(claim.get());
      running.add(id);
      try {
        work.run(claim.get(), owner);
      } catch (RuntimeException e) {
        LOG.warnf("cannot record the outcome of %s %s (%s)", what, id, e.getMessage());
      } finally {
        running.remove(id);
      }
    }
  }

  /** Renews the claims of the work running now. */
  public void renewClaims() {
    if (running.isEmpty()) {
      return;
    }
    try {
      work.renew(owner, Set.copyOf(running));
    } catch (RuntimeException e) {
      LOG.warnf("cannot renew %s claims (%s)", what, e.getMessage());
    }
  }

  /** Claims nothing more (the service is stopping); what runs finishes. */
  public void stop() {
    stopping = true;
  }
}
