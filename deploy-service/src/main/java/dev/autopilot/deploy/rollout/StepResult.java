package dev.autopilot.deploy.rollout;

/**
 * How a step that touched the service ended.
 *
 * @param summary one line for events and the deployment's failure reason
 * @param detail what is kept with the step: the summary plus bounded, redacted output
 * @param reference what the step started elsewhere (a restore id), if anything
 */
public record StepResult(boolean succeeded, String summary, String detail, String reference) {
  public StepResult(boolean succeeded, String summary, String detail) {
    this(succeeded, summary, detail, null);
  }

  /** A success with nothing more to say than the summary. */
  public static StepResult succeeded(String summary) {
    return new StepResult(true, summary, summary);
  }

  /** A failure with nothing more to say than the summary. */
  public static StepResult failed(String summary) {
    return new StepResult(false, summary, summary);
  }
}
