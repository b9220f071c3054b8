package dev.autopilot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The second replica of each service, as {@code ./autopilot replica start all} runs it beside the
 * stack {@code up} started: the same jar, database and Kafka consumer groups, its own port (the
 * service's + the launcher's default {@code AUTOPILOT_REPLICA_PORT_OFFSET}, 100) and pid file
 * ({@code pids/<service>-service-2.pid}).
 */
final class Replicas {
  /** The launcher's default AUTOPILOT_REPLICA_PORT_OFFSET (replica 2 = port + 100). */
  static final int PORT_OFFSET = 100;

  static final List<String> SERVICES =
      List.of("health", "alert", "notification", "backup", "deploy");

  private Replicas() {}

  /** Replica 2's port of the service listening on {@code primaryPort}. */
  static int second(int primaryPort) {
    return primaryPort + PORT_OFFSET;
  }

  /** The launcher's component name of a service's replica 2, e.g. {@code deploy-service-2}. */
  static String secondOf(String service) {
    return service + "-service-2";
  }

  /** Starts replica 2 of the services named (or {@code all}) and asserts each is ready. */
  static void start(Suite suite, String which) throws Exception {
    suite.run(Duration.ofMinutes(6), "replica", "start", which);
    for (String service : which.equals("all") ? SERVICES : List.of(which)) {
      long pid = suite.pid(secondOf(service));
      assertThat(Suite.alive(pid)).as("%s (pid %d) alive", secondOf(service), pid).isTrue();
    }
  }

  /** Stops every replica the launcher started (the services {@code up} started stay). */
  static void stopAll(Suite suite) throws Exception {
    suite.run(Duration.ofMinutes(2), "replica", "stop", "all");
  }

  /**
   * Which of the given components (launcher names) has a process among its descendants whose
   * command line contains {@code needle}: the replica running a deployment's command is its parent.
   */
  static Optional<String> parentOf(Suite suite, List<String> components, String needle)
      throws Exception {
    for (String component : components) {
      long pid = suite.pid(component);
      Optional<ProcessHandle> jvm = ProcessHandle.of(pid);
      if (jvm.isPresent()
          && jvm.get()
              .descendants()
              .anyMatch(p -> commandLine(p).map(c -> c.contains(needle)).orElse(false))) {
        return Optional.of(component);
      }
    }
    return Optional.empty();
  }

  private static Optional<String> commandLine(ProcessHandle process) {
    ProcessHandle.Info info = process.info();
    if (info.commandLine().isPresent()) {
      return info.commandLine();
    }
    return info.command()
        .map(c -> c + " " + String.join(" ", info.arguments().orElse(new String[0])));
  }
}
