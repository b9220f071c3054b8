package dev.autopilot.console.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autopilot.console.client.Service;
import dev.autopilot.console.client.ServiceClient;
import dev.autopilot.console.config.ConsoleConfig;
import dev.autopilot.console.session.Session;
import dev.autopilot.console.session.Sessions;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Map;

/** What every page shares: the session from the cookie, the layout's data, redirects. */
@ApplicationScoped
public class Pages {
  /** Fixed messages shown after an action ({@code ?done=<code>}); unknown codes show nothing. */
  private static final Map<String, String> DONE =
      Map.ofEntries(
          Map.entry("acknowledged", "Alert acknowledged."),
          Map.entry("unacknowledged", "Alert given back (firing again)."),
          Map.entry("silenced", "Silence created."),
          Map.entry("expired", "Silence expired."),
          Map.entry("approved", "Deployment approved."),
          Map.entry("cancelled", "Deployment cancelled."),
          Map.entry("rolling-back", "Rollback started."),
          Map.entry("drill", "Restore drill started."));

  private final Sessions sessions;
  private final ServiceClient client;
  private final ConsoleConfig config;
  private final ObjectMapper json;

  Pages(Sessions sessions, ServiceClient client, ConsoleConfig config, ObjectMapper json) {
    this.sessions = sessions;
    this.client = client;
    this.config = config;
    this.json = json;
  }

  /** The signed-in session of a page request. */
  public Session session(HttpHeaders headers) {
    return sessions.require(cookie(headers));
  }

  /** The signed-in session of a form post, with its CSRF token checked. */
  public Session form(HttpHeaders headers, String csrf) {
    return sessions.requireForm(cookie(headers), csrf);
  }

  /** The sign-in cookie's value, or null. */
  public String cookie(HttpHeaders headers) {
    Cookie cookie = headers.getCookies().get(sessions.cookieName());
    return cookie == null ? null : cookie.getValue();
  }

  /** A page with the layout's data: session, navigation, status page link, done message. */
  public TemplateInstance page(Template template, Session session, String nav, String done) {
    return template
        .data("session", session)
        .data("nav", nav)
        .data("statusPage", statusPageUrl())
        .data("done", done == null ? null : DONE.get(done));
  }

  /** GET, as plain maps and lists for the templates. */
  public Object get(Service service, String path, Session session) {
    return plain(client.get(service, path, session.token()));
  }

  /** JSON as maps, lists and scalars (what Qute reads). */
  public Object plain(JsonNode node) {
    return json.convertValue(node, Object.class);
  }

  /** The public status page as a browser reaches it. */
  public String statusPageUrl() {
    return config.statusPageUrl().orElse(client.baseUrl(Service.HEALTH) + "/status");
  }

  /** 303 See Other to a console path (after a form post). */
  public static Response seeOther(String path) {
    return Response.seeOther(URI.create(path)).build();
  }
}
