package dev.autopilot.deploy.api;

import dev.autopilot.deploy.store.AuditRepository;
import dev.autopilot.deploy.store.DeploymentRecord;
import dev.autopilot.deploy.store.DeploymentRepository;
import dev.autopilot.deploy.store.TargetRepository;
import dev.autopilot.deploy.target.TargetConfig;
import dev.autopilot.deploy.target.TargetValidator;
import dev.autopilot.platform.event.v1.Patterns;
import dev.autopilot.platform.problem.Problem;
import dev.autopilot.platform.problem.ProblemException;
import dev.autopilot.platform.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Deployment targets (how a service is deployed to an environment): admins write them, viewers read
 * them; plus the version running on each target now.
 */
@Path("/targets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "targets")
public class TargetResource {
  private final TargetRepository targets;
  private final DeploymentRepository deployments;
  private final AuditRepository audit;
  private final SecurityIdentity identity;

  public TargetResource(
      TargetRepository targets,
      DeploymentRepository deployments,
      AuditRepository audit,
      SecurityIdentity identity) {
    this.targets = targets;
    this.deployments = deployments;
    this.audit = audit;
    this.identity = identity;
  }

  /** The version a target runs now: its last successful deployment. */
  public record CurrentVersion(
      String service, String environment, String version, DeploymentRecord deployment) {}

  @GET
  @RolesAllowed(Roles.VIEWER)
  @Operation(summary = "List targets, with defaults applied")
  public List<TargetConfig> list(@QueryParam("service") String service) {
    return targets.list(service);
  }

  @GET
  @Path("/current")
  @RolesAllowed(Roles.VIEWER)
  @Operation(summary = "The current version of every service/environment")
  public List<CurrentVersion> current() {
    return deployments.current().stream()
        .map(d -> new CurrentVersion(d.service(), d.environment(), d.version(), d))
        .toList();
  }

  @GET
  @Path("/{service}/{environment}")
  @RolesAllowed(Roles.VIEWER)
  @Operation(summary = "One target, with defaults applied")
  public TargetConfig get(
      @PathParam("service") String service, @PathParam("environment") String environment) {
    return targets
        .find(service, environment)
        .orElseThrow(
            () -> ProblemException.notFound(service + "/" + environment + " is not a target"));
  }

  @PUT
  @Path("/{service}/{environment}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.ADMIN)
  @Transactional
  @Operation(summary = "Create or replace a target (201 when new, 200 when replaced)")
  public Response put(
      @PathParam("service") @Pattern(regexp = Patterns.NAME, message = Patterns.NAME_MESSAGE)
          String service,
      @PathParam("environment") @Pattern(regexp = Patterns.NAME, message = Patterns.NAME_MESSAGE)
          String environment,
      @NotNull TargetConfig body) {
    TargetConfig config = withTarget(body, service, environment);
    List<Problem.FieldError> problems = TargetValidator.problems(config.withDefaults());
    if (!problems.isEmpty()) {
      throw new ProblemException(
          400, "Bad Request", problems.get(0).field() + " " + problems.get(0).message(), problems);
    }
    String by = identity.getPrincipal().getName();
    boolean created = targets.upsert(config, by);
    audit.record(by, created ? "create-target" : "replace-target", config.target(), null);
    return Response.status(created ? Response.Status.CREATED : Response.Status.OK)
        .entity(config.withDefaults())
        .build();
  }

  @DELETE
  @Path("/{service}/{environment}")
  @RolesAllowed(Roles.ADMIN)
  @Transactional
  @Operation(summary = "Remove a target; queued deployments of it are rejected when they start")
  public Response delete(
      @PathParam("service") String service, @PathParam("environment") String environment) {
    if (!targets.delete(service, environment)) {
      throw ProblemException.notFound(service + "/" + environment + " is not a target");
    }
    audit.record(
        identity.getPrincipal().getName(), "delete-target", service + "/" + environment, null);
    return Response.noContent().build();
  }

  private static TargetConfig withTarget(TargetConfig b, String service, String environment) {
    return new TargetConfig(
        service,
        environment,
        b.executor(),
        b.commands(),
        b.commandTimeout(),
        b.webhook(),
        b.healthGate(),
        b.backupSource(),
        b.backupTimeout(),
        b.restoreTimeout(),
        b.bakeTime(),
        b.failureLimit(),
        b.watchPeriod(),
        b.requiredChecks(),
        b.requiresMaintenanceWindow(),
        b.requiresApproval(),
        b.restoreOnRollback(),
        b.kubernetes());
  }
}
