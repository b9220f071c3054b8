package dev.autopilot.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autopilot.health.lease.LeaseBalancer;
import dev.autopilot.health.store.LeaseRepository;
import dev.autopilot.health.store.TargetRecord;
import dev.autopilot.health.store.TargetRepository;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Scale-out with two replicas (two owner ids) against the real database: each target has exactly
 * one owner, a replica that joins gets its share, and a dead replica's targets are taken over once
 * its leases expire (ttl 30 s + one 10 s round: within a minute). Time is passed in, not waited.
 */
@QuarkusTest
@QuarkusTestResource(HealthServiceTestResource.class)
class LeaseBalancerTest {
  private static final Duration TTL = Duration.ofSeconds(30);

  @Inject LeaseBalancer balancer;
  @Inject LeaseRepository leases;
  @Inject TargetRepository targets;

  private final String a = "replica-a-" + UUID.randomUUID();
  private final String b = "replica-b-" + UUID.randomUUID();

  @AfterEach
  void leave() {
    balancer.leave(a);
    balancer.leave(b);
  }

  @Test
  void twoReplicasSplitTheTargetsAndTheSurvivorTakesAllWithinAMinute() {
    Set<String> all = new HashSet<>(targets.list().stream().map(TargetRecord::id).toList());
    assertThat(all).hasSizeGreaterThanOrEqualTo(2);
    Instant t0 = Instant.now();

    // A alone owns everything.
    assertThat(balancer.round(a, t0, TTL)).isEqualTo(all);
    // B joins: nothing is free yet, so B gets nothing until A gives up its excess.
    assertThat(balancer.round(b, t0.plusSeconds(1), TTL)).isEmpty();
    Set<String> ofA = balancer.round(a, t0.plusSeconds(10), TTL);
    Set<String> ofB = balancer.round(b, t0.plusSeconds(11), TTL);
    assertThat(ofA).isNotEmpty();
    assertThat(ofB).isNotEmpty();
    assertThat(ofA).doesNotContainAnyElementsOf(ofB);
    assertThat(union(ofA, ofB)).isEqualTo(all);
    assertThat(Math.abs(ofA.size() - ofB.size())).isLessThanOrEqualTo(1);

    // Steady state: more rounds change nothing.
    assertThat(balancer.round(a, t0.plusSeconds(20), TTL)).isEqualTo(ofA);
    assertThat(balancer.round(b, t0.plusSeconds(21), TTL)).isEqualTo(ofB);

    // B dies (no more rounds). Before its leases expire, A cannot take them...
    assertThat(balancer.round(a, t0.plusSeconds(40), TTL)).isEqualTo(ofA);
    // ...after they expire (B's last renewal at 21 s + 30 s), A's next round takes them all.
    Instant takeover = t0.plusSeconds(60);
    assertThat(balancer.round(a, takeover, TTL)).isEqualTo(all);
    assertThat(leases.owned(b, takeover)).isEmpty();
  }

  @Test
  void concurrentRoundsNeverGiveATargetTwoOwners() {
    Instant t0 = Instant.now();
    for (int i = 0; i < 5; i++) {
      Instant at = t0.plusSeconds(i);
      CompletableFuture<Set<String>> fa =
          CompletableFuture.supplyAsync(() -> balancer.round(a, at, TTL));
      CompletableFuture<Set<String>> fb =
          CompletableFuture.supplyAsync(() -> balancer.round(b, at, TTL));
      Set<String> both = new HashSet<>(fa.join());
      both.retainAll(fb.join());
      assertThat(both).isEmpty();
    }
    List<String> all = targets.list().stream().map(TargetRecord::id).toList();
    Instant later = t0.plusSeconds(10);
    balancer.round(a, later, TTL);
    balancer.round(b, later, TTL);
    assertThat(union(leases.owned(a, later), leases.owned(b, later)))
        .containsExactlyInAnyOrderElementsOf(all);
  }

  private static Set<String> union(Set<String> x, Set<String> y) {
    Set<String> u = new HashSet<>(x);
    u.addAll(y);
    return u;
  }
}
