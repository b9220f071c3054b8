package dev.autopilot.deploy.saga;

import dev.autopilot.deploy.store.DeploymentState;
import dev.autopilot.deploy.store.Step;
import java.util.List;
import java.util.Optional;

/**
 * The order of the saga's steps and the state a deployment is in while each runs. MIGRATE (after
 * BACKUP) and BAKE (after VERIFY) slot in here when they exist.
 */
public final class SagaPlan {
  /** The steps every deployment goes through, in order. */
  public static final List<Step> STEPS = List.of(Step.BACKUP, Step.ROLLOUT, Step.VERIFY);

  private SagaPlan() {}

  /** The deployment's state while {@code step} runs. */
  public static DeploymentState stateOf(Step step) {
    return switch (step) {
      case BACKUP -> DeploymentState.BACKING_UP;
      case ROLLOUT -> DeploymentState.ROLLING_OUT;
      case VERIFY -> DeploymentState.VERIFYING;
      case VALIDATE -> throw new IllegalArgumentException("VALIDATE has no state of its own");
    };
  }

  /** The step that runs in an active state. */
  public static Step stepOf(DeploymentState state) {
    return STEPS.stream()
        .filter(step -> stateOf(step) == state)
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(state + " runs no step"));
  }

  /** The step after {@code step}; empty after the last. */
  public static Optional<Step> after(Step step) {
    int index = STEPS.indexOf(step);
    if (index < 0) {
      throw new IllegalArgumentException(step + " is not a step of the plan");
    }
    return index + 1 < STEPS.size() ? Optional.of(STEPS.get(index + 1)) : Optional.empty();
  }
}
