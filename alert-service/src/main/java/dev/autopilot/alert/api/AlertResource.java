package dev.autopilot.alert.api;

import dev.autopilot.alert.lifecycle.AlertLifecycle;
import dev.autopilot.alert.store.AlertQuery;
import dev.autopilot.alert.store.AlertRecord;
import dev.autopilot.alert.store.AlertRepository;
import dev.autopilot.alert.store.AlertState;
import dev.autopilot.alert.store.ServiceStats;
import dev.autopilot.alert.store.StatsRepository;
import dev.autopilot.alert.store.Transition;
import dev.autopilot.alert.store.TransitionRepository;
import dev.autopilot.platform.event.v1.Severity;
import dev.autopilot.platform.problem.ProblemException;
import dev.autopilot.platform.security.Roles;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The alert console's API: search and read alerts, their history, MTTA/MTTR and the deploy gate
 * (viewer); acknowledge and unacknowledge (operator).
 */
@Path("/alerts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "alerts")
public class AlertResource {
  private final AlertRepository alerts;
  private final TransitionRepository transitions;
  private final StatsRepository stats;
  private final AlertLifecycle lifecycle;
  private final SecurityIdentity identity;

  public AlertResource(
      AlertRepository alerts,
      TransitionRepository transitions,
      StatsRepository stats,
      AlertLifecycle lifecycle,
      SecurityIdentity identity) {
    this.alerts = alerts;
    this.transitions = transitions;
    this.stats = stats;
    this.lifecycle = lifecycle;
    this.identity = identity;
  }

  /** The deploy gate's answer. */
  @RegisterForReflection
  public record Gate(String service, String environment, boolean blocked, List<GateAlert> alerts) {}

  /** An alert that blocks a deployment. */
  @RegisterForReflection
  public record GateAlert(
      UUID id, String name, Severity severity, AlertState state, Instant startsAt) {}

  /** An alert with its state changes. */
  @RegisterForReflection
  public record History(AlertRecord alert, List<Transition> transitions) {}

  @GET
  @RolesAllowed(Roles.VIEWER)
  @Operation(
      summary =
          "Search alerts, newest first: by service, environment, severity, state, name and start"
              + " time range [since, until)")
  public List<AlertRecord> list(
      @QueryParam("service") String service,
      @QueryParam("environment") String environment,
      @QueryParam("severity") String severity,
      @QueryParam("state") String state,
      @QueryParam("name") String name,
      @QueryParam("since") String since,
      @QueryParam("until") String until,
      @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
    Instant from = QueryParams.instant("since", since);
    Instant to = QueryParams.instant("until", until);
    if (from != null && to != null && !to.isAfter(from)) {
      throw ProblemException.badField("until", "must be after since");
    }
    return alerts.query(
        new AlertQuery(
            service,
            environment,
            QueryParams.enumValue("severity", severity, Severity.class),
            QueryParams.enumValue("state", state, AlertState.class),
            name,
            from,
            to,
            limit));
  }

  @GET
  @Path("/gate")
  @RolesAllowed(Roles.VIEWER)
  @Operation(
      summary =
          "Deploy gate: blocked when a P0/P1 alert of the service/environment is firing or"
              + " acknowledged (suppressed ones do not block)")
  public Gate gate(
      @QueryParam("service") @NotBlank String service,
      @QueryParam("environment") @NotBlank String environment) {
    List<GateAlert> blocking =
        alerts.blocking(service, environment).stream()
            .map(a -> new GateAlert(a.id(), a.name(), a.severity(), a.state(), a.startsAt()))
            .toList();
    return new Gate(service, environment, !blocking.isEmpty(), blocking);
  }

  @GET
  @Path("/stats")
  @RolesAllowed(Roles.VIEWER)
  @Operation(
      summary =
          "MTTA (fired → first ack) and MTTR (start → resolved) per service, over alerts fired in"
              + " [since, until); default the last 30 days")
  public List<ServiceStats> stats(
      @QueryParam("service") String service,
      @QueryParam("since") String since,
      @QueryParam("until") String until) {
    Instant to = until == null ? Instant.now() : QueryParams.instant("until", until);
    Instant from =
        since == null ? to.minus(Duration.ofDays(30)) : QueryParams.instant("since", since);
    if (!to.isAfter(from)) {
      throw ProblemException.badField("until", "must be after since");
    }
    return stats.perService(from, to, service);
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

  @GET
  @Path("/{id}/history")
  @RolesAllowed(Roles.VIEWER)
  @Operation(summary = "One alert with every state change: who, when, why")
  public History history(@PathParam("id") UUID id) {
    return new History(get(id), transitions.of(id));
  }

  @POST
  @Path("/{id}/ack")
  @RolesAllowed(Roles.OPERATOR)
  @Operation(
      summary =
          "Acknowledge a firing alert: you own it, escalation stops (409 if resolved, suppressed"
              + " or already acknowledged)")
  public AlertRecord acknowledge(@PathParam("id") UUID id) {
    return lifecycle.acknowledge(id, identity.getPrincipal().getName());
  }

  @POST
  @Path("/{id}/unack")
  @RolesAllowed(Roles.OPERATOR)
  @Operation(summary = "Give an acknowledged alert back: it is FIRING again (409 otherwise)")
  public AlertRecord unacknowledge(@PathParam("id") UUID id) {
    return lifecycle.unacknowledge(id, identity.getPrincipal().getName());
  }
}
