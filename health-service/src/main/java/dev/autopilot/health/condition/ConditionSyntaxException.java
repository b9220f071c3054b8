package dev.autopilot.health.condition;

/** A condition that does not parse; {@code position} is the 1-based character where it fails. */
public class ConditionSyntaxException extends IllegalArgumentException {
  private final int position;
  private final String reason;

  public ConditionSyntaxException(int position, String reason) {
    super("at position " + position + ": " + reason);
    this.position = position;
    this.reason = reason;
  }

  /** The 1-based character position of the problem. */
  public int position() {
    return position;
  }

  /** What is wrong, without the position. */
  public String reason() {
    return reason;
  }
}
