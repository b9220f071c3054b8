package dev.autopilot.health.lease;

import dev.autopilot.health.store.LeaseRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * One lease round of one replica, in one transaction: announce itself, renew its leases, compute
 * its fair share ({@code ceil(targets / live replicas)}), give up leases beyond it (so a replica
 * that joins gets work) or claim free and expired ones up to it (so a dead replica's targets move
 * once its leases expire). Returns what the replica owns afterwards.
 */
@ApplicationScoped
public class LeaseBalancer {
  private final LeaseRepository leases;

  public LeaseBalancer(LeaseRepository leases) {
    this.leases = leases;
  }

  /** Runs one round for {@code owner} at {@code now} with leases lasting {@code ttl}. */
  public Set<String> round(String owner, Instant now, Duration ttl) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              Instant until = now.plus(ttl);
              leases.heartbeat(owner, until);
              leases.renew(owner, until, now);
              int total = leases.targets();
              int live = Math.max(1, leases.liveReplicas(now));
              int share = (total + live - 1) / live;
              int mine = leases.owned(owner, now).size();
              if (mine > share) {
                leases.release(owner, mine - share);
              } else if (mine < share) {
                leases.claim(owner, now, until, share - mine);
              }
              return leases.owned(owner, now);
            });
  }

  /** Gives up everything {@code owner} holds (clean shutdown: the others take over at once). */
  public void leave(String owner) {
    QuarkusTransaction.requiringNew().run(() -> leases.releaseAll(owner));
  }
}
