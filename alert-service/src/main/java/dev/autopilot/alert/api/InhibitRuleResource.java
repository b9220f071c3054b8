package dev.autopilot.alert.api;

import dev.autopilot.alert.inhibit.InhibitRuleRequest;
import dev.autopilot.alert.inhibit.InhibitRuleService;
import dev.autopilot.alert.store.InhibitRuleRecord;
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
 * Inhibit rules in Alertmanager's configuration shape ({@code source_matchers}, {@code
 * target_matchers}, {@code equal}): read (viewer), create, change and delete (operator, like
 * silences). Rules from {@code alert.inhibit.rules-file} are listed as {@code file:<i>}, read-only.
 */
@Path("/inhibit-rules")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "inhibit rules")
public class InhibitRuleResource {
  private final InhibitRuleService rules;
  private final SecurityIdentity identity;

  public InhibitRuleResource(InhibitRuleService rules, SecurityIdentity identity) {
    this.rules = rules;
    this.identity = identity;
  }

  @GET
  @RolesAllowed(Roles.VIEWER)
  @Operation(summary = "Inhibit rules in force: the rules file's, then the API's")
  public List<InhibitRuleRecord> list() {
    return rules.list();
  }

  @GET
  @Path("/{id}")
  @RolesAllowed(Roles.VIEWER)
  @Operation(summary = "One inhibit rule")
  public InhibitRuleRecord get(@PathParam("id") String id) {
    return rules.find(id);
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.OPERATOR)
  @Operation(
      summary =
          "Create an inhibit rule; it applies at once to active alerts. 400 names the field"
              + " (source_matchers[i], target_matchers[i], equal[i])")
  public Response create(@NotNull InhibitRuleRequest request) {
    InhibitRuleRecord created = rules.create(request, identity.getPrincipal().getName());
    return Response.created(URI.create("/inhibit-rules/" + created.id())).entity(created).build();
  }

  @PUT
  @Path("/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.OPERATOR)
  @Operation(summary = "Replace an inhibit rule made through the API (409 for the file's)")
  public InhibitRuleRecord update(@PathParam("id") String id, @NotNull InhibitRuleRequest request) {
    return rules.update(id, request, identity.getPrincipal().getName());
  }

  @DELETE
  @Path("/{id}")
  @RolesAllowed(Roles.OPERATOR)
  @Operation(summary = "Delete an inhibit rule made through the API; the alerts it held go back")
  public Response delete(@PathParam("id") String id) {
    rules.delete(id, identity.getPrincipal().getName());
    return Response.noContent().build();
  }
}
