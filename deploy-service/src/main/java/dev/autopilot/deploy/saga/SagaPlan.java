package dev.autopilot.deploy.saga;

import dev.autopilot.deploy.store.DeploymentState;
import dev.autopilot.deploy.store.Step;
import java.util.List;
import java.util.Optional;

/**
 * The order of the saga's steps and the state a deployment is in while each runs. ROLLBACK and
 * RESTORE are not in the forward order: they follow a failure; neither is WINDOW, a wait between
 * two VALIDATE attempts.
 */
public final class SagaPlan {
  /** The steps every deployment goes through, in order (some may be skipped). */
  public static final List<Step> STEPS =
      List.of(
          Step.VALIDATE,
          Step.APPROVE,
          Step.BACKUP,
          Step.MIGRATE,
          Step.ROLLOUT,
          Step.VERIFY,
          Step.BAKE);

  private SagaPlan() {}

  /** The deployment's state while {@code step} runs. */
  public static DeploymentState stateOf(Step step) {
    return switch (step) {
      case VALIDATE -> DeploymentState.VALIDATING;
      case WINDOW -> DeploymentState.AWAITING_WINDOW;
      case APPROVE -> DeploymentState.AWAITING_APPROVAL;
      case BACKUP -> DeploymentState.BACKING_UP;
      case MIGRATE -> DeploymentState.MIGRATING;
      case ROLLOUT -> DeploymentState.ROLLING_OUT;
      case VERIFY -> DeploymentState.VERIFYING;
      case BAKE -> DeploymentState.BAKING;
      case ROLLBACK -> DeploymentState.ROLLING_BACK;
      case RESTORE -> DeploymentState.RESTORING;
    };
  }

  /** The step that runs in an active state. */
  public static Step stepOf(DeploymentState state) {
    for (Step step : Step.values()) {
      if (stateOf(step) == state) {
        return step;
      }
    }
    throw new IllegalArgumentException(state + " runs no step");
  }

  /** The step after {@code step} in the forward order; empty after the last. */
  public static Optional<Step> after(Step step) {
    int index = STEPS.indexOf(step);
    if (index < 0) {
      throw new IllegalArgumentException(step + " is not a step of the forward plan");
    }
    return index + 1 < STEPS.size() ? Optional.of(STEPS.get(index + 1)) : Optional.empty();
  }
}
