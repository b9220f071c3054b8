package dev.autopilot.console.web;

import dev.autopilot.console.client.ServiceException;
import dev.autopilot.console.session.CsrfException;
import dev.autopilot.console.session.NotSignedInException;
import dev.autopilot.console.session.Sessions;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Failures as readable pages: what the service said (its problem's title, detail and field errors),
 * never a stack trace. A 4xx from a service keeps its status; a 5xx or an unreachable service is a
 * 502.
 */
public class ErrorPages {
  private final Template error;
  private final Template signIn;
  private final Sessions sessions;

  ErrorPages(
      @Location("error.html") Template error,
      @Location("sign-in.html") Template signIn,
      Sessions sessions) {
    this.error = error;
    this.signIn = signIn;
    this.sessions = sessions;
  }

  @ServerExceptionMapper
  public Response service(ServiceException e) {
    int status = e.status() >= 400 && e.status() < 500 ? e.status() : 502;
    String heading =
        e.status() == 0
            ? e.title()
            : e.service().displayName() + " answered " + e.status() + ": " + e.title();
    return html(status, heading, e.detail(), e.errors());
  }

  @ServerExceptionMapper
  public Response form(FormException e) {
    return html(400, "The form has a mistake", null, List.of(e.getMessage()));
  }

  @ServerExceptionMapper
  public Response csrf(CsrfException e) {
    return html(
        403,
        "This form was not accepted",
        "It did not carry this session's CSRF token: it was sent from another page or site, or"
            + " you signed in again since it was shown. Reload the page and try again.",
        List.of());
  }

  @ServerExceptionMapper
  public Response notSignedIn(NotSignedInException e, HttpServerRequest request) {
    Response.ResponseBuilder response =
        Response.status(401)
            .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
            .entity(signIn.data("message", e.getMessage()).render());
    if (e.getMessage() != null) {
      response.cookie(sessions.expired(request));
    }
    return response.build();
  }

  private Response html(int status, String heading, String detail, List<String> errors) {
    return Response.status(status)
        .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
        .entity(
            error
                .data("status", status)
                .data("heading", heading)
                .data("detail", detail)
                .data("errors", errors)
                .render())
        .build();
  }
}
