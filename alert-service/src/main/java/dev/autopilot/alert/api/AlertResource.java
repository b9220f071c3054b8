package dev.autopilot.alert.api;

import dev.autopilot.alert.lifecycle.AlertLifecycle;
import dev.autopilot.alert.store.AlertRecord;
import dev.autopilot.alert.store.AlertRepository;
import dev.autopilot.alert.store.AlertState;
import dev.autopilot.platform.problem.ProblemException;
import dev.autopilot.platform.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The alert console's API: list and read alerts (viewer), acknowledge one (operator). */
@Path("/alerts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "alerts")
public class AlertResource {
  private final AlertRepository alerts;
  private final AlertLifecycle lifecycle;
  private final SecurityIdentity identity;

  public AlertResource(
      AlertRepository alerts, AlertLifecycle lifecycle, SecurityIdentity identity) {
    this.alerts = alerts;
    this.lifecycle = lifecycle;
    this.identity = identity;
  }

  @GET
  @RolesAllowed(Roles.VIEWER)
  @Operation(summary = "List alerts, newest first")
  public List<AlertRecord> list(
      @QueryParam("state") AlertState state,
      @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
    return alerts.list(state, limit);
  }

  @GET
  @Path("/{id}")
  @RolesAllowed(Roles.VIEWER)
  @Operation(summary = "One alert")
  public AlertRecord get(@PathParam("id") UUID id) {
    return alerts
        .find(id)
        .orElseThrow(() -> ProblemException.notFound("alert " + id + " does not exist"));
  }

  @POST
  @Path("/{id}/ack")
  @RolesAllowed(Roles.OPERATOR)
  @Operation(summary = "Acknowledge a firing alert: you own it, escalation stops")
  public AlertRecord acknowledge(@PathParam("id") UUID id) {
    return lifecycle.acknowledge(id, identity.getPrincipal().getName());
  }
}
