package dev.autopilot.backup.restore;

import dev.autopilot.backup.dump.CommandDumper;
import dev.autopilot.backup.dump.DumpException;
import dev.autopilot.backup.dump.StreamingProcess;
import dev.autopilot.backup.source.CommandSource;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Restores a command backup with the source's admin-configured {@code restore-command} (e.g. {@code
 * mongorestore --archive --drop}): an argument list run without a shell, the verified and decrypted
 * archive on its stdin, the source's command environment (PATH, HOME, LC_ALL, PASSWORD). Nothing
 * from the request reaches its arguments or environment.
 */
public final class CommandRestorer {
  private CommandRestorer() {}

  /** Runs the restore command over {@code archive}; fails with its exit status and stderr. */
  public static void restore(CommandSource source, Path archive, Duration timeout)
      throws DumpException, IOException {
    List<String> command =
        source
            .restoreCommand()
            .orElseThrow(
                () ->
                    new DumpException(
                        "source '" + source.name() + "' has no restore-command configured"));
    String executable = command.get(0);
    StreamingProcess.Result result;
    try {
      result =
          StreamingProcess.run(
              command,
              CommandDumper.environment(source),
              archive,
              OutputStream.nullOutputStream(),
              timeout);
    } catch (IOException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("Cannot run program")) {
        throw new DumpException("cannot run " + executable + ": " + e.getMessage());
      }
      throw e;
    }
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
  }

  /** How a command restore's target is recorded (the executable, never its arguments). */
  static String target(CommandSource source) {
    return "command " + source.restoreCommand().map(c -> c.get(0)).orElse("(none)");
  }
}
