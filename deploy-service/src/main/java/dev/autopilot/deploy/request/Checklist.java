package dev.autopilot.deploy.request;

import dev.autopilot.deploy.target.TargetConfig;
import dev.autopilot.platform.event.v1.DeployRequested;
import java.util.Optional;

/** The pre-deploy checklist: every item the target requires must be reported true by CI. */
final class Checklist {
  private Checklist() {}

  /** The first required item the request does not report true, as a refusal naming it. */
  static Optional<Submission.Refused> missing(TargetConfig target, DeployRequested.Checks checks) {
    for (String item : target.requiredChecks()) {
      Boolean value =
          checks == null
              ? null
              : switch (item) {
                case "testsPassed" -> checks.testsPassed();
                case "buildSucceeded" -> checks.buildSucceeded();
                case "migrationsTested" -> checks.migrationsTested();
                default -> null;
              };
      if (!Boolean.TRUE.equals(value)) {
        return Optional.of(
            new Submission.Refused(
                "checks." + item,
                "must be true: the checklist of "
                    + target.target()
                    + " requires "
                    + target.requiredChecks()
                    + (value == null ? " (not reported)" : " (reported false)"),
                false));
      }
    }
    return Optional.empty();
  }
}
