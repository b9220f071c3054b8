package dev.autopilot.backup.api;

import dev.autopilot.backup.intake.BackupIntake;
import dev.autopilot.backup.restore.RestoreRequests;
import dev.autopilot.backup.source.SourceCatalog;
import dev.autopilot.backup.store.BackupRecord;
import dev.autopilot.backup.store.BackupRepository;
import dev.autopilot.backup.store.BackupStatus;
import dev.autopilot.platform.event.v1.BackupReason;
import dev.autopilot.platform.event.v1.Patterns;
import dev.autopilot.platform.problem.ProblemException;
import dev.autopilot.platform.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Backups over HTTP: ask for one (operator; taken asynchronously), list and read them (viewer). */
@Path("/backups")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "backups")
public class BackupResource {
  private final BackupRepository backups;
  private final BackupIntake intake;
  private final SourceCatalog sources;
  private final SecurityIdentity identity;
  private final RestoreRequests restores;

  public BackupResource(
      BackupRepository backups,
      BackupIntake intake,
      SourceCatalog sources,
      SecurityIdentity identity,
      RestoreRequests restores) {
    this.backups = backups;
    this.intake = intake;
    this.sources = sources;
    this.identity = identity;
    this.restores = restores;
  }

  @GET
  @RolesAllowed(Roles.VIEWER)
  @Operation(summary = "List backups, newest request first")
  public List<BackupRecord> list(
      @QueryParam("source") @Pattern(regexp = Patterns.NAME, message = Patterns.NAME_MESSAGE)
          String source,
      @QueryParam("status") BackupStatus status,
      @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(1000) int limit) {
    return backups.list(source, status, limit);
  }

  @GET
  @Path("/{id}")
  @RolesAllowed(Roles.VIEWER)
  @Operation(summary = "One backup")
  public BackupRecord get(@PathParam("id") UUID id) {
    return backups
        .find(id)
        .orElseThrow(() -> ProblemException.notFound("backup " + id + " does not exist"));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.OPERATOR)
  @Operation(
      summary = "Ask for a backup of a configured source",
      description =
          "202 with the PENDING backup and its Location; poll it until COMPLETED or FAILED.")
  public Response request(@Valid @NotNull NewBackupRequest body, @Context UriInfo uri) {
    if (sources.find(body.source()).isEmpty()) {
      throw ProblemException.notFound(
          "source '"
              + body.source()
              + "' is not configured; configured sources: "
              + (sources.names().isEmpty() ? "none" : String.join(", ", sources.names())));
    }
    BackupRecord backup =
        intake.request(
            new BackupIntake.Request(
                body.source(),
                body.reason() == null ? BackupReason.MANUAL : body.reason(),
                null,
                identity.getPrincipal().getName()));
    return Response.accepted(backup)
        .location(uri.getAbsolutePathBuilder().path(backup.id().toString()).build())
        .build();
  }

  @GET
  @Path("/{id}/manifest")
  @RolesAllowed(Roles.VIEWER)
  @Operation(
      summary = "A stored backup's manifest",
      description =
          "Source, tool and versions, sha256, size, times, encryption key id, row counts.")
  public Response manifest(@PathParam("id") UUID id) {
    get(id);
    String manifest =
        backups
            .manifest(id)
            .orElseThrow(
                () -> ProblemException.notFound("backup " + id + " has no manifest (not stored)"));
    return Response.ok(manifest, MediaType.APPLICATION_JSON).build();
  }

  @POST
  @Path("/{id}/restore")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Ask for a restore of a backup (first of two steps)",
      description =
          "202 with restoreId and a one-time confirmToken; nothing happens until"
              + " POST /restores/{restoreId}/confirm with that token before expiresAt.")
  public Response restore(@PathParam("id") UUID id, @Valid @NotNull NewRestoreRequest body) {
    RestoreRequests.Requested requested =
        restores.request(
            id,
            body.mode(),
            body.database(),
            body.directory(),
            body.correlationId(),
            identity.getPrincipal().getName());
    return Response.accepted(requested).build();
  }
}
