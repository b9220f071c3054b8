package dev.autopilot.console.web;

import static dev.autopilot.console.client.ServiceClient.encode;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Live alerts (alert-service): acknowledge, give back, silence; silences: create, expire. */
@Path("/alerts")
@Produces(MediaType.TEXT_HTML)
public class AlertsResource {
  /** The states of an alert that is still open, in the order the page lists them. */
  private static final List<String> OPEN =
      List.of("FIRING", "ACKNOWLEDGED", "PENDING", "SUPPRESSED");

  private final Template alerts;
  private final Pages pages;
  private final ServiceClient client;

  AlertsResource(@Location("alerts.html") Template alerts, Pages pages, ServiceClient client) {
    this.alerts = alerts;
    this.pages = pages;
    this.client = client;
  }

  @GET
  public TemplateInstance list(@Context HttpHeaders headers, @QueryParam("done") String done) {
    Session session = pages.session(headers);
    List<Object> open = new ArrayList<>();
    for (String state : OPEN) {
      open.addAll((List<?>) pages.get(Service.ALERT, "/alerts?limit=200&state=" + state, session));
    }
    List<Object> silences = new ArrayList<>();
    for (String status : List.of("active", "pending")) {
      silences.addAll((List<?>) pages.get(Service.ALERT, "/silences?status=" + status, session));
    }
    Object resolved = pages.get(Service.ALERT, "/alerts?limit=10&state=RESOLVED", session);
    return pages
        .page(alerts, session, "alerts", done)
        .data("alerts", open)
        .data("silences", silences)
        .data("resolved", resolved);
  }

  @POST
  @Path("{id}/ack")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response ack(
      @PathParam("id") String id, @FormParam("csrf") String csrf, @Context HttpHeaders headers) {
    Session session = pages.form(headers, csrf);
    client.send(Service.ALERT, "POST", "/alerts/" + encode(id) + "/ack", session.token(), null);
    return Pages.seeOther("/alerts?done=acknowledged");
  }

  @POST
  @Path("{id}/unack")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response unack(
      @PathParam("id") String id, @FormParam("csrf") String csrf, @Context HttpHeaders headers) {
    Session session = pages.form(headers, csrf);
    client.send(Service.ALERT, "POST", "/alerts/" + encode(id) + "/unack", session.token(), null);
    return Pages.seeOther("/alerts?done=unacknowledged");
  }

  /**
   * A silence: of one alert's labels ({@code alert} = its id) or of the written {@code matchers};
   * from now for {@code duration} (ISO-8601 or {@code 30m}, {@code 2h}, {@code 1d}).
   */
  @POST
  @Path("silences")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response silence(
      @FormParam("csrf") String csrf,
      @FormParam("alert") String alertId,
      @FormParam("matchers") String matchers,
      @FormParam("duration") String duration,
      @FormParam("comment") String comment,
      @Context HttpHeaders headers) {
    Session session = pages.form(headers, csrf);
    List<Map<String, Object>> parsed;
    if (alertId != null && !alertId.isBlank()) {
      JsonNode alert =
          client.get(Service.ALERT, "/alerts/" + encode(alertId.strip()), session.token());
      parsed = Matchers.equalTo((Map<?, ?>) pages.plain(alert.path("labels")));
    } else {
      try {
        parsed = Matchers.parse(matchers);
      } catch (IllegalArgumentException e) {
        throw badForm("matchers", e.getMessage());
      }
    }
    Duration length = duration(duration);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("matchers", parsed);
    body.put("endsAt", Instant.now().plus(length).toString());
    body.put("comment", comment == null ? "" : comment.strip());
    client.send(Service.ALERT, "POST", "/silences", session.token(), body);
    return Pages.seeOther("/alerts?done=silenced");
  }

  @POST
  @Path("silences/{id}/expire")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response expire(
      @PathParam("id") String id, @FormParam("csrf") String csrf, @Context HttpHeaders headers) {
    Session session = pages.form(headers, csrf);
    client.send(
        Service.ALERT, "POST", "/silences/" + encode(id) + "/expire", session.token(), null);
    return Pages.seeOther("/alerts?done=expired");
  }

  static Duration duration(String text) {
    String value = text == null ? "" : text.strip().toLowerCase(java.util.Locale.ROOT);
    try {
      Duration parsed;
      if (value.startsWith("p")) {
        parsed = Duration.parse(value.toUpperCase(java.util.Locale.ROOT));
      } else if (value.matches("[0-9]{1,5}[mhd]")) {
        long n = Long.parseLong(value.substring(0, value.length() - 1));
        parsed =
            switch (value.charAt(value.length() - 1)) {
              case 'm' -> Duration.ofMinutes(n);
              case 'h' -> Duration.ofHours(n);
              default -> Duration.ofDays(n);
            };
      } else {
        throw badForm("duration", "use 30m, 2h, 1d or ISO-8601 (PT2H), got '" + text + "'");
      }
      if (parsed.isNegative() || parsed.isZero()) {
        throw badForm("duration", "must be positive");
      }
      return parsed;
    } catch (DateTimeParseException e) {
      throw badForm("duration", "use 30m, 2h, 1d or ISO-8601 (PT2H), got '" + text + "'");
    }
  }

  static FormException badForm(String field, String message) {
    return new FormException(field, message);
  }
}
