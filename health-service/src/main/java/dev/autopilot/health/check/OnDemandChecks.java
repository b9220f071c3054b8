package dev.autopilot.health.check;

import dev.autopilot.health.probe.ProbeOutcome;
import dev.autopilot.health.probe.ProbeRunner;
import dev.autopilot.health.store.TargetRecord;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/**
 * Runs the probes of some targets now, all at once, and judges them together: UP when every probe
 * passes every condition, else DOWN. Results are not recorded: a gate check must not move the
 * thresholds of the scheduled probes.
 */
@ApplicationScoped
public class OnDemandChecks {
  /** One target's probe. */
  @RegisterForReflection
  public record Result(String targetId, boolean ok, long durationMs, String error) {}

  /** The answer of {@code POST /checks}. */
  @RegisterForReflection
  public record Verdict(String verdict, Instant checkedAt, List<Result> results) {}

  private final ProbeRunner runner;

  public OnDemandChecks(ProbeRunner runner) {
    this.runner = runner;
  }

  /** Probes {@code targets} (at least one) now. */
  public Uni<Verdict> check(List<TargetRecord> targets) {
    List<Uni<Result>> probes =
        targets.stream().map(t -> runner.run(t).map((ProbeOutcome o) -> result(t, o))).toList();
    return Uni.join()
        .all(probes)
        .andFailFast()
        .map(
            results ->
                new Verdict(
                    results.stream().allMatch(Result::ok) ? "UP" : "DOWN", Instant.now(), results));
  }

  private static Result result(TargetRecord target, ProbeOutcome outcome) {
    return new Result(target.id(), outcome.ok(), outcome.durationMs(), outcome.error());
  }
}
