package dev.autopilot.platform.event.v1;

/** Strict patterns for values that may reach commands or file names. */
public final class Patterns {
  /** Service, environment and source names. */
  public static final String NAME = "^[a-z0-9][a-z0-9_-]{0,62}$";

  public static final String NAME_MESSAGE =
      "must be 1-63 lowercase letters, digits, '-' or '_', starting with a letter or digit";

  /** Versions and image tags. */
  public static final String VERSION = "^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$";

  public static final String VERSION_MESSAGE =
      "must be 1-64 letters, digits, '.', '_', '+' or '-', starting with a letter or digit";

  /** Idempotency keys. */
  public static final String KEY = "^[A-Za-z0-9._:/-]{1,128}$";

  public static final String KEY_MESSAGE =
      "must be 1-128 letters, digits, '.', '_', ':', '/' or '-'";

  private Patterns() {}
}
