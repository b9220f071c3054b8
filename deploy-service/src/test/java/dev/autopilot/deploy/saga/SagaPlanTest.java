package dev.autopilot.deploy.saga;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autopilot.deploy.store.DeploymentState;
import dev.autopilot.deploy.store.Step;
import org.junit.jupiter.api.Test;

class SagaPlanTest {
  @Test
  void stepsRunInOrderAndEachHasItsState() {
    assertThat(SagaPlan.after(Step.BACKUP)).contains(Step.ROLLOUT);
    assertThat(SagaPlan.after(Step.ROLLOUT)).contains(Step.VERIFY);
    assertThat(SagaPlan.after(Step.VERIFY)).isEmpty();
    for (Step step : SagaPlan.STEPS) {
      assertThat(SagaPlan.stepOf(SagaPlan.stateOf(step))).isEqualTo(step);
    }
    assertThat(SagaPlan.stateOf(Step.ROLLOUT)).isEqualTo(DeploymentState.ROLLING_OUT);
  }

  @Test
  void activeStatesAreExactlyTheStepStates() {
    assertThat(SagaPlan.STEPS.stream().map(SagaPlan::stateOf))
        .containsExactlyElementsOf(DeploymentState.ACTIVE);
    assertThat(DeploymentState.ACTIVE).noneMatch(DeploymentState::terminal);
  }
}
