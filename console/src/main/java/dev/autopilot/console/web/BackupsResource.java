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
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Backups, sources and restore-drill results (backup-service); start a drill. */
@Path("/backups")
@Produces(MediaType.TEXT_HTML)
public class BackupsResource {
  private final Template backups;
  private final Pages pages;
  private final ServiceClient client;

  BackupsResource(@Location("backups.html") Template backups, Pages pages, ServiceClient client) {
    this.backups = backups;
    this.pages = pages;
    this.client = client;
  }

  @GET
  public TemplateInstance list(@Context HttpHeaders headers, @QueryParam("done") String done) {
    Session session = pages.session(headers);
    return pages
        .page(backups, session, "backups", done)
        .data("backups", pages.get(Service.BACKUP, "/backups?limit=50", session))
        .data("sources", pages.get(Service.BACKUP, "/sources", session))
        .data("drills", pages.get(Service.BACKUP, "/drills?limit=20", session));
  }

  @POST
  @Path("drills")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response drill(
      @FormParam("csrf") String csrf,
      @FormParam("source") String source,
      @Context HttpHeaders headers) {
    Session session = pages.form(headers, csrf);
    if (source == null || source.isBlank()) {
      throw new FormException("source", "choose a source");
    }
    client.send(
        Service.BACKUP, "POST", "/drills?source=" + encode(source.strip()), session.token(), null);
    return Pages.seeOther("/backups?done=drill");
  }
}
