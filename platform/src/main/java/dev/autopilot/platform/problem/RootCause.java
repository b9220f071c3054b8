package dev.autopilot.platform.problem;

/** The innermost cause of a failure, for log lines that say what went wrong in one line. */
public final class RootCause {
  private RootCause() {}

  /** The last throwable in the cause chain (the failure itself when it has no cause). */
  public static Throwable of(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root;
  }

  /** {@code SimpleClassName: message} of the root cause. */
  public static String describe(Throwable e) {
    Throwable root = of(e);
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }
}
