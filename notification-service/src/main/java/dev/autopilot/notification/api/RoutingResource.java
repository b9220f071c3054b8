package dev.autopilot.notification.api;

import dev.autopilot.notification.route.CompiledRouting;
import dev.autopilot.notification.route.Router;
import dev.autopilot.notification.route.RoutingDocuments;
import dev.autopilot.platform.problem.ProblemException;
import dev.autopilot.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The routing document (receivers, routing tree, time intervals): viewers read it, admins replace
 * it. It holds only environment-variable names for secrets, so reading it reveals none.
 */
@Path("/routing")
@Tag(name = "routing")
public class RoutingResource {
  private static final String YAML = "application/yaml";
  private final Router router;

  public RoutingResource(Router router) {
    this.router = router;
  }

  @GET
  @RolesAllowed(Roles.VIEWER)
  @Operation(summary = "The routing in force, as JSON (default) or YAML (?format=yaml)")
  public Response get(@QueryParam("format") String format) {
    return render(router.current(), format);
  }

  @PUT
  @RolesAllowed(Roles.ADMIN)
  @Consumes({
    YAML,
    "application/x-yaml",
    "text/yaml",
    MediaType.TEXT_PLAIN,
    MediaType.APPLICATION_JSON
  })
  @Operation(
      summary =
          "Replace the routing (YAML or JSON); 400 naming every wrong path and field, e.g."
              + " route.routes[1].matchers[0]")
  public Response put(
      String body, @QueryParam("format") String format, @Context SecurityContext who) {
    String by = who.getUserPrincipal() == null ? null : who.getUserPrincipal().getName();
    return render(router.replace(body, by), format);
  }

  private static Response render(CompiledRouting routing, String format) {
    if (format == null || format.isBlank() || "json".equalsIgnoreCase(format)) {
      return Response.ok(RoutingDocuments.json(routing.source()), MediaType.APPLICATION_JSON)
          .build();
    }
    if ("yaml".equalsIgnoreCase(format)) {
      return Response.ok(RoutingDocuments.yaml(routing.source()), YAML).build();
    }
    throw ProblemException.badField("format", "must be json or yaml");
  }
}
