package dev.autopilot.deploy.saga;

import dev.autopilot.deploy.store.DeploymentRecord;
import dev.autopilot.deploy.store.DeploymentRepository;
import dev.autopilot.deploy.store.DeploymentState;
import dev.autopilot.deploy.store.Step;
import dev.autopilot.deploy.store.TargetRepository;
import dev.autopilot.deploy.target.TargetConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * BAKE: after VERIFY the deployment bakes until {@code bake_until}. Each health.degraded or
 * alert.fired for its service/environment counts; one beyond the target's failureLimit fails the
 * bake (and rolls back). A bake that reaches its end succeeds. Everything lives in the row, so a
 * restart resumes the bake where it was.
 */
@ApplicationScoped
public class BakeWatch {
  private static final Logger LOG = Logger.getLogger(BakeWatch.class);
  private static final int BATCH = 50;

  private final DeploymentRepository deployments;
  private final SagaProgress progress;
  private final TargetRepository targets;

  public BakeWatch(
      DeploymentRepository deployments, SagaProgress progress, TargetRepository targets) {
    this.deployments = deployments;
    this.progress = progress;
    this.targets = targets;
  }

  /** Trouble was reported for a service/environment; counts against its baking deployment. */
  @Transactional
  public void trouble(String service, String environment, String what) {
    if (service == null || environment == null) {
      return;
    }
    deployments
        .lockBaking(service, environment)
        .ifPresent(
            d -> {
              DeploymentRecord counted = deployments.addBakeFailure(d.id());
              int limit =
                  targets.find(service, environment).map(TargetConfig::failureLimit).orElse(0);
              LOG.infof(
                  "deployment %s baking: %s (%d of %d tolerated)",
                  d.id(), what, counted.bakeFailures(), limit);
              if (counted.bakeFailures() > limit) {
                String summary =
                    counted.bakeFailures()
                        + " failure signal(s) during the bake, more than the limit of "
                        + limit
                        + "; last: "
                        + what;
                progress.stepFinished(counted, Step.BAKE, false, summary, summary);
              }
            });
  }

  /** Ends the bakes whose time is up: they succeed. */
  @Transactional
  public int finishDue() {
    int done = 0;
    Instant now = Instant.now();
    for (DeploymentRecord d : deployments.lockInState(DeploymentState.BAKING, BATCH)) {
      if (d.bakeUntil() != null && !d.bakeUntil().isAfter(now)) {
        String summary =
            "baked until "
                + d.bakeUntil()
                + " with "
                + d.bakeFailures()
                + " failure signal(s), within the limit";
        progress.stepFinished(d, Step.BAKE, true, summary, summary);
        done++;
      }
    }
    return done;
  }
}
