package dev.autopilot.deploy.rollout;

import dev.autopilot.deploy.target.TargetConfig;

/**
 * Rolls a version of a service out to an environment, and back. Implementations must be safe to
 * call again for the same deployment: a roll-out interrupted by a restart is run again from the
 * start.
 */
public interface RolloutExecutor {
  /**
   * Rolls out and reports how it went; never throws for a failed roll-out.
   *
   * @throws InterruptedException when this service shuts down mid-roll-out: the step is left
   *     running and resumed later
   */
  StepResult rollOut(RolloutTarget target, TargetConfig config) throws InterruptedException;

  /**
   * Returns to {@code target.version()} (the previous version) after a failed roll-out.
   *
   * @throws InterruptedException when this service shuts down: the step is resumed later
   */
  StepResult rollBack(RolloutTarget target, TargetConfig config) throws InterruptedException;
}
