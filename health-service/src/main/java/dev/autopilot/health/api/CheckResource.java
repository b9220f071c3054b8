package dev.autopilot.health.api;

import dev.autopilot.health.check.OnDemandChecks;
import dev.autopilot.health.store.TargetRecord;
import dev.autopilot.health.target.TargetCatalog;
import dev.autopilot.platform.problem.ProblemException;
import dev.autopilot.platform.security.Roles;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The deploy health gate (docs/service-contracts.md): {@code POST /checks} with {@code {service,
 * environment}} or {@code {targetId}} probes the matching targets now and answers the verdict.
 */
@Path("/checks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "checks")
public class CheckResource {
  /** What to check: one target, or every target of a service in an environment. */
  @RegisterForReflection
  public record CheckRequest(String service, String environment, String targetId) {}

  private final TargetCatalog catalog;
  private final OnDemandChecks checks;

  public CheckResource(TargetCatalog catalog, OnDemandChecks checks) {
    this.catalog = catalog;
    this.checks = checks;
  }

  @POST
  @RolesAllowed(Roles.OPERATOR)
  @Operation(summary = "Probe a target or a service/environment now; verdict UP or DOWN")
  public Uni<OnDemandChecks.Verdict> check(CheckRequest request) {
    List<TargetRecord> targets;
    if (request == null) {
      throw ProblemException.badField("body", "needs targetId, or service and environment");
    }
    if (request.targetId() != null) {
      targets = catalog.find(request.targetId()).map(List::of).orElse(List.of());
      if (targets.isEmpty()) {
        throw ProblemException.notFound("target " + request.targetId() + " does not exist");
      }
    } else {
      if (blank(request.service())) {
        throw ProblemException.badField("service", "is required (or targetId)");
      }
      if (blank(request.environment())) {
        throw ProblemException.badField("environment", "is required (or targetId)");
      }
      targets =
          catalog.all().stream()
              .filter(
                  t ->
                      t.service().equals(request.service())
                          && t.environment().equals(request.environment()))
              .toList();
      if (targets.isEmpty()) {
        throw ProblemException.notFound(
            "no targets for " + request.service() + "/" + request.environment());
      }
    }
    return checks.check(targets);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
