package dev.autopilot.deploy.api;

import dev.autopilot.deploy.request.DeploymentRequests;
import dev.autopilot.deploy.request.Submission;
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
  private static final String STATES = "QUEUED|BACKING_UP|ROLLING_OUT|VERIFYING|SUCCEEDED|FAILED";

  private final DeploymentRequests requests;
  private final DeploymentRepository deployments;
  private final StepRepository steps;
  private final SecurityIdentity identity;

  public DeploymentResource(
      DeploymentRequests requests,
      DeploymentRepository deployments,
      StepRepository steps,
      SecurityIdentity identity) {
    this.requests = requests;
    this.deployments = deployments;
    this.steps = steps;
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
              + " version (409 when for another).")
  public Response request(@Valid @NotNull DeployRequested body, @Context UriInfo uri) {
    Submission submission = requests.submit(body, identity.getPrincipal().getName());
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
}
