package dev.autopilot.alert.rule;

/**
 * A rule that cannot be used; {@link #field()} names what is wrong (e.g. {@code samples.window}).
 */
public class InvalidRuleException extends IllegalArgumentException {
  private final String field;

  public InvalidRuleException(String field, String message) {
    super(field + ": " + message);
    this.field = field;
  }

  /** The field that is wrong. */
  public String field() {
    return field;
  }

  /** The message without the field. */
  public String reason() {
    return getMessage().substring(field.length() + 2);
  }
}
