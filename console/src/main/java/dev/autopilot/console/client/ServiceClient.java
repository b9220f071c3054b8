package dev.autopilot.console.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autopilot.console.config.ConsoleConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Calls the services' REST APIs with the signed-in user's bearer token (JDK HttpClient, JSON with
 * Jackson). Authorization is the services' job: a 401/403 comes back as a {@link ServiceException}
 * like any other refusal.
 */
@ApplicationScoped
public class ServiceClient {
  private static final Logger LOG = Logger.getLogger(ServiceClient.class);

  private final ConsoleConfig config;
  private final ObjectMapper json;
  private final HttpClient http;

  ServiceClient(ConsoleConfig config, ObjectMapper json) {
    this.config = config;
    this.json = json;
    this.http =
        HttpClient.newBuilder()
            // Plain HTTP/1.1 keep-alive: no h2c upgrade dance with each new connection.
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(config.requestTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** A raw answer: status and body. */
  public record Reply(int status, String body) {}

  /** GET, expecting a 2xx JSON answer. */
  public JsonNode get(Service service, String pathAndQuery, String token) {
    return expectOk(service, call(service, "GET", pathAndQuery, token, null));
  }

  /** A mutating call (body serialised as JSON when not null), expecting a 2xx answer. */
  public JsonNode send(
      Service service, String method, String pathAndQuery, String token, Object body) {
    return expectOk(service, call(service, method, pathAndQuery, token, body));
  }

  /** Any call; only an unreachable service throws. */
  public Reply call(
      Service service, String method, String pathAndQuery, String token, Object body) {
    URI uri = URI.create(baseUrl(service) + pathAndQuery);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(config.requestTimeout())
            .header("Accept", "application/json, application/problem+json");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      try {
        request
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException("cannot serialise the request body", e);
      }
    }
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Reply(response.statusCode(), response.body());
    } catch (IOException e) {
      LOG.warnf("%s %s %s failed: %s", service.displayName(), method, uri, e.toString());
      throw new ServiceException(
          service,
          0,
          service.displayName() + " is unreachable",
          "No answer from " + baseUrl(service) + " (" + e.getClass().getSimpleName() + ").",
          List.of());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServiceException(
          service,
          0,
          "Interrupted",
          "The call to " + service.displayName() + " was interrupted.",
          List.of());
    }
  }

  /** Base URL of a service, without a trailing slash. */
  public String baseUrl(Service service) {
    String url =
        switch (service) {
          case HEALTH -> config.services().health();
          case ALERT -> config.services().alert();
          case NOTIFICATION -> config.services().notification();
          case BACKUP -> config.services().backup();
          case DEPLOY -> config.services().deploy();
        };
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** One path segment or query value, percent-encoded. */
  public static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private JsonNode expectOk(Service service, Reply reply) {
    if (reply.status() >= 200 && reply.status() < 300) {
      if (reply.body() == null || reply.body().isBlank()) {
        return json.nullNode();
      }
      try {
        return json.readTree(reply.body());
      } catch (JsonProcessingException e) {
        throw new ServiceException(
            service,
            reply.status(),
            "Unreadable answer",
            service.displayName()
                + " answered "
                + reply.status()
                + " with a body that is not JSON.",
            List.of());
      }
    }
    throw problem(service, reply);
  }

  /** The service's problem+json as an exception; a non-problem body is not shown. */
  ServiceException problem(Service service, Reply reply) {
    String title = "HTTP " + reply.status();
    String detail = null;
    List<String> errors = new ArrayList<>();
    try {
      JsonNode body = reply.body() == null ? null : json.readTree(reply.body());
      if (body != null && body.isObject()) {
        title = body.path("title").asText(title);
        detail = body.hasNonNull("detail") ? body.get("detail").asText() : null;
        for (JsonNode error : body.path("errors")) {
          errors.add(error.path("field").asText() + ": " + error.path("message").asText());
        }
      }
    } catch (JsonProcessingException e) {
      // Not a problem document (a proxy's HTML page, say): only the status is shown.
    }
    return new ServiceException(service, reply.status(), title, detail, errors);
  }
}
