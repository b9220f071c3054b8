package dev.autopilot.health.api;

import dev.autopilot.health.history.Uptime;
import dev.autopilot.health.status.HealthOverview;
import dev.autopilot.health.store.ProbeResultRecord;
import dev.autopilot.health.store.ProbeResultRepository;
import dev.autopilot.health.store.RollupRepository;
import dev.autopilot.health.target.TargetAdmin;
import dev.autopilot.health.target.TargetFile;
import dev.autopilot.health.target.TargetSpec;
import dev.autopilot.health.target.TargetSync;
import dev.autopilot.platform.problem.ProblemException;
import dev.autopilot.platform.security.Roles;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Targets: read with their state, history and uptime (viewer); create, replace, delete and
 * re-import the targets file (operator). Bodies have the shape of a targets.yaml entry.
 */
@Path("/targets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "targets")
public class TargetResource {
  /** The answer of an import. */
  @RegisterForReflection
  public record ImportResult(String file, int targets, List<String> removed) {}

  /** A target's uptime. */
  @RegisterForReflection
  public record TargetUptime(String targetId, Uptime.Windows uptime) {}

  private final HealthOverview overview;
  private final ProbeResultRepository results;
  private final RollupRepository rollups;
  private final Uptime uptime;
  private final TargetAdmin admin;
  private final TargetSync sync;

  public TargetResource(
      HealthOverview overview,
      ProbeResultRepository results,
      RollupRepository rollups,
      Uptime uptime,
      TargetAdmin admin,
      TargetSync sync) {
    this.overview = overview;
    this.results = results;
    this.rollups = rollups;
    this.uptime = uptime;
    this.admin = admin;
    this.sync = sync;
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

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.OPERATOR)
  @Operation(summary = "Create a target (managed by the API); 400 names each invalid field")
  public Response create(TargetSpec spec) {
    String id = admin.create(spec).id();
    return Response.created(URI.create("/targets/" + id)).entity(get(id)).build();
  }

  @PUT
  @Path("/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.OPERATOR)
  @Operation(summary = "Replace an API-managed target")
  public TargetView replace(@PathParam("id") String id, TargetSpec spec) {
    admin.update(id, spec);
    return get(id);
  }

  @DELETE
  @Path("/{id}")
  @RolesAllowed(Roles.OPERATOR)
  @Operation(summary = "Delete an API-managed target with its state and history")
  public Response delete(@PathParam("id") String id) {
    admin.delete(id);
    return Response.noContent().build();
  }

  @POST
  @Path("/import")
  @RolesAllowed(Roles.OPERATOR)
  @Operation(summary = "Re-import the targets file (health.targets-file)")
  public ImportResult importFile() {
    if (sync.targetsFile().isEmpty()) {
      throw ProblemException.conflict("no targets file is configured (health.targets-file)");
    }
    try {
      TargetSync.Applied applied = sync.importFile();
      return new ImportResult(
          sync.targetsFile().get().getFileName().toString(), applied.applied(), applied.removed());
    } catch (TargetFile.InvalidTargetFileException e) {
      throw TargetAdmin.invalid("invalid targets file", e.problems());
    } catch (IllegalStateException e) {
      throw ProblemException.conflict(e.getMessage());
    }
  }

  @GET
  @Path("/{id}/probes")
  @RolesAllowed(Roles.VIEWER)
  @Operation(summary = "The latest probe results of a target, newest first")
  public List<ProbeResultRecord> probes(
      @PathParam("id") String id,
      @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(1000) int limit) {
    exists(id);
    return results.latest(id, limit);
  }

  @GET
  @Path("/{id}/history")
  @RolesAllowed(Roles.VIEWER)
  @Operation(summary = "Per-minute rollups (probes, failures, p50/p95 ms) of the last N minutes")
  public List<RollupRepository.Minute> history(
      @PathParam("id") String id,
      @QueryParam("minutes") @DefaultValue("60") @Min(1) @Max(129_600) int minutes) {
    exists(id);
    Instant now = Instant.now();
    return rollups.minutes(id, now.minus(Duration.ofMinutes(minutes)), now.plusSeconds(60));
  }

  @GET
  @Path("/{id}/uptime")
  @RolesAllowed(Roles.VIEWER)
  @Operation(summary = "Uptime % over 24h, 7d, 30d, 90d")
  public TargetUptime uptime(@PathParam("id") String id) {
    exists(id);
    return new TargetUptime(id, uptime.target(id, Instant.now()));
  }

  private void exists(String id) {
    if (overview.find(id).isEmpty()) {
      throw notFound(id);
    }
  }

  private static ProblemException notFound(String id) {
    return ProblemException.notFound("target " + id + " does not exist");
  }
}
