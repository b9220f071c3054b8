package dev.autopilot.health.api;

import dev.autopilot.health.status.HealthOverview;
import dev.autopilot.health.store.ProbeResultRecord;
import dev.autopilot.health.store.ProbeResultRepository;
import dev.autopilot.platform.problem.ProblemException;
import dev.autopilot.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Targets with their configuration and current state, and their latest probes (viewer). */
@Path("/targets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "targets")
public class TargetResource {
  private final HealthOverview overview;
  private final ProbeResultRepository results;

  public TargetResource(HealthOverview overview, ProbeResultRepository results) {
    this.overview = overview;
    this.results = results;
  }

  @GET
  @RolesAllowed(Roles.VIEWER)
  @Operation(summary = "List targets with their state, by service, environment and id")
  public List<TargetView> list() {
    return overview.all().stream().map(TargetView::of).toList();
  }

  @GET
  @Path("/{id}")
  @RolesAllowed(Roles.VIEWER)
  @Operation(summary = "One target with its state")
  public TargetView get(@PathParam("id") String id) {
    return overview.find(id).map(TargetView::of).orElseThrow(() -> notFound(id));
  }

  @GET
  @Path("/{id}/probes")
  @RolesAllowed(Roles.VIEWER)
  @Operation(summary = "The latest probe results of a target, newest first")
  public List<ProbeResultRecord> probes(
      @PathParam("id") String id,
      @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(1000) int limit) {
    if (overview.find(id).isEmpty()) {
      throw notFound(id);
    }
    return results.latest(id, limit);
  }

  private static ProblemException notFound(String id) {
    return ProblemException.notFound("target " + id + " does not exist");
  }
}
