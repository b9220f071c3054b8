package dev.autopilot.health.status;

import dev.autopilot.health.store.TargetRecord;
import dev.autopilot.health.store.TargetRepository;
import dev.autopilot.health.store.TargetStateRecord;
import dev.autopilot.health.store.TargetStateRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Reads targets together with their current state, for the API and the status page. */
@ApplicationScoped
public class HealthOverview {
  private final TargetRepository targets;
  private final TargetStateRepository states;

  public HealthOverview(TargetRepository targets, TargetStateRepository states) {
    this.targets = targets;
    this.states = states;
  }

  /** Every target with its state, by service, environment and id. */
  public List<TargetHealth> all() {
    Map<String, TargetStateRecord> byTarget =
        states.list().stream()
            .collect(Collectors.toMap(TargetStateRecord::targetId, Function.identity()));
    return targets.list().stream().map(t -> withState(t, byTarget.get(t.id()))).toList();
  }

  /** One target with its state. */
  public Optional<TargetHealth> find(String id) {
    return targets.find(id).map(t -> withState(t, states.find(id).orElse(null)));
  }

  private static TargetHealth withState(TargetRecord target, TargetStateRecord state) {
    return new TargetHealth(
        target, state != null ? state : TargetStateRecord.unknown(target.id(), Instant.now()));
  }
}
