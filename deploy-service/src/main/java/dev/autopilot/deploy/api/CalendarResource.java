package dev.autopilot.deploy.api;

import dev.autopilot.deploy.maintenance.CalendarWrites;
import dev.autopilot.deploy.maintenance.Freeze;
import dev.autopilot.deploy.maintenance.MaintenanceWindow;
import dev.autopilot.deploy.store.AuditRepository;
import dev.autopilot.deploy.store.CalendarRepository;
import dev.autopilot.platform.problem.ProblemException;
import dev.autopilot.platform.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Maintenance windows and deploy freezes (admin writes, viewers read), and the audit log. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "calendar")
public class CalendarResource {
  private final CalendarRepository repository;
  private final CalendarWrites writes;
  private final AuditRepository audit;
  private final SecurityIdentity identity;

  public CalendarResource(
      CalendarRepository repository,
      CalendarWrites writes,
      AuditRepository audit,
      SecurityIdentity identity) {
    this.repository = repository;
    this.writes = writes;
    this.audit = audit;
    this.identity = identity;
  }

  @GET
  @Path("maintenance-windows")
  @RolesAllowed(Roles.VIEWER)
  @Operation(summary = "Maintenance windows")
  public List<MaintenanceWindow> windows() {
    return repository.windows();
  }

  @GET
  @Path("maintenance-windows/{id}/occurrences")
  @RolesAllowed(Roles.VIEWER)
  @Operation(summary = "A window's occurrences in the next `days` days")
  public List<MaintenanceWindow.Occurrence> occurrences(
      @PathParam("id") UUID id,
      @QueryParam("days") @DefaultValue("30") @Min(1) @Max(366) int days) {
    MaintenanceWindow w =
        repository
            .findWindow(id)
            .orElseThrow(
                () -> ProblemException.notFound("maintenance window " + id + " does not exist"));
    Instant now = Instant.now();
    return w.occurrences(now, now.plusSeconds(days * 86_400L));
  }

  @POST
  @Path("maintenance-windows")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary =
          "Create a one-off (startsAt, endsAt) or recurring (cron, durationSeconds, zone) window")
  public Response createWindow(@NotNull MaintenanceWindow body) {
    return Response.status(Response.Status.CREATED)
        .entity(writes.create(body, identity.getPrincipal().getName()))
        .build();
  }

  @DELETE
  @Path("maintenance-windows/{id}")
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "Delete a window (a running occurrence ends now)")
  public Response deleteWindow(@PathParam("id") UUID id) {
    writes.deleteWindow(id, identity.getPrincipal().getName());
    return Response.noContent().build();
  }

  @GET
  @Path("freezes")
  @RolesAllowed(Roles.VIEWER)
  @Operation(summary = "Freezes that have not ended (all with past=true)")
  public List<Freeze> freezes(@QueryParam("past") @DefaultValue("false") boolean past) {
    return repository.freezes(past);
  }

  @POST
  @Path("freezes")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "Create a freeze: services (all when empty), environment (all when absent)")
  public Response createFreeze(@NotNull Freeze body) {
    return Response.status(Response.Status.CREATED)
        .entity(writes.create(body, identity.getPrincipal().getName()))
        .build();
  }

  @DELETE
  @Path("freezes/{id}")
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "Delete a freeze")
  public Response deleteFreeze(@PathParam("id") UUID id) {
    writes.deleteFreeze(id, identity.getPrincipal().getName());
    return Response.noContent().build();
  }

  @GET
  @Path("audit")
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "Audit log, newest first: overrides, approvals, cancels, rollbacks, config")
  public List<AuditRepository.Entry> audit(
      @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
    return audit.list(limit);
  }
}
