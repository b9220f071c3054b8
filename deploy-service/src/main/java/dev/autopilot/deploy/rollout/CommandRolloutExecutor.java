package dev.autopilot.deploy.rollout;

import dev.autopilot.deploy.target.TargetConfig;
import dev.autopilot.platform.event.v1.Patterns;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rolls out (and back, and migrates) by running the target's configured commands with the target in
 * their environment: AUTOPILOT_SERVICE, AUTOPILOT_ENVIRONMENT, AUTOPILOT_VERSION,
 * AUTOPILOT_DEPLOYMENT_ID. Exit code 0 is success; anything else, or running past {@code
 * commandTimeout}, is failure. A rollback runs {@code commands.rollback} (else {@code
 * commands.deploy}) with AUTOPILOT_VERSION set to the version to return to.
 */
@ApplicationScoped
public class CommandRolloutExecutor implements RolloutExecutor {
  private final CommandRunner runner;

  public CommandRolloutExecutor(CommandRunner runner) {
    this.runner = runner;
  }

  @Override
  public StepResult rollOut(RolloutTarget target, TargetConfig config) throws InterruptedException {
    return run(config.commands().deploy(), target, TargetConfig.duration(config.commandTimeout()));
  }

  @Override
  public StepResult rollBack(RolloutTarget target, TargetConfig config)
      throws InterruptedException {
    List<String> command =
        config.commands().rollback() != null
            ? config.commands().rollback()
            : config.commands().deploy();
    return run(command, target, TargetConfig.duration(config.commandTimeout()));
  }

  /** Runs one admin-configured command for the target. */
  public StepResult run(List<String> command, RolloutTarget target, Duration timeout)
      throws InterruptedException {
    if (command == null || command.isEmpty()) {
      return StepResult.failed("no command configured");
    }
    Map<String, String> environment;
    try {
      environment = environment(target);
    } catch (IllegalArgumentException e) {
      return StepResult.failed(e.getMessage());
    }
    CommandRunner.Outcome outcome;
    try {
      outcome = runner.run(command, environment, timeout);
    } catch (IOException e) {
      return StepResult.failed(
          "cannot start " + command.get(0) + ": " + SecretRedactor.redact(e.getMessage()));
    }
    String summary =
        outcome.timedOut()
            ? "killed after running longer than " + timeout
            : "exit code " + outcome.exitCode() + " after " + outcome.took().toMillis() + " ms";
    String output = SecretRedactor.redact(outcome.output());
    String detail = output.isEmpty() ? summary : summary + "\n" + output;
    boolean succeeded = !outcome.timedOut() && outcome.exitCode() == 0;
    return new StepResult(succeeded, succeeded ? summary : failureSummary(summary, output), detail);
  }

  /** The variables a deploy command receives; re-checked here as the last line of defence. */
  static Map<String, String> environment(RolloutTarget target) {
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("AUTOPILOT_SERVICE", checked("service", target.service(), Patterns.NAME));
    environment.put(
        "AUTOPILOT_ENVIRONMENT", checked("environment", target.environment(), Patterns.NAME));
    environment.put("AUTOPILOT_VERSION", checked("version", target.version(), Patterns.VERSION));
    environment.put("AUTOPILOT_DEPLOYMENT_ID", target.deploymentId().toString());
    return environment;
  }

  private static String checked(String field, String value, String pattern) {
    if (value == null || !value.matches(pattern)) {
      throw new IllegalArgumentException(field + " does not match " + pattern + "; not run");
    }
    return value;
  }

  /** The summary plus the command's last line of output, which usually says what went wrong. */
  private static String failureSummary(String summary, String output) {
    String[] lines = output.strip().split("\n");
    String last = lines[lines.length - 1].strip();
    if (last.isEmpty()) {
      return summary;
    }
    return summary + ": " + (last.length() > 300 ? last.substring(0, 300) + "…" : last);
  }
}
