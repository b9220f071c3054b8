package dev.autopilot.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autopilot.health.lease.LeaseBalancer;
import dev.autopilot.health.store.LeaseRepository;
import dev.autopilot.health.store.TargetRecord;
import dev.autopilot.health.store.TargetRepository;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The running service with leases on, next to a second replica simulated in the test (its own owner
 * id, its own lease rounds on the same database): the service stops probing the targets the other
 * replica takes, and takes them back once the other stops renewing.
 */
@QuarkusTest
@TestProfile(TwoReplicasTest.LeasesOn.class)
@QuarkusTestResource(HealthServiceTestResource.class)
class TwoReplicasTest {
  /** The other replica's lease ttl: long enough that a slow test machine never lets it lapse. */
  private static final Duration TTL = Duration.ofSeconds(10);

  private static final String OTHER = "it-other-replica";

  /** Leases on, with fast rounds so the test runs in seconds. */
  public static class LeasesOn implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "health.lease.enabled", "true",
          "health.lease.owner-id", "it-service-replica",
          "health.lease.ttl", "3s",
          "health.lease.renew-every", "1s");
    }
  }

  @Inject LeaseBalancer balancer;
  @Inject LeaseRepository leases;
  @Inject TargetRepository targets;

  @Test
  void eachTargetIsProbedByOneReplicaAndASilentReplicasTargetsMove() {
    Set<String> all = targets.list().stream().map(TargetRecord::id).collect(Collectors.toSet());
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> leases.owned("it-service-replica", Instant.now()).equals(all));

    // The other replica joins and keeps renewing: the service gives up its excess.
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> !balancer.round(OTHER, Instant.now(), TTL).isEmpty());
    Set<String> theirs = balancer.round(OTHER, Instant.now(), TTL);
    Set<String> ours = leases.owned("it-service-replica", Instant.now());
    assertThat(ours).doesNotContainAnyElementsOf(theirs);
    String taken = theirs.iterator().next();

    // While the other replica holds it, the service does not probe it (a probe already in
    // flight when the lease moved may still land: wait one interval first).
    renewFor(OTHER, Duration.ofSeconds(2));
    int before = TargetApi.probes(taken).size();
    renewFor(OTHER, Duration.ofSeconds(4));
    assertThat(TargetApi.probes(taken)).hasSize(before);

    // The other replica goes silent: within its ttl + a round the service takes the target back.
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> leases.owned("it-service-replica", Instant.now()).equals(all));
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> TargetApi.probes(taken).size() > before);
    balancer.leave(OTHER);
  }

  /** Plays the other replica's rounds for {@code period}. */
  private void renewFor(String owner, Duration period) {
    Instant end = Instant.now().plus(period);
    Awaitility.await()
        .atMost(period.plusSeconds(5))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              balancer.round(owner, Instant.now(), TTL);
              return Instant.now().isAfter(end);
            });
  }
}
