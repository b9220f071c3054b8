package dev.autopilot.backup.api;

import dev.autopilot.backup.restore.RestoreDrills;
import dev.autopilot.backup.store.DrillRecord;
import dev.autopilot.backup.store.DrillRepository;
import dev.autopilot.platform.event.v1.Patterns;
import dev.autopilot.platform.problem.ProblemException;
import dev.autopilot.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Restore drills: run one now (operator), read them (viewer). */
@Path("/drills")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "drills")
public class DrillResource {
  private final RestoreDrills drills;
  private final DrillRepository repository;

  public DrillResource(RestoreDrills drills, DrillRepository repository) {
    this.drills = drills;
    this.repository = repository;
  }

  @POST
  @RolesAllowed(Roles.OPERATOR)
  @Operation(
      summary = "Run a restore drill of a postgres source's newest backup now",
      description =
          "202 with the RUNNING drill; it ends PASSED or FAILED and emits backup.verified.")
  public Response run(
      @QueryParam("source")
          @NotNull
          @Pattern(regexp = Patterns.NAME, message = Patterns.NAME_MESSAGE)
          String source) {
    return Response.accepted(drills.start(source)).build();
  }

  @GET
  @RolesAllowed(Roles.VIEWER)
  @Operation(summary = "Drills, newest first")
  public List<DrillRecord> list(
      @QueryParam("source") @Pattern(regexp = Patterns.NAME, message = Patterns.NAME_MESSAGE)
          String source,
      @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(1000) int limit) {
    return repository.list(source, limit);
  }

  @GET
  @Path("/{id}")
  @RolesAllowed(Roles.VIEWER)
  @Operation(summary = "One drill")
  public DrillRecord get(@PathParam("id") UUID id) {
    return repository
        .find(id)
        .orElseThrow(() -> ProblemException.notFound("drill " + id + " does not exist"));
  }
}
