package dev.autopilot.alert.api;

import dev.autopilot.alert.rule.RuleDefinition;
import dev.autopilot.alert.rule.RuleService;
import dev.autopilot.alert.rule.RuleService.RuleView;
import dev.autopilot.platform.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Threshold rules: read them and their health (viewer), create, change and delete API rules
 * (admin). Rules from rule files are read-only here.
 */
@Path("/rules")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "rules")
public class RuleResource {
  private final RuleService rules;
  private final SecurityIdentity identity;

  public RuleResource(RuleService rules, SecurityIdentity identity) {
    this.rules = rules;
    this.identity = identity;
  }

  @GET
  @RolesAllowed(Roles.VIEWER)
  @Operation(
      summary =
          "Every rule with its health (last evaluation, duration, last error) and its pending and"
              + " firing alerts, like Prometheus's /api/v1/rules")
  public List<RuleView> list() {
    return rules.list();
  }

  @GET
  @Path("/{group}/{name}")
  @RolesAllowed(Roles.VIEWER)
  @Operation(summary = "One rule with its health")
  public RuleView get(@PathParam("group") String group, @PathParam("name") String name) {
    return rules.get(group, name);
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "Create a rule; 400 names the wrong field, 409 if it exists")
  public Response create(@NotNull RuleDefinition definition) {
    RuleView created = rules.create(definition, identity.getPrincipal().getName());
    return Response.created(URI.create("/rules/" + created.group() + "/" + created.name()))
        .entity(created)
        .build();
  }

  @PUT
  @Path("/{group}/{name}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "Replace an API rule (its state is kept)")
  public RuleView update(
      @PathParam("group") String group,
      @PathParam("name") String name,
      @NotNull RuleDefinition definition) {
    return rules.update(group, name, definition);
  }

  @DELETE
  @Path("/{group}/{name}")
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "Delete an API rule; its alerts resolve")
  public Response delete(@PathParam("group") String group, @PathParam("name") String name) {
    rules.delete(group, name);
    return Response.noContent().build();
  }
}
