package dev.autopilot.console.web;

import static dev.autopilot.console.client.ServiceClient.encode;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * On-call now (notification-service): who each schedule of the routing in force names at this
 * moment, where the root route sends everything, and the latest escalations. notification-service
 * has no "all schedules now" call, so the schedules are read from {@code GET /routing}.
 */
@Path("/oncall")
@Produces(MediaType.TEXT_HTML)
public class OnCallResource {
  private final Template oncall;
  private final Pages pages;

  OnCallResource(@Location("oncall.html") Template oncall, Pages pages) {
    this.oncall = oncall;
    this.pages = pages;
  }

  @GET
  public TemplateInstance show(@Context HttpHeaders headers) {
    Session session = pages.session(headers);
    Map<?, ?> routing =
        (Map<?, ?>) pages.get(Service.NOTIFICATION, "/routing?format=json", session);
    List<Object> now = new ArrayList<>();
    if (routing.get("schedules") instanceof List<?> schedules) {
      for (Object schedule : schedules) {
        Object name = ((Map<?, ?>) schedule).get("name");
        now.add(
            pages.get(Service.NOTIFICATION, "/oncall/" + encode(String.valueOf(name)), session));
      }
    }
    Object route = routing.get("route");
    return pages
        .page(oncall, session, "oncall", null)
        .data("oncall", now)
        .data("rootReceiver", route instanceof Map<?, ?> r ? r.get("receiver") : null)
        .data("receivers", routing.get("receivers"))
        .data("escalations", pages.get(Service.NOTIFICATION, "/escalations?limit=20", session));
  }
}
