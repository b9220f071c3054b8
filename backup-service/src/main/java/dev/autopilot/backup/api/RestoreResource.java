package dev.autopilot.backup.api;

import dev.autopilot.backup.restore.RestoreRequests;
import dev.autopilot.backup.store.RestoreRecord;
import dev.autopilot.backup.store.RestoreRepository;
import dev.autopilot.platform.problem.ProblemException;
import dev.autopilot.platform.security.Roles;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Restores: confirm one (admin, second step) and follow it (viewer). */
@Path("/restores")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "restores")
public class RestoreResource {
  private final RestoreRepository restores;
  private final RestoreRequests requests;
  private final SecurityIdentity identity;

  public RestoreResource(
      RestoreRepository restores, RestoreRequests requests, SecurityIdentity identity) {
    this.restores = restores;
    this.requests = requests;
    this.identity = identity;
  }

  /** The answer to a confirmation. */
  @RegisterForReflection
  public record Confirmed(UUID restoreId, String status) {}

  @GET
  @Path("/{id}")
  @RolesAllowed(Roles.VIEWER)
  @Operation(summary = "One restore: AWAITING_CONFIRMATION, RUNNING, SUCCEEDED or FAILED")
  public RestoreRecord get(@PathParam("id") UUID id) {
    return restores
        .find(id)
        .orElseThrow(() -> ProblemException.notFound("restore " + id + " does not exist"));
  }

  @POST
  @Path("/{id}/confirm")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Confirm a requested restore with its token",
      description = "202: it runs now; the outcome is backup.restored and GET /restores/{id}.")
  public Response confirm(@PathParam("id") UUID id, @Valid @NotNull ConfirmRestoreRequest body) {
    RestoreRecord restore =
        requests.confirm(id, body.confirmToken(), identity.getPrincipal().getName());
    return Response.accepted(new Confirmed(restore.id(), restore.status().name())).build();
  }
}
