package dev.autopilot.deploy.rollout;

import java.time.Instant;

/**
 * How a step that touched the service ended.
 *
 * @param succeeded whether it passed (false for a failure, and for a hold)
 * @param summary one line for events and the deployment's failure reason
 * @param detail what is kept with the step: the summary plus bounded, redacted output
 * @param reference what the step started elsewhere (a restore id), if anything
 * @param holdUntil VALIDATE only: no maintenance window is open, wait until this one opens
 */
public record StepResult(
    boolean succeeded, String summary, String detail, String reference, Instant holdUntil) {
  public StepResult(boolean succeeded, String summary, String detail, String reference) {
    this(succeeded, summary, detail, reference, null);
  }

  public StepResult(boolean succeeded, String summary, String detail) {
    this(succeeded, summary, detail, null, null);
  }

  /** A success with nothing more to say than the summary. */
  public static StepResult succeeded(String summary) {
    return new StepResult(true, summary, summary);
  }

  /** A failure with nothing more to say than the summary. */
  public static StepResult failed(String summary) {
    return new StepResult(false, summary, summary);
  }

  /**
   * Neither: the deployment waits until {@code until} (the next maintenance window) and retries.
   */
  public static StepResult held(String summary, Instant until) {
    return new StepResult(false, summary, summary, null, until);
  }

  /** True when the step asks to wait rather than pass or fail. */
  public boolean held() {
    return holdUntil != null;
  }
}
