package dev.autopilot.health.target;

import dev.autopilot.health.config.HealthConfig;
import dev.autopilot.health.store.TargetRecord;
import dev.autopilot.health.store.TargetRepository;
import dev.autopilot.health.store.TargetStateRecord;
import dev.autopilot.health.store.TargetStateRepository;
import dev.autopilot.platform.problem.Problem;
import dev.autopilot.platform.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Targets managed through the REST API ({@code managed_by = api}), validated exactly like the
 * configured and file targets. Targets owned by configuration or the file are read-only here (409):
 * their source of truth is elsewhere and the next start or import would undo the change.
 */
@ApplicationScoped
public class TargetAdmin {
  private final HealthConfig config;
  private final TargetRepository targets;
  private final TargetStateRepository states;
  private final TargetCatalog catalog;

  public TargetAdmin(
      HealthConfig config,
      TargetRepository targets,
      TargetStateRepository states,
      TargetCatalog catalog) {
    this.config = config;
    this.targets = targets;
    this.states = states;
    this.catalog = catalog;
  }

  /** Creates a target; 400 if invalid, 409 if the id exists. */
  public TargetRecord create(TargetSpec spec) {
    TargetRecord target = validated(spec);
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              if (targets.find(target.id()).isPresent()) {
                throw ProblemException.conflict("target " + target.id() + " already exists");
              }
              targets.upsert(target);
              states.createIfMissing(TargetStateRecord.unknown(target.id(), Instant.now()));
            });
    catalog.replace(targets.list());
    return target;
  }

  /** Replaces an API-managed target; 404 if unknown, 409 if another source owns it. */
  public TargetRecord update(String id, TargetSpec spec) {
    TargetRecord target = validated(spec == null ? null : spec.withId(id));
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              ownedByApi(id);
              targets.upsert(target);
            });
    catalog.replace(targets.list());
    return target;
  }

  /** Deletes an API-managed target with its state and history. */
  public void delete(String id) {
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              ownedByApi(id);
              targets.delete(id, TargetRecord.MANAGED_BY_API);
            });
    catalog.replace(targets.list());
  }

  private void ownedByApi(String id) {
    TargetRecord existing =
        targets
            .find(id)
            .orElseThrow(() -> ProblemException.notFound("target " + id + " does not exist"));
    if (!TargetRecord.MANAGED_BY_API.equals(existing.managedBy())) {
      throw ProblemException.conflict(
          "target "
              + id
              + " is managed by "
              + existing.managedBy()
              + "; change it there (configuration or the targets file)");
    }
  }

  private TargetRecord validated(TargetSpec spec) {
    if (spec == null) {
      throw ProblemException.badField("body", "is required");
    }
    List<TargetViolation> problems = new ArrayList<>();
    TargetRecord target = spec.toRecord(TargetRecord.MANAGED_BY_API, problems);
    if (target != null) {
      problems.addAll(
          TargetValidator.violations(
              target, config.minimumInterval(), config.ssrf().allow().orElse(Set.of())));
    }
    if (!problems.isEmpty()) {
      throw invalid("invalid target", problems);
    }
    return target;
  }

  /** A 400 problem listing every violation by field. */
  public static ProblemException invalid(String title, List<TargetViolation> problems) {
    return new ProblemException(
        400,
        "Bad Request",
        title
            + ": "
            + String.join("; ", problems.stream().map(p -> p.field() + " " + p.message()).toList()),
        problems.stream().map(p -> new Problem.FieldError(p.field(), p.message())).toList());
  }
}
