package dev.autopilot.backup.dump;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Runs a command (an argument list, no shell) with exactly the given environment, streams its
 * stdout into a sink as it comes, keeps the first {@value #STDERR_LIMIT} bytes of stderr for the
 * failure reason, and kills it (and its children) when it outlives its timeout.
 */
public final class StreamingProcess {
  private static final Logger LOG = Logger.getLogger(StreamingProcess.class);

  /** Bytes of stderr kept; the rest is read and dropped so the child never blocks on it. */
  public static final int STDERR_LIMIT = 8 * 1024;

  /** How a run ended. */
  public record Result(int exitCode, boolean timedOut, String stderr) {
    /** True when the command exited 0 in time. */
    public boolean succeeded() {
      return exitCode == 0 && !timedOut;
    }
  }

  private StreamingProcess() {}

  /**
   * Runs {@code command} to completion.
   *
   * @throws IOException when the command cannot start or the sink fails (the command is killed)
   */
  public static Result run(
      List<String> command, Map<String, String> environment, OutputStream sink, Duration timeout)
      throws IOException {
    return run(command, environment, null, sink, timeout);
  }

  /**
   * Runs {@code command} to completion with the file {@code stdin} (null: nothing) as its standard
   * input, fed by a thread of its own while stdout is read. A command that exits without reading
   * all of its input ends the feeding (logged); its exit status decides.
   *
   * @throws IOException when the command cannot start or the sink fails (the command is killed)
   */
  public static Result run(
      List<String> command,
      Map<String, String> environment,
      Path stdin,
      OutputStream sink,
      Duration timeout)
      throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().clear();
    builder.environment().putAll(environment);
    Process process = builder.start();
    Thread feeder = null;
    if (stdin == null) {
      process.getOutputStream().close();
    } else {
      feeder = new Thread(() -> feed(stdin, process), "stdin-of-" + process.pid());
      feeder.setDaemon(true);
      feeder.start();
    }
    BoundedCapture stderr = new BoundedCapture(process.getErrorStream());
    Thread stderrReader = new Thread(stderr, "stderr-of-" + process.pid());
    stderrReader.setDaemon(true);
    stderrReader.start();
    AtomicBoolean timedOut = new AtomicBoolean();
    CompletableFuture<Void> watchdog =
        CompletableFuture.runAsync(
            () -> {
              if (process.isAlive()) {
                timedOut.set(true);
                kill(process);
              }
            },
            CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS));
    try (InputStream stdout = process.getInputStream()) {
      stdout.transferTo(sink);
    } catch (IOException e) {
      if (!timedOut.get()) {
        kill(process);
        throw e;
      }
    } finally {
      watchdog.cancel(false);
    }
    try {
      // stdout is closed; a command that lingers anyway gets a grace period, then is killed.
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        timedOut.set(true);
        kill(process);
        process.waitFor(10, TimeUnit.SECONDS);
      }
      stderrReader.join(5_000);
      if (feeder != null) {
        feeder.join(5_000);
      }
    } catch (InterruptedException e) {
      kill(process);
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for " + command.get(0), e);
    }
    return new Result(process.isAlive() ? -1 : process.exitValue(), timedOut.get(), stderr.text());
  }

  private static void feed(Path stdin, Process process) {
    long fed = 0;
    try (InputStream in = Files.newInputStream(stdin);
        OutputStream out = process.getOutputStream()) {
      byte[] buffer = new byte[64 * 1024];
      for (int n; (n = in.read(buffer)) >= 0; ) {
        out.write(buffer, 0, n);
        fed += n;
      }
    } catch (IOException e) {
      // The command closed its stdin (exited, or read no further): its exit status decides.
      LOG.warnf(
          "%s stopped reading its input after %d bytes (%s)",
          process.info().command().orElse("the command"), fed, e.getMessage());
    }
  }

  private static void kill(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  /** Reads a stream to its end, keeping only its first bytes. */
  private static final class BoundedCapture implements Runnable {
    private final InputStream in;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private volatile boolean truncated;

    BoundedCapture(InputStream in) {
      this.in = in;
    }

    @Override
    public void run() {
      byte[] buffer = new byte[4096];
      try (in) {
        for (int n; (n = in.read(buffer)) >= 0; ) {
          synchronized (kept) {
            int room = STDERR_LIMIT - kept.size();
            kept.write(buffer, 0, Math.max(0, Math.min(room, n)));
            truncated |= n > room;
          }
        }
      } catch (IOException e) {
        // the process was killed or closed its stderr: keep what was read
      }
    }

    String text() {
      synchronized (kept) {
        String text = kept.toString(StandardCharsets.UTF_8);
        return truncated ? text + "… (stderr truncated)" : text;
      }
    }
  }
}
