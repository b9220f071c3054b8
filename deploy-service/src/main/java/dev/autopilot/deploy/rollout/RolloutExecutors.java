package dev.autopilot.deploy.rollout;

import dev.autopilot.deploy.target.TargetConfig;
import jakarta.enterprise.context.ApplicationScoped;

/** Picks the executor a target names. */
@ApplicationScoped
public class RolloutExecutors {
  private final CommandRolloutExecutor command;
  private final WebhookRolloutExecutor webhook;
  private final KubernetesRolloutExecutor kubernetes;

  public RolloutExecutors(
      CommandRolloutExecutor command,
      WebhookRolloutExecutor webhook,
      KubernetesRolloutExecutor kubernetes) {
    this.command = command;
    this.webhook = webhook;
    this.kubernetes = kubernetes;
  }

  /** The executor for this target (validation keeps unknown executors out). */
  public RolloutExecutor of(TargetConfig target) {
    if (TargetConfig.COMMAND.equals(target.executor())) {
      return command;
    }
    if (TargetConfig.WEBHOOK.equals(target.executor())) {
      return webhook;
    }
    if (TargetConfig.KUBERNETES.equals(target.executor())) {
      return kubernetes;
    }
    throw new IllegalArgumentException("executor " + target.executor() + " is not available");
  }
}
