package dev.autopilot.notification.api;

import dev.autopilot.notification.escalation.Escalation;
import dev.autopilot.notification.escalation.EscalationRepository;
import dev.autopilot.notification.escalation.OnCallSchedule;
import dev.autopilot.notification.route.Router;
import dev.autopilot.platform.problem.ProblemException;
import dev.autopilot.platform.security.Roles;
import io.quarkus.runtime.annotations.RegisterForReflection;
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
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Read-only views of on-call: escalations and who is on call. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "on-call")
public class EscalationResource {
  private final EscalationRepository escalations;
  private final Router router;

  public EscalationResource(EscalationRepository escalations, Router router) {
    this.escalations = escalations;
    this.router = router;
  }

  /** Who is on call on a schedule at a time. */
  @RegisterForReflection
  public record OnCall(String schedule, Instant at, String receiver) {}

  @GET
  @Path("escalations")
  @RolesAllowed(Roles.VIEWER)
  @Operation(summary = "Escalations, newest first, optionally of one alert")
  public List<Escalation> list(
      @QueryParam("alertId") UUID alertId,
      @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
    return escalations.list(alertId, limit);
  }

  @GET
  @Path("oncall/{schedule}")
  @RolesAllowed(Roles.VIEWER)
  @Operation(summary = "Who is on call on a schedule, now or at ?at=<ISO instant>")
  public OnCall onCall(@PathParam("schedule") String name, @QueryParam("at") String at) {
    OnCallSchedule schedule = router.current().schedules().get(name);
    if (schedule == null) {
      throw ProblemException.notFound("schedule " + name + " does not exist");
    }
    Instant when;
    try {
      when = at == null || at.isBlank() ? Instant.now() : Instant.parse(at);
    } catch (DateTimeParseException e) {
      throw ProblemException.badField("at", "must be an ISO instant like 2026-11-23T09:00:00Z");
    }
    return new OnCall(name, when, schedule.onCall(when));
  }
}
