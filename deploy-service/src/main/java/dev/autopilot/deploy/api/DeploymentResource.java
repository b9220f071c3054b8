package dev.autopilot.deploy.api;

import dev.autopilot.deploy.request.DeploymentRequests;
import dev.autopilot.deploy.request.Submission;
import dev.autopilot.deploy.saga.OperatorActions;
import dev.autopilot.deploy.store.DeploymentRecord;
import dev.autopilot.deploy.store.DeploymentRepository;
import dev.autopilot.deploy.store.DeploymentState;
import dev.autopilot.deploy.store.StepRepository;
import dev.autopilot.platform.event.v1.DeployRequested;
import dev.autopilot.platform.problem.ProblemException;
import dev.autopilot.platform.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
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
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Deployments: request one (operator), list them and follow one step by step (viewer). */
@Path("/deployments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "deployments")
public class DeploymentResource {
  private static final String STATES =
      "QUEUED|VALIDATING|AWAITING_APPROVAL|BACKING_UP|MIGRATING|ROLLING_OUT|VERIFYING|BAKING"
          + "|ROLLING_BACK|RESTORING|SUCCEEDED|FAILED|ROLLED_BACK|REJECTED|CANCELLED";
  private static final int MAX_REASON = 500;

  private final DeploymentRequests requests;
  private final DeploymentRepository deployments;
  private final StepRepository steps;
  private final OperatorActions actions;
  private final SecurityIdentity identity;

  public DeploymentResource(
      DeploymentRequests requests,
      DeploymentRepository deployments,
      StepRepository steps,
      OperatorActions actions,
      SecurityIdentity identity) {
    this.requests = requests;
    this.deployments = deployments;
    this.steps = steps;
    this.actions = actions;
    this.identity = identity;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.OPERATOR)
  @Operation(
      summary = "Request a deployment",
      description =
          "202 with the new QUEUED deployment and its Location; 200 with the existing one when"
              + " the idempotencyKey was used before for the same service, environment and"
              + " version (409 when for another). overrideReason (admin only, audited) lets"
              + " the deployment pass a freeze and a blocked alert gate.")
  public Response request(
      @Valid @NotNull DeployRequested body,
      @QueryParam("overrideReason") @Size(max = MAX_REASON) String overrideReason,
      @Context UriInfo uri) {
    String by = identity.getPrincipal().getName();
    DeploymentRequests.Override override = null;
    if (overrideReason != null) {
      if (!identity.hasRole(Roles.ADMIN)) {
        throw new ProblemException(403, "Forbidden", "only an admin may override the gates");
      }
      if (overrideReason.isBlank()) {
        throw ProblemException.badField("overrideReason", "must say why the gates are overridden");
      }
      override = new DeploymentRequests.Override(by, overrideReason.strip());
    }
    Submission submission = requests.submit(body, by, override);
    if (submission instanceof Submission.Refused refused) {
      throw refused.conflict()
          ? ProblemException.conflict(refused.reason())
          : ProblemException.badField(refused.field(), refused.message());
    }
    Submission.Accepted accepted = (Submission.Accepted) submission;
    DeploymentRecord deployment = accepted.deployment();
    URI location =
        uri.getBaseUriBuilder().path("deployments").path(deployment.id().toString()).build();
    return Response.status(accepted.created() ? Response.Status.ACCEPTED : Response.Status.OK)
        .location(location)
        .entity(deployment)
        .build();
  }

  @GET
  @RolesAllowed(Roles.VIEWER)
  @Operation(summary = "List deployments, newest first")
  public List<DeploymentRecord> list(
      @QueryParam("service") String service,
      @QueryParam("environment") String environment,
      @QueryParam("state") @Pattern(regexp = STATES, message = "must be one of " + STATES)
          String state,
      @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
    return deployments.list(
        service, environment, state == null ? null : DeploymentState.valueOf(state), limit);
  }

  @GET
  @Path("/{id}")
  @RolesAllowed(Roles.VIEWER)
  @Operation(summary = "One deployment with its steps")
  public DeploymentDetail get(@PathParam("id") UUID id) {
    DeploymentRecord deployment =
        deployments
            .find(id)
            .orElseThrow(() -> ProblemException.notFound("deployment " + id + " does not exist"));
    return new DeploymentDetail(deployment, steps.list(id));
  }

  @POST
  @Path("/{id}/approve")
  @RolesAllowed(Roles.OPERATOR)
  @Operation(summary = "Approve a deployment AWAITING_APPROVAL (409 otherwise)")
  public DeploymentRecord approve(@PathParam("id") UUID id) {
    return actions.approve(id, identity.getPrincipal().getName());
  }

  @POST
  @Path("/{id}/cancel")
  @RolesAllowed(Roles.OPERATOR)
  @Operation(summary = "Cancel a deployment that has changed nothing yet (409 otherwise)")
  public DeploymentRecord cancel(@PathParam("id") UUID id) {
    return actions.cancel(id, identity.getPrincipal().getName());
  }

  @POST
  @Path("/{id}/rollback")
  @RolesAllowed(Roles.OPERATOR)
  @Operation(summary = "Roll back a BAKING deployment or the current SUCCEEDED one (409 otherwise)")
  public DeploymentRecord rollback(
      @PathParam("id") UUID id, @QueryParam("reason") @Size(max = MAX_REASON) String reason) {
    return actions.rollBack(id, identity.getPrincipal().getName(), reason);
  }
}
