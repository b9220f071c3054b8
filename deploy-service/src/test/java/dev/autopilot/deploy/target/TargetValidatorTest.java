package dev.autopilot.deploy.target;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autopilot.platform.problem.Problem;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TargetValidatorTest {
  private static TargetConfig valid() {
    return new TargetConfig(
        "shop",
        "production",
        null,
        new TargetConfig.Commands(List.of("/opt/deploy"), null, null),
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("valid with defaults", (UnaryOperator<TargetConfig>) t -> t, null),
        Arguments.of(
            "bad service name",
            (UnaryOperator<TargetConfig>) t -> with(t, "Shop!", null, null, null, null),
            "service"),
        Arguments.of(
            "unknown executor",
            (UnaryOperator<TargetConfig>) t -> with(t, null, "ftp", null, null, null),
            "executor"),
        Arguments.of(
            "command executor without deploy command",
            (UnaryOperator<TargetConfig>)
                t -> with(t, null, null, new TargetConfig.Commands(null, null, null), null, null),
            "commands.deploy"),
        Arguments.of(
            "empty migrate command",
            (UnaryOperator<TargetConfig>)
                t ->
                    with(
                        t,
                        null,
                        null,
                        new TargetConfig.Commands(List.of("/opt/deploy"), null, List.of()),
                        null,
                        null),
            "commands.migrate"),
        Arguments.of(
            "bake time not a duration",
            (UnaryOperator<TargetConfig>) t -> with(t, null, null, null, "soon", null),
            "bakeTime"),
        Arguments.of(
            "unknown checklist item",
            (UnaryOperator<TargetConfig>) t -> with(t, null, null, null, null, List.of("vibes")),
            "requiredChecks[0]"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void problemsNameTheField(String name, UnaryOperator<TargetConfig> change, String field) {
    List<Problem.FieldError> problems =
        TargetValidator.problems(change.apply(valid()).withDefaults());
    if (field == null) {
      assertThat(problems).isEmpty();
    } else {
      assertThat(problems).extracting(Problem.FieldError::field).contains(field);
    }
  }

  private static TargetConfig with(
      TargetConfig t,
      String service,
      String executor,
      TargetConfig.Commands commands,
      String bakeTime,
      List<String> checks) {
    return new TargetConfig(
        service == null ? t.service() : service,
        t.environment(),
        executor == null ? t.executor() : executor,
        commands == null ? t.commands() : commands,
        t.commandTimeout(),
        t.webhook(),
        t.healthGate(),
        t.backupSource(),
        t.backupTimeout(),
        t.restoreTimeout(),
        bakeTime == null ? t.bakeTime() : bakeTime,
        t.failureLimit(),
        t.watchPeriod(),
        checks == null ? t.requiredChecks() : checks,
        t.requiresMaintenanceWindow(),
        t.requiresApproval(),
        t.restoreOnRollback(),
        t.kubernetes());
  }
}
