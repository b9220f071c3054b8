package dev.autopilot.deploy.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autopilot.deploy.store.DeploymentState;
import dev.autopilot.deploy.store.Step;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SagaPlanTest {
  @ParameterizedTest
  @CsvSource({
    "VALIDATE, APPROVE",
    "APPROVE, BACKUP",
    "BACKUP, MIGRATE",
    "MIGRATE, ROLLOUT",
    "ROLLOUT, VERIFY",
    "VERIFY, BAKE"
  })
  void stepsRunInOrder(Step step, Step next) {
    assertThat(SagaPlan.after(step)).contains(next);
  }

  @Test
  void bakeIsLastAndRollbackIsNotAForwardStep() {
    assertThat(SagaPlan.after(Step.BAKE)).isEmpty();
    assertThatThrownBy(() -> SagaPlan.after(Step.ROLLBACK))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void everyStepHasItsOwnActiveState() {
    for (Step step : Step.values()) {
      assertThat(SagaPlan.stepOf(SagaPlan.stateOf(step))).isEqualTo(step);
    }
    assertThat(Arrays.stream(Step.values()).map(SagaPlan::stateOf))
        .containsExactlyInAnyOrderElementsOf(DeploymentState.ACTIVE);
    assertThat(DeploymentState.ACTIVE).noneMatch(DeploymentState::terminal);
    assertThat(DeploymentState.ACTIVE).containsAll(DeploymentState.WORKER_RUN);
  }
}
