package dev.autopilot.console.web;

import dev.autopilot.console.session.NotSignedInException;
import dev.autopilot.console.session.Session;
import dev.autopilot.console.session.Sessions;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/**
 * Sign-in with an API token (or a JWT): the console asks the services whether they accept it and
 * keeps it in an HttpOnly, SameSite=Strict cookie (Secure over https). Sign-out clears it.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class SignInResource {
  private final Template signIn;
  private final Sessions sessions;
  private final Pages pages;

  SignInResource(@Location("sign-in.html") Template signIn, Sessions sessions, Pages pages) {
    this.signIn = signIn;
    this.sessions = sessions;
    this.pages = pages;
  }

  @GET
  public Response home() {
    return Pages.seeOther("/alerts");
  }

  @GET
  @Path("sign-in")
  public TemplateInstance form() {
    return signIn.data("message", null);
  }

  @POST
  @Path("sign-in")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response signIn(
      @FormParam("token") String token,
      @Context HttpHeaders headers,
      @Context HttpServerRequest request) {
    // A sign-in form posted from another site (login CSRF) carries that site's Origin.
    String origin = headers.getHeaderString("Origin");
    if (origin != null
        && !origin.equals("null")
        && !sameOrigin(origin, headers.getHeaderString("Host"))) {
      throw new NotSignedInException("Sign in from the console's own page.");
    }
    String trimmed = token == null ? "" : token.strip();
    if (trimmed.isEmpty() || trimmed.chars().anyMatch(c -> c <= ' ' || c == ';' || c == ',')) {
      throw new NotSignedInException("Paste an API token (ap_…) or a JWT.");
    }
    Session session = sessions.start(trimmed);
    return Response.seeOther(URI.create("/alerts"))
        .cookie(sessions.cookie(session, request))
        .build();
  }

  @POST
  @Path("sign-out")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response signOut(
      @FormParam("csrf") String csrf,
      @Context HttpHeaders headers,
      @Context HttpServerRequest request) {
    pages.form(headers, csrf);
    return Response.seeOther(URI.create("/sign-in")).cookie(sessions.expired(request)).build();
  }

  private static boolean sameOrigin(String origin, String host) {
    try {
      return host != null && host.equalsIgnoreCase(URI.create(origin).getAuthority());
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
