package dev.autopilot.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autopilot.health.history.ProbeHistoryPurge;
import dev.autopilot.health.store.ProbeResultRecord;
import dev.autopilot.health.store.ProbeResultRepository;
import dev.autopilot.health.store.TargetRecord;
import dev.autopilot.health.store.TargetRepository;
import dev.autopilot.health.store.TargetRole;
import dev.autopilot.health.store.TargetStateRecord;
import dev.autopilot.health.store.TargetStateRepository;
import dev.autopilot.health.target.TargetCatalog;
import dev.autopilot.health.target.TargetSync;
import dev.autopilot.platform.event.v1.Severity;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Config as code (stale config rows go, other owners stay) and probe history retention. */
@QuarkusTest
@QuarkusTestResource(HealthServiceTestResource.class)
class TargetSyncTest {
  @Inject TargetSync sync;
  @Inject TargetRepository targets;
  @Inject TargetStateRepository states;
  @Inject TargetCatalog catalog;
  @Inject ProbeResultRepository results;
  @Inject ProbeHistoryPurge purge;

  @Test
  void syncRemovesConfigTargetsNoLongerConfiguredAndKeepsOtherOwners() {
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              assertThat(targets.upsert(target("stale-config", "config"))).isTrue();
              states.createIfMissing(TargetStateRecord.unknown("stale-config", Instant.now()));
              assertThat(targets.upsert(target("api-owned", "api"))).isTrue();
              // Configuration cannot take over a target someone else manages.
              assertThat(targets.upsert(target("api-owned", "config"))).isFalse();
            });
    try {
      assertThat(sync.sync()).containsExactly("stale-config");
      assertThat(targets.find("stale-config")).isEmpty();
      assertThat(states.find("stale-config")).isEmpty();
      assertThat(targets.find("api-owned"))
          .get()
          .extracting(TargetRecord::managedBy)
          .isEqualTo("api");
      assertThat(targets.find("it-ready")).isPresent();
      assertThat(states.find("it-ready")).isPresent();
      assertThat(catalog.all())
          .extracting(TargetRecord::id)
          .contains("it-ready", "it-live", "api-owned")
          .doesNotContain("stale-config");
    } finally {
      QuarkusTransaction.requiringNew().run(() -> targets.deleteAllExcept("api", List.of()));
      sync.sync();
    }
    assertThat(catalog.all()).extracting(TargetRecord::id).doesNotContain("api-owned");
  }

  @Test
  void purgeDeletesProbeResultsOlderThanTheRetention() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Instant old = now.minus(Duration.ofDays(8));
    Instant recent = now.minus(Duration.ofDays(6));
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              results.insert(new ProbeResultRecord("it-live", old, true, 3, null, true));
              results.insert(
                  new ProbeResultRecord("it-live", recent, false, 4, "status 500", true));
            });
    assertThat(purge.purge(now)).isPositive();
    List<ProbeResultRecord> left = results.latest("it-live", 1000);
    assertThat(left).extracting(ProbeResultRecord::at).doesNotContain(old).contains(recent);
    assertThat(left).allSatisfy(r -> assertThat(r.at()).isAfter(now.minus(Duration.ofDays(7))));
  }

  private static TargetRecord target(String id, String managedBy) {
    return TestTargets.http(id, "http://127.0.0.1:9/" + id)
        .service("sync")
        .environment("test")
        .role(TargetRole.READINESS)
        .interval(Duration.ofSeconds(30))
        .timeout(Duration.ofSeconds(1))
        .failureThreshold(3)
        .successThreshold(2)
        .criticality(Severity.P2)
        .managedBy(managedBy)
        .build();
  }
}
