package dev.autopilot.deploy.saga;

import dev.autopilot.deploy.maintenance.Calendar;
import dev.autopilot.deploy.store.DeploymentRecord;
import dev.autopilot.deploy.store.DeploymentRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Releases deployments held for a maintenance window (AWAITING_WINDOW): at {@code hold_until}, or
 * as soon as any window covering their service/environment is open (one created after the hold
 * began may open earlier). A released deployment is validated again from the start — freeze, alert
 * gate and window — so a window deleted meanwhile holds it again, or rejects it. Everything lives
 * in the row, so a hold survives restarts.
 */
@ApplicationScoped
public class WindowHolds {
  private static final int BATCH = 50;

  private final DeploymentRepository deployments;
  private final SagaProgress progress;
  private final Calendar calendar;

  public WindowHolds(DeploymentRepository deployments, SagaProgress progress, Calendar calendar) {
    this.deployments = deployments;
    this.progress = progress;
    this.calendar = calendar;
  }

  /** Releases the held deployments whose window opened; returns how many. */
  @Transactional
  public int releaseDue() {
    List<DeploymentRecord> held = deployments.lockHeld(BATCH);
    if (held.isEmpty()) {
      return 0;
    }
    Instant now = Instant.now();
    List<Calendar.Open> open = calendar.openAt(now);
    int released = 0;
    for (DeploymentRecord d : held) {
      Optional<Calendar.Open> window =
          open.stream().filter(o -> o.window().covers(d.service(), d.environment())).findFirst();
      boolean due = d.holdUntil() != null && !d.holdUntil().isAfter(now);
      if (window.isPresent() || due) {
        String summary =
            window
                .map(
                    o ->
                        "maintenance window "
                            + o.occurrence().windowId()
                            + " is open until "
                            + o.occurrence().endsAt()
                            + "; validating again")
                .orElse("held until " + d.holdUntil() + "; validating again");
        progress.windowOpened(d, summary);
        released++;
      }
    }
    return released;
  }
}
