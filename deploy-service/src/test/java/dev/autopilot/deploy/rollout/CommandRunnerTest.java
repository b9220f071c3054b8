package dev.autopilot.deploy.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Real processes: environment, exit codes, timeouts, bounded output. */
class CommandRunnerTest {
  private final CommandRunner runner = new CommandRunner();

  @Test
  void passesTheExtraEnvironmentOnTopOfTheInheritedOne() throws Exception {
    CommandRunner.Outcome outcome =
        runner.run(
            List.of("printenv", "AUTOPILOT_VERSION", "PATH"),
            Map.of("AUTOPILOT_VERSION", "1.2.3"),
            Duration.ofSeconds(10));
    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.output()).startsWith("1.2.3\n").contains(System.getenv("PATH"));
  }

  @Test
  void argumentsAreNeverInterpretedByAShell() throws Exception {
    CommandRunner.Outcome outcome =
        runner.run(List.of("echo", "$HOME;", "`id`", "&& false"), Map.of(), Duration.ofSeconds(10));
    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.output()).isEqualTo("$HOME; `id` && false\n");
  }

  @Test
  void reportsNonZeroExitCodes() throws Exception {
    CommandRunner.Outcome outcome = runner.run(List.of("false"), Map.of(), Duration.ofSeconds(10));
    assertThat(outcome.exitCode()).isEqualTo(1);
    assertThat(outcome.timedOut()).isFalse();
  }

  @Test
  void killsACommandThatRunsPastItsTimeout() throws Exception {
    CommandRunner.Outcome outcome =
        runner.run(List.of("sleep", "30"), Map.of(), Duration.ofMillis(300));
    assertThat(outcome.timedOut()).isTrue();
    assertThat(outcome.took()).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void keepsOnlyTheLastPartOfLongOutput() throws Exception {
    CommandRunner.Outcome outcome =
        runner.run(List.of("head", "-c", "200000", "/dev/zero"), Map.of(), Duration.ofSeconds(10));
    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.output())
        .startsWith("[… " + (200_000 - CommandRunner.OUTPUT_LIMIT) + " earlier bytes dropped …]");
    assertThat(outcome.output().length()).isLessThan(CommandRunner.OUTPUT_LIMIT + 100);
  }

  @Test
  void aMissingExecutableCannotStart() {
    assertThatThrownBy(
            () ->
                runner.run(List.of("/nonexistent/deploy-command"), Map.of(), Duration.ofSeconds(1)))
        .isInstanceOf(IOException.class);
  }
}
