package dev.autopilot.deploy.rollout;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs an admin-configured command: an argument list, never a shell; extra environment variables on
 * top of this service's environment; stdin closed; stdout and stderr merged and kept bounded. A
 * command past its timeout is killed with everything it started.
 */
@ApplicationScoped
public class CommandRunner {
  /** Output kept per command: its last 64 KB. */
  public static final int OUTPUT_LIMIT = 64 * 1024;

  /** How long a killed command gets to exit after SIGTERM before SIGKILL. */
  private static final Duration KILL_GRACE = Duration.ofSeconds(5);

  /** How long to keep reading output after the command exited (a child may hold the pipe). */
  private static final Duration DRAIN_GRACE = Duration.ofSeconds(2);

  private final Set<Process> running = ConcurrentHashMap.newKeySet();

  /**
   * How a command ended.
   *
   * @param exitCode its exit code; null when it was killed for running too long
   */
  public record Outcome(Integer exitCode, String output, Duration took) {
    /** True when the command was killed at its timeout. */
    public boolean timedOut() {
      return exitCode == null;
    }
  }

  /**
   * Runs {@code command} and waits for it up to {@code timeout}.
   *
   * @throws IOException when the command cannot be started (missing, not executable)
   * @throws InterruptedException when this service shuts down; the command is killed first
   */
  public Outcome run(List<String> command, Map<String, String> environment, Duration timeout)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(environment);
    long start = System.nanoTime();
    Process process = builder.start();
    running.add(process);
    try {
      process.getOutputStream().close();
      BoundedOutput output = new BoundedOutput(OUTPUT_LIMIT);
      Thread reader = drain(process.getInputStream(), output, command.get(0));
      boolean exited;
      try {
        exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        kill(process);
        throw e;
      }
      if (!exited) {
        kill(process);
      }
      reader.join(DRAIN_GRACE.toMillis());
      return new Outcome(
          exited ? process.exitValue() : null,
          output.text(),
          Duration.ofNanos(System.nanoTime() - start));
    } finally {
      running.remove(process);
    }
  }

  /** Kills a command and every process it started: SIGTERM, then SIGKILL after a grace period. */
  static void kill(Process process) throws InterruptedException {
    List<ProcessHandle> tree = process.descendants().toList();
    tree.forEach(ProcessHandle::destroy);
    process.destroy();
    if (!process.waitFor(KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
    }
    tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }

  private static Thread drain(InputStream in, BoundedOutput output, String name) {
    Thread reader =
        new Thread(
            () -> {
              byte[] buffer = new byte[8192];
              try (in) {
                int n;
                while ((n = in.read(buffer)) != -1) {
                  output.write(buffer, 0, n);
                }
              } catch (IOException e) {
                // The pipe closed under us (the command was killed): keep what was read.
              }
            },
            "command-output " + name);
    reader.setDaemon(true);
    reader.start();
    return reader;
  }

  /** Commands still running when this service stops are killed, so none outlives it unseen. */
  @PreDestroy
  void killRunning() {
    for (Process process : running) {
      try {
        kill(process);
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
