package dev.autopilot.backup.dump;

import dev.autopilot.backup.config.BackupConfig;
import dev.autopilot.backup.config.SourceKind;
import dev.autopilot.backup.source.BackupSource;
import dev.autopilot.backup.source.CommandSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs an admin-configured command (argument list, no shell) whose stdout is the archive, e.g.
 * {@code mongodump --archive}. Its environment is built from scratch: PATH, HOME, LC_ALL, and the
 * password as PASSWORD when password-env is set; requests never reach its arguments.
 */
@ApplicationScoped
public class CommandDumper implements Dumper {
  private final Duration timeout;

  public CommandDumper(BackupConfig config) {
    this.timeout = config.dump().timeout();
  }

  @Override
  public SourceKind kind() {
    return SourceKind.COMMAND;
  }

  @Override
  public String fileExtension() {
    return ".out";
  }

  @Override
  public DumpInfo dump(BackupSource source, OutputStream out) throws DumpException, IOException {
    CommandSource command = (CommandSource) source;
    Map<String, String> environment = environment(command);
    StreamingProcess.Result result;
    try {
      result = StreamingProcess.run(command.command(), environment, out, timeout);
    } catch (IOException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("Cannot run program")) {
        throw new DumpException("cannot run " + command.command().get(0) + ": " + e.getMessage());
      }
      throw e;
    }
    String executable = command.command().get(0);
    if (result.timedOut()) {
      throw new DumpException(executable + " did not finish within " + timeout + " and was killed");
    }
    if (result.exitCode() != 0) {
      String stderr = result.stderr().strip();
      throw new DumpException(
          executable
              + " exited with status "
              + result.exitCode()
              + (stderr.isEmpty() ? "" : ": " + stderr));
    }
    return new DumpInfo(executable, String.join(" ", command.command()), null, null);
  }

  /**
   * The environment a source's commands (dump and restore) run with, built from scratch: PATH,
   * HOME, LC_ALL=C, and PASSWORD from password-env when set.
   *
   * @throws DumpException when password-env names a variable that is not set
   */
  public static Map<String, String> environment(CommandSource source) throws DumpException {
    Map<String, String> parent = System.getenv();
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("PATH", parent.getOrDefault("PATH", "/usr/bin:/bin"));
    if (parent.containsKey("HOME")) {
      environment.put("HOME", parent.get("HOME"));
    }
    environment.put("LC_ALL", "C");
    if (source.passwordEnv().isPresent()) {
      String value = parent.get(source.passwordEnv().get());
      if (value == null) {
        throw new DumpException(
            "environment variable "
                + source.passwordEnv().get()
                + " (password-env of source "
                + source.name()
                + ") is not set");
      }
      environment.put("PASSWORD", value);
    }
    return environment;
  }
}
