package dev.autopilot.deploy.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The last line of defence: only pattern-valid values become a command's environment. */
class CommandRolloutExecutorTest {
  private final UUID id = UUID.randomUUID();

  @Test
  void targetBecomesTheFourAutopilotVariables() {
    assertThat(
            CommandRolloutExecutor.environment(new RolloutTarget(id, "shop", "staging", "1.2.3")))
        .containsEntry("AUTOPILOT_SERVICE", "shop")
        .containsEntry("AUTOPILOT_ENVIRONMENT", "staging")
        .containsEntry("AUTOPILOT_VERSION", "1.2.3")
        .containsEntry("AUTOPILOT_DEPLOYMENT_ID", id.toString())
        .hasSize(4);
  }

  @Test
  void refusesValuesThatSlippedPastValidation() {
    assertThatThrownBy(
            () ->
                CommandRolloutExecutor.environment(
                    new RolloutTarget(id, "shop", "staging", "1.0;rm -rf /")))
        .hasMessageContaining("version");
    assertThatThrownBy(
            () ->
                CommandRolloutExecutor.environment(
                    new RolloutTarget(id, "shop$(id)", "staging", "1.0")))
        .hasMessageContaining("service");
  }
}
