package dev.autopilot.backup.api;

import dev.autopilot.backup.retention.Retention;
import dev.autopilot.backup.retention.RetentionPlan;
import dev.autopilot.backup.source.SourceCatalog;
import dev.autopilot.platform.event.v1.Patterns;
import dev.autopilot.platform.problem.ProblemException;
import dev.autopilot.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Retention: preview what would be deleted and why the rest stays (viewer); apply it (admin). */
@Path("/retention")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "retention")
public class RetentionResource {
  private final Retention retention;
  private final SourceCatalog sources;

  public RetentionResource(Retention retention, SourceCatalog sources) {
    this.retention = retention;
    this.sources = sources;
  }

  @GET
  @Path("/preview")
  @RolesAllowed(Roles.VIEWER)
  @Operation(
      summary =
          "Dry run: per source, the backups that would be deleted and the rules keeping the rest")
  public List<RetentionPlan> preview(
      @QueryParam("source") @Pattern(regexp = Patterns.NAME, message = Patterns.NAME_MESSAGE)
          String source) {
    return retention.preview(known(source));
  }

  @POST
  @Path("/apply")
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Apply retention now: delete the objects of removed backups and mark them EXPIRED")
  public Retention.Applied apply(
      @QueryParam("source") @Pattern(regexp = Patterns.NAME, message = Patterns.NAME_MESSAGE)
          String source) {
    Retention.Applied applied = retention.apply(known(source));
    if (applied.skipped()) {
      throw ProblemException.conflict("retention is being applied by another replica; try again");
    }
    return applied;
  }

  private String known(String source) {
    if (source != null && sources.find(source).isEmpty()) {
      throw ProblemException.notFound("source '" + source + "' is not configured");
    }
    return source;
  }
}
