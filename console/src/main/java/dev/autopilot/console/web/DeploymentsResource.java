package dev.autopilot.console.web;

import static dev.autopilot.console.client.ServiceClient.encode;

import dev.autopilot.console.client.Service;
import dev.autopilot.console.client.ServiceClient;
import dev.autopilot.console.session.Session;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Set;

/** Deployments timeline and one deployment's steps with their logs (deploy-service). */
@Path("/deployments")
@Produces(MediaType.TEXT_HTML)
public class DeploymentsResource {
  /** States deploy-service cancels (docs/deploy-service.md). */
  static final Set<String> CANCELLABLE =
      Set.of("QUEUED", "VALIDATING", "AWAITING_APPROVAL", "BACKING_UP");

  /** States deploy-service may roll back (a SUCCEEDED one only if it is the target's current). */
  static final Set<String> ROLLBACKABLE = Set.of("BAKING", "SUCCEEDED");

  private final Template deployments;
  private final Template deployment;
  private final Pages pages;
  private final ServiceClient client;

  DeploymentsResource(
      @Location("deployments.html") Template deployments,
      @Location("deployment.html") Template deployment,
      Pages pages,
      ServiceClient client) {
    this.deployments = deployments;
    this.deployment = deployment;
    this.pages = pages;
    this.client = client;
  }

  @GET
  public TemplateInstance list(@Context HttpHeaders headers) {
    Session session = pages.session(headers);
    return pages
        .page(deployments, session, "deployments", null)
        .data("deployments", pages.get(Service.DEPLOY, "/deployments?limit=50", session))
        .data("current", pages.get(Service.DEPLOY, "/targets/current", session));
  }

  @GET
  @Path("{id}")
  public TemplateInstance one(
      @PathParam("id") String id, @Context HttpHeaders headers, @QueryParam("done") String done) {
    Session session = pages.session(headers);
    @SuppressWarnings("unchecked")
    java.util.Map<String, Object> d =
        (java.util.Map<String, Object>)
            pages.get(Service.DEPLOY, "/deployments/" + encode(id), session);
    Object state = d.get("state");
    return pages
        .page(deployment, session, "deployments", done)
        .data("d", d)
        .data("canApprove", "AWAITING_APPROVAL".equals(state))
        .data("canCancel", CANCELLABLE.contains(state))
        .data("canRollBack", ROLLBACKABLE.contains(state));
  }

  @POST
  @Path("{id}/approve")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response approve(
      @PathParam("id") String id, @FormParam("csrf") String csrf, @Context HttpHeaders headers) {
    return act(id, "approve", csrf, headers, "approved");
  }

  @POST
  @Path("{id}/cancel")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response cancel(
      @PathParam("id") String id, @FormParam("csrf") String csrf, @Context HttpHeaders headers) {
    return act(id, "cancel", csrf, headers, "cancelled");
  }

  @POST
  @Path("{id}/rollback")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response rollback(
      @PathParam("id") String id,
      @FormParam("csrf") String csrf,
      @FormParam("reason") String reason,
      @Context HttpHeaders headers) {
    String query = reason == null || reason.isBlank() ? "" : "?reason=" + encode(reason.strip());
    return act(id, "rollback" + query, csrf, headers, "rolling-back");
  }

  private Response act(String id, String action, String csrf, HttpHeaders headers, String done) {
    Session session = pages.form(headers, csrf);
    client.send(
        Service.DEPLOY, "POST", "/deployments/" + encode(id) + "/" + action, session.token(), null);
    return Pages.seeOther("/deployments/" + encode(id) + "?done=" + done);
  }
}
