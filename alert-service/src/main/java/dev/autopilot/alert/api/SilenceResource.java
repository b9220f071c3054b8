package dev.autopilot.alert.api;

import dev.autopilot.alert.silence.SilenceRequest;
import dev.autopilot.alert.silence.SilenceService;
import dev.autopilot.alert.store.SilenceRecord;
import dev.autopilot.platform.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Silences (Alertmanager matchers {@code =}, {@code !=}, {@code =~}, {@code !~}): read (viewer),
 * create, change and expire (operator).
 */
@Path("/silences")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "silences")
public class SilenceResource {
  private final SilenceService silences;
  private final SecurityIdentity identity;

  public SilenceResource(SilenceService silences, SecurityIdentity identity) {
    this.silences = silences;
    this.identity = identity;
  }

  @GET
  @RolesAllowed(Roles.VIEWER)
  @Operation(summary = "Silences, optionally of one status (pending, active, expired)")
  public List<SilenceRecord> list(
      @QueryParam("status")
          @Pattern(
              regexp = "pending|active|expired",
              message = "must be pending, active or expired")
          String status) {
    return silences.list(status);
  }

  @GET
  @Path("/{id}")
  @RolesAllowed(Roles.VIEWER)
  @Operation(summary = "One silence")
  public SilenceRecord get(@PathParam("id") UUID id) {
    return silences.find(id);
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.OPERATOR)
  @Operation(
      summary =
          "Create a silence; the author is the caller. 400 names a bad matcher"
              + " (matchers[i].value for a bad regex)")
  public Response create(@NotNull @Valid SilenceRequest request) {
    SilenceRecord created = silences.create(request, identity.getPrincipal().getName());
    return Response.created(URI.create("/silences/" + created.id())).entity(created).build();
  }

  @PUT
  @Path("/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.OPERATOR)
  @Operation(summary = "Change a silence that has not expired")
  public SilenceRecord update(@PathParam("id") UUID id, @NotNull @Valid SilenceRequest request) {
    return silences.update(id, request, identity.getPrincipal().getName());
  }

  @DELETE
  @Path("/{id}")
  @RolesAllowed(Roles.OPERATOR)
  @Operation(summary = "Expire a silence now (as Alertmanager's DELETE); its alerts fire if active")
  public SilenceRecord expire(@PathParam("id") UUID id) {
    return silences.expire(id, identity.getPrincipal().getName());
  }

  @POST
  @Path("/{id}/expire")
  @RolesAllowed(Roles.OPERATOR)
  @Operation(summary = "Expire a silence now")
  public SilenceRecord expireByPost(@PathParam("id") UUID id) {
    return silences.expire(id, identity.getPrincipal().getName());
  }
}
