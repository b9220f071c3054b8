package dev.autopilot.console.web;

import dev.autopilot.console.client.Service;
import dev.autopilot.console.session.Session;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

/** Health targets and their current state (health-service {@code GET /targets}). */
@Path("/targets")
@Produces(MediaType.TEXT_HTML)
public class TargetsResource {
  private final Template targets;
  private final Pages pages;

  TargetsResource(@Location("targets.html") Template targets, Pages pages) {
    this.targets = targets;
    this.pages = pages;
  }

  @GET
  public TemplateInstance list(@Context HttpHeaders headers) {
    Session session = pages.session(headers);
    return pages
        .page(targets, session, "targets", null)
        .data("targets", pages.get(Service.HEALTH, "/targets", session));
  }
}
