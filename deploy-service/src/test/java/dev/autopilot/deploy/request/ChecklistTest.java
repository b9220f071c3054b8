package dev.autopilot.deploy.request;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autopilot.deploy.target.TargetConfig;
import dev.autopilot.platform.event.v1.DeployRequested;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChecklistTest {
  @ParameterizedTest
  @CsvSource(
      nullValues = "null",
      value = {
        "testsPassed;buildSucceeded, true, true, null, null",
        "testsPassed;buildSucceeded, true, false, null, checks.buildSucceeded",
        "testsPassed;buildSucceeded, null, true, null, checks.testsPassed",
        "migrationsTested, null, null, true, null",
        "migrationsTested, true, true, false, checks.migrationsTested",
        "'', null, null, null, null"
      })
  void everyRequiredItemMustBeTrue(
      String required, Boolean tests, Boolean build, Boolean migrations, String missing) {
    TargetConfig target =
        new TargetConfig(
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
                required.isEmpty() ? List.of() : List.of(required.split(";")),
                null,
                null,
                null,
                null)
            .withDefaults();
    Optional<Submission.Refused> refused =
        Checklist.missing(target, new DeployRequested.Checks(tests, build, migrations));
    assertThat(refused.map(Submission.Refused::field).orElse(null)).isEqualTo(missing);
  }
}
