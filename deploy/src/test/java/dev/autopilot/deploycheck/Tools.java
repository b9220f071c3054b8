package dev.autopilot.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The repository root and the command-line tools the checks run (installed by ./autopilot test).
 */
final class Tools {
  static final Path ROOT =
      Path.of(System.getProperty("autopilot.root", "..")).toAbsolutePath().normalize();

  private Tools() {}

  record Result(int exit, String output) {}

  /** Runs a command (no shell) with extra environment; output and errors together. */
  static Result run(Map<String, String> env, Path dir, String... command)
      throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process process = builder.start();
    byte[] out = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("%s finished", command[0]).isTrue();
    return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  /** Runs a command and asserts it succeeded. */
  static String ok(Map<String, String> env, Path dir, String... command)
      throws IOException, InterruptedException {
    Result result = run(env, dir, command);
    assertThat(result.exit()).as("%s\n%s", String.join(" ", command), result.output()).isZero();
    return result.output();
  }

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(AUTOPILOT_[A-Z_]+)}");

  /**
   * Writes {@code template} with its {@code ${AUTOPILOT_*}} placeholders filled in, as the launcher
   * does with envsubst; a placeholder without a value fails the test.
   */
  static Path render(Path template, Path target, Map<String, String> values) throws IOException {
    Matcher matcher = PLACEHOLDER.matcher(Files.readString(template));
    StringBuilder rendered = new StringBuilder();
    while (matcher.find()) {
      String value = values.get(matcher.group(1));
      assertThat(value).as("a value for %s in %s", matcher.group(1), template).isNotNull();
      matcher.appendReplacement(rendered, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(rendered);
    Files.createDirectories(target.getParent());
    return Files.writeString(target, rendered);
  }

  static List<Path> list(Path dir, String suffix) throws IOException {
    try (var files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(suffix)).sorted().toList();
    }
  }
}
