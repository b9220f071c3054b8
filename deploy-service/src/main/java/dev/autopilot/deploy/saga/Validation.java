package dev.autopilot.deploy.saga;

import dev.autopilot.deploy.config.DeployConfig;
import dev.autopilot.deploy.maintenance.Calendar;
import dev.autopilot.deploy.maintenance.Freeze;
import dev.autopilot.deploy.maintenance.MaintenanceWindow;
import dev.autopilot.deploy.peer.AlertServiceClient;
import dev.autopilot.deploy.rollout.StepResult;
import dev.autopilot.deploy.store.DeploymentRecord;
import dev.autopilot.deploy.target.TargetConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * VALIDATE, when the deployment is about to start: not inside a freeze, inside a maintenance window
 * where the target or the request requires one, and no P0/P1 alert firing for the target
 * (alert-service's gate; unreachable counts as blocked). An admin's override (recorded with the
 * request, audited) lets a freeze and the alert gate pass; never a missing maintenance window.
 * Outside a required window the deployment is held until the next window opens (within {@code
 * deploy.maintenance.hold-horizon}), then validated again from the start.
 */
@ApplicationScoped
public class Validation {
  private final Calendar calendar;
  private final AlertServiceClient alerts;
  private final DeployConfig config;

  public Validation(Calendar calendar, @RestClient AlertServiceClient alerts, DeployConfig config) {
    this.calendar = calendar;
    this.alerts = alerts;
    this.config = config;
  }

  /** Checks a deployment about to start; the failure summary is the rejection's reason. */
  public StepResult check(DeploymentRecord d, TargetConfig target) {
    Instant now = Instant.now();
    List<String> notes = new ArrayList<>();
    String override =
        d.overrideBy() == null
            ? null
            : "overridden by " + d.overrideBy() + " (reason: " + d.overrideReason() + ")";
    Optional<Freeze> freeze = calendar.freezeAt(d.service(), d.environment(), now);
    if (freeze.isPresent()) {
      String what =
          "deploy freeze "
              + freeze.get().id()
              + " until "
              + freeze.get().endsAt()
              + ": "
              + freeze.get().reason();
      if (override == null) {
        return StepResult.failed(what);
      }
      notes.add(what + " " + override);
    }
    if (target.requiresMaintenanceWindow() || d.requiresWindow()) {
      Optional<MaintenanceWindow.Occurrence> window =
          calendar.windowAt(d.service(), d.environment(), now);
      if (window.isEmpty()) {
        return awaitWindow(d, now);
      }
      notes.add(
          "inside maintenance window "
              + window.get().windowId()
              + " until "
              + window.get().endsAt());
    }
    String gate = alertGate(d);
    if (gate != null) {
      if (override == null) {
        return StepResult.failed(gate);
      }
      notes.add(gate + " " + override);
    } else {
      notes.add("alert gate open");
    }
    if (freeze.isEmpty()) {
      notes.add("no freeze");
    }
    return StepResult.succeeded(String.join("; ", notes));
  }

  /**
   * No window is open: held until the next one opens when it opens within the hold horizon,
   * otherwise refused (naming the next window, if any is scheduled at all).
   */
  private StepResult awaitWindow(DeploymentRecord d, Instant now) {
    String what = "requires a maintenance window and none is open for " + d.target();
    Duration horizon = config.maintenance().holdHorizon();
    Optional<MaintenanceWindow.Occurrence> next =
        calendar.nextWindow(d.service(), d.environment(), now, horizon);
    if (next.isPresent()) {
      return StepResult.held(
          what
              + "; held until maintenance window "
              + next.get().windowId()
              + " opens at "
              + next.get().startsAt(),
          next.get().startsAt());
    }
    String later =
        calendar
            .nextWindow(d.service(), d.environment(), now)
            .map(o -> "; the next one opens at " + o.startsAt())
            .orElse("; none is scheduled");
    return StepResult.failed(
        what + " and none opens within " + horizon + " (deploy.maintenance.hold-horizon)" + later);
  }

  /** Why the alert gate is closed; null when it is open. */
  private String alertGate(DeploymentRecord d) {
    AlertServiceClient.Gate gate;
    try {
      gate = alerts.gate(d.service(), d.environment());
    } catch (WebApplicationException e) {
      return "alert gate unavailable: alert-service answered HTTP " + e.getResponse().getStatus();
    } catch (ProcessingException e) {
      return "alert gate unavailable: alert-service unreachable (" + e.getMessage() + ")";
    }
    if (!gate.blocked()) {
      return null;
    }
    String firing =
        gate.alerts() == null || gate.alerts().isEmpty()
            ? "no alerts listed"
            : gate.alerts().stream()
                .map(
                    a ->
                        a.severity()
                            + " "
                            + a.name()
                            + " ("
                            + a.state()
                            + " since "
                            + a.startsAt()
                            + ")")
                .collect(Collectors.joining(", "));
    return "alert gate blocked for " + d.target() + ": " + firing;
  }
}
