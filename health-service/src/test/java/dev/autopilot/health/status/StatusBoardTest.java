package dev.autopilot.health.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autopilot.health.TestTargets;
import dev.autopilot.health.store.TargetRecord;
import dev.autopilot.health.store.TargetRole;
import dev.autopilot.health.store.TargetStateRecord;
import dev.autopilot.platform.event.v1.HealthStatus;
import dev.autopilot.platform.event.v1.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Grouping by service and environment, and the worst status winning. */
class StatusBoardTest {
  private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

  @Test
  void groupsByServiceAndEnvironmentWithTheWorstStatus() {
    StatusBoard board =
        StatusBoard.of(
            List.of(
                health("a1", "api", "prod", HealthStatus.UP),
                health("a2", "api", "prod", HealthStatus.DOWN),
                health("a3", "api", "staging", HealthStatus.UP),
                health("w1", "web", "prod", HealthStatus.UNKNOWN)),
            NOW);
    assertThat(board.services())
        .extracting(s -> s.service() + "/" + s.environment() + "=" + s.status())
        .containsExactly("api/prod=DOWN", "api/staging=UP", "web/prod=UNKNOWN");
    assertThat(board.overall()).isEqualTo(HealthStatus.DOWN);
    assertThat(board.services().get(0).targets())
        .extracting(StatusBoard.TargetStatus::id)
        .containsExactly("a1", "a2");
  }

  @Test
  void allUpIsUpAndNothingIsUnknown() {
    assertThat(StatusBoard.of(List.of(health("a", "api", "prod", HealthStatus.UP)), NOW).overall())
        .isEqualTo(HealthStatus.UP);
    assertThat(StatusBoard.of(List.of(), NOW).overall()).isEqualTo(HealthStatus.UNKNOWN);
  }

  private static TargetHealth health(String id, String service, String env, HealthStatus status) {
    TargetRecord target =
        TestTargets.http(id, "http://secret-host/" + id)
            .service(service)
            .environment(env)
            .role(TargetRole.READINESS)
            .interval(Duration.ofSeconds(30))
            .timeout(Duration.ofSeconds(5))
            .failureThreshold(3)
            .successThreshold(2)
            .criticality(Severity.P1)
            .managedBy("config")
            .build();
    return new TargetHealth(target, new TargetStateRecord(id, status, 0, 0, NOW, NOW, 5L, null));
  }
}
