package dev.autopilot.e2e;

import java.time.Duration;
import java.time.Instant;

/**
 * The kill -9 drills' common moves: SIGKILL a service (no shutdown hook, nothing flushed, its
 * leases and claims left as they were) and bring it back as an operator would, with {@code
 * ./autopilot up} (which starts only what is not running), timing how long until every service is
 * ready again.
 */
final class KillDrill {
  /**
   * One restart.
   *
   * @param upTook how long {@code ./autopilot up} ran (it waits for the services it starts)
   * @param ready from the {@code up} command until all five services answered ready
   */
  record Restart(Instant at, Duration upTook, Duration ready) {
    @Override
    public String toString() {
      return String.format(
          "`up` took %.1f s, all five ready %.1f s after `up` started",
          upTook.toMillis() / 1000.0, ready.toMillis() / 1000.0);
    }
  }

  private KillDrill() {}

  /** SIGKILLs a component {@code up} started and waits until it has exited; returns its pid. */
  static long kill(Suite suite, String component) throws Exception {
    return suite.signal(component, "KILL", Duration.ofSeconds(20));
  }

  /** Runs {@code ./autopilot up} and waits until all five services are ready. */
  static Restart restart(Suite suite) throws Exception {
    Instant at = Instant.now();
    Instant upDone = suite.ensureUp();
    return new Restart(at, Duration.between(at, upDone), Duration.between(at, Instant.now()));
  }
}
