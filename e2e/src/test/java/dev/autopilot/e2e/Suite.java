package dev.autopilot.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The whole suite as a person starts it: {@code ./autopilot up} with its own home and ports (so it
 * never meets a developer's running stack), started once for every e2e test and stopped at exit.
 */
final class Suite {
  /**
   * Ports far from the launcher's defaults and below Linux's ephemeral range (32768+), where an
   * outgoing connection can hold the port a listener needs. {@code -De2e.port-base=N} moves them
   * all (default 24000), so two e2e runs on one machine do not meet.
   */
  static final int BASE = Integer.getInteger("e2e.port-base", 24000);

  static final int KAFKA = BASE + 92;

  static final int PG = BASE + 432;
  static final int REDIS = BASE + 379;
  static final int SMTP = BASE + 25;
  static final int MAIL_API = BASE + 825;
  static final int DEMO = BASE + 80;
  static final int HEALTH = BASE + 81;
  static final int ALERT = BASE + 82;
  static final int NOTIFICATION = BASE + 83;
  static final int BACKUP = BASE + 84;
  static final int DEPLOY = BASE + 85;
  static final int CONSOLE = BASE + 86;
  static final int PROMETHEUS = BASE + 90;
  static final int ALERTMANAGER = BASE + 94;

  private static Suite instance;

  final Path root;
  final Path home;
  final Path logs;
  final String adminToken;

  private Suite(Path root, Path dir) throws Exception {
    this.root = root;
    this.home = dir.resolve("home");
    this.logs = dir.resolve("logs");
    Files.createDirectories(dir);
    run(Duration.ofMinutes(8), "up");
    this.adminToken = Files.readString(home.resolve("admin-token")).strip();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    run(Duration.ofMinutes(2), "down");
                  } catch (Exception e) {
                    System.err.println("autopilot down failed: " + e.getMessage());
                  }
                }));
  }

  /** The suite, started on first use. */
  static synchronized Suite get() throws Exception {
    if (instance == null) {
      Path root = Path.of(System.getProperty("autopilot.root", "..")).toAbsolutePath().normalize();
      Path dir = Path.of(System.getProperty("e2e.dir", "target/e2e")).toAbsolutePath();
      instance = new Suite(root, dir);
    }
    return instance;
  }

  /** Runs {@code ./autopilot <args>} and asserts it succeeded. */
  void run(Duration timeout, String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of(root.resolve("autopilot").toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile());
    builder.environment().putAll(environment());
    Path out = Files.createTempFile(home.getParent(), "autopilot-" + args[0] + "-", ".log");
    builder.redirectErrorStream(true).redirectOutput(out.toFile());
    Process process = builder.start();
    boolean done = process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS);
    if (!done) {
      process.destroyForcibly();
    }
    String output = Files.readString(out);
    System.out.println(output);
    assertThat(done).as("autopilot %s finished in %s", args[0], timeout).isTrue();
    assertThat(process.exitValue())
        .as("autopilot %s exit code; output:%n%s", args[0], output)
        .isZero();
  }

  /**
   * Starts whatever an earlier test left stopped ({@code ./autopilot up} starts only what is not
   * running) and waits until every service is ready, so one test's broken stack is not the next
   * test's failure. Returns when {@code up} itself finished.
   */
  Instant ensureUp() throws Exception {
    run(Duration.ofMinutes(4), "up");
    Instant upDone = Instant.now();
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(500))
        .until(Readiness::allReady);
    return upDone;
  }

  /** The pid {@code ./autopilot up} recorded for a component (kafka, postgres, alert-service…). */
  long pid(String component) throws IOException {
    return Long.parseLong(Files.readString(home.resolve("pids/" + component + ".pid")).strip());
  }

  /** Whether that pid is a live process. */
  static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  /**
   * Sends a signal ({@code KILL}, {@code TERM}, {@code INT}…) to a component {@code up} started and
   * waits until the process has exited; returns its pid.
   */
  long signal(String component, String signal, Duration within) throws Exception {
    long pid = pid(component);
    assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start().waitFor())
        .as("kill -%s %s (pid %d)", signal, component, pid)
        .isZero();
    await().atMost(within).pollInterval(Duration.ofMillis(200)).until(() -> !alive(pid));
    return pid;
  }

  /** A new API token of this role, created as an operator would ({@code ./autopilot token}). */
  String createToken(String role) throws IOException, InterruptedException {
    String name = "e2e-" + role + "-" + System.nanoTime();
    ProcessBuilder builder =
        new ProcessBuilder(
                root.resolve("autopilot").toString(),
                "token",
                "create",
                "--name",
                name,
                "--role",
                role)
            .directory(root.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.environment().putAll(environment());
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes()).strip();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("token create %s", role).isZero();
    return out.lines().reduce((a, b) -> b).orElseThrow();
  }

  private Map<String, String> environment() {
    Map<String, String> env = new HashMap<>();
    env.put("AUTOPILOT_HOME", home.toString());
    env.put("AUTOPILOT_LOGS", logs.toString());
    env.put("AUTOPILOT_SKIP_BUILD", "1");
    env.put("AUTOPILOT_DEMO_DEPLOY", "0"); // the tests own every deployment they count
    env.put("AUTOPILOT_KAFKA_PORT", Integer.toString(KAFKA));
    env.put("AUTOPILOT_PG_PORT", Integer.toString(PG));
    env.put("AUTOPILOT_REDIS_PORT", Integer.toString(REDIS));
    env.put("AUTOPILOT_SMTP_PORT", Integer.toString(SMTP));
    env.put("AUTOPILOT_MAIL_API_PORT", Integer.toString(MAIL_API));
    env.put("AUTOPILOT_DEMO_PORT", Integer.toString(DEMO));
    env.put("AUTOPILOT_HEALTH_PORT", Integer.toString(HEALTH));
    env.put("AUTOPILOT_ALERT_PORT", Integer.toString(ALERT));
    env.put("AUTOPILOT_NOTIFICATION_PORT", Integer.toString(NOTIFICATION));
    env.put("AUTOPILOT_BACKUP_PORT", Integer.toString(BACKUP));
    env.put("AUTOPILOT_DEPLOY_PORT", Integer.toString(DEPLOY));
    env.put("AUTOPILOT_CONSOLE_PORT", Integer.toString(CONSOLE));
    env.put("AUTOPILOT_PROMETHEUS_PORT", Integer.toString(PROMETHEUS));
    env.put("AUTOPILOT_ALERTMANAGER_PORT", Integer.toString(ALERTMANAGER));
    return env;
  }
}
