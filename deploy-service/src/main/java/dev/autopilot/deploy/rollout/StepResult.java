package dev.autopilot.deploy.rollout;

/**
 * How a step that touched the service ended.
 *
 * @param summary one line for events and the deployment's failure reason
 * @param detail what is kept with the step: the summary plus bounded, redacted output
 */
public record StepResult(boolean succeeded, String summary, String detail) {
  /** A success with nothing more to say than the summary. */
  public static StepResult succeeded(String summary) {
    return new StepResult(true, summary, summary);
  }

  /** A failure with nothing more to say than the summary. */
  public static StepResult failed(String summary) {
    return new StepResult(false, summary, summary);
  }
}
