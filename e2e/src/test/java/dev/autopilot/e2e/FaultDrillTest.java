package dev.autopilot.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * A fault drill with real processes: alerts arrive from Alertmanager while alert-service and
 * notification-service are killed with SIGKILL (no shutdown hook, nothing flushed) with that work
 * in flight, then {@code ./autopilot up} restarts them. Counted from the SMTP catcher: pages lost
 * (must be 0) and pages duplicated (must be 0), and how long until both are ready again.
 */
@Order(3)
class FaultDrillTest {
  private static final int ALERTS = 20;

  @Test
  void killingAlertAndNotificationServiceMidFlowLosesAndDuplicatesNoPage() throws Exception {
    Suite suite = Suite.get();
    String run = "Drill" + (System.currentTimeMillis() % 1_000_000);
    List<String> names =
        IntStream.range(0, ALERTS).mapToObj(i -> run + "N" + i).collect(Collectors.toList());

    // Half the alerts reach alert-service, then notification-service dies with pages in flight.
    for (int i = 0; i < ALERTS / 2; i++) {
      assertThat(AlertmanagerPost.firing(suite, names.get(i)).status()).isEqualTo(200);
    }
    KillDrill.kill(suite, "notification-service");
    // The other half is accepted, then alert-service dies before (or while) its outbox drains.
    for (int i = ALERTS / 2; i < ALERTS; i++) {
      assertThat(AlertmanagerPost.firing(suite, names.get(i)).status()).isEqualTo(200);
    }
    KillDrill.kill(suite, "alert-service");

    KillDrill.Restart restart = KillDrill.restart(suite);
    System.out.printf("fault drill: alert- and notification-service: %s%n", restart);

    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofSeconds(2))
        .until(() -> Pages.firing(names).lost(names) == 0);
    // Anything duplicated would arrive within a few redelivery rounds: the count must hold still
    // (one page per alert) for 10 s before it is reported and asserted.
    await()
        .during(Duration.ofSeconds(10))
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> Pages.firing(names).exactlyOnce(names));
    Pages.Count pages = Pages.firing(names);
    System.out.printf(
        "fault drill: %d alerts, %d paged, %d lost, %d duplicated, %d re-sent copies of one"
            + " message (same Message-ID)%n",
        ALERTS, pages.perName().size(), pages.lost(names), pages.duplicated(), pages.resent());
    assertThat(pages.perName())
        .as("one FIRING page per alert")
        .hasSize(ALERTS)
        .allSatisfy((n, c) -> assertThat(c).isEqualTo(1L));
  }
}
