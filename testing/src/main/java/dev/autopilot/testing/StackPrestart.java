package dev.autopilot.testing;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Starts the {@link SharedStack} in the background as soon as a test run opens, when the system
 * property {@code autopilot.stack.prestart} is {@code true}; off by default.
 *
 * <p>Quarkus builds its test applications while JUnit discovers the test classes, before any test
 * resource runs. Starting the stack then lets the two overlap instead of adding up. Set it where a
 * module's tests all need the stack, e.g. in surefire's {@code systemPropertyVariables}.
 */
public class StackPrestart implements LauncherSessionListener {
  /** The system property that turns the prestart on. */
  public static final String PROPERTY = "autopilot.stack.prestart";

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    if (Boolean.getBoolean(PROPERTY)) {
      SharedStack.startInBackground();
    }
  }
}
