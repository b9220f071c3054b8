package dev.autopilot.alert.matcher;

/** A matcher that cannot be built; {@link #part()} says which part is wrong (name, value, ...). */
public class InvalidMatcherException extends IllegalArgumentException {
  private final String part;

  public InvalidMatcherException(String part, String message) {
    super(message);
    this.part = part;
  }

  /** The part of the matcher that is wrong: {@code name}, {@code value} or {@code syntax}. */
  public String part() {
    return part;
  }
}
