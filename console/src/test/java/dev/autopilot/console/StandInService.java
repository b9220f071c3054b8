package dev.autopilot.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local HTTP receiver standing in for alert-, health-, backup- and deploy-service (one listener;
 * their paths do not overlap): records every request the console sends (method, path, the
 * Authorization header, body) and answers as the services do for the tokens the tests use.
 * notification-service is pointed at a closed port, to show an unreachable service.
 */
public class StandInService implements QuarkusTestResourceLifecycleManager {
  /** A recorded request. */
  public record Request(String method, String path, String authorization, String body) {}

  /** A scripted answer. */
  public record Answer(int status, String contentType, String body) {}

  public static final String VIEWER = "ap_viewer_token_0123456789";
  public static final String OPERATOR = "ap_operator_token_0123456789";
  public static final String ADMIN = "ap_admin_token_0123456789";

  public static final List<Request> REQUESTS = new CopyOnWriteArrayList<>();

  /** Answers by {@code METHOD path?query}, set by tests; checked before the built-in ones. */
  public static final Map<String, Answer> SCRIPT = new ConcurrentHashMap<>();

  private HttpServer server;

  @Override
  public Map<String, String> start() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    server.createContext("/", this::handle);
    server.start();
    String url = "http://127.0.0.1:" + server.getAddress().getPort();
    return Map.of(
        "console.services.alert", url,
        "console.services.health", url,
        "console.services.backup", url,
        "console.services.deploy", url,
        "console.services.notification", "http://127.0.0.1:1");
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getRawPath();
    String query = exchange.getRequestURI().getRawQuery();
    String target = query == null ? path : path + "?" + query;
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    REQUESTS.add(new Request(method, target, authorization, body));
    Answer answer = SCRIPT.get(method + " " + target);
    if (answer == null) {
      answer = builtIn(method, path, authorization);
    }
    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", answer.contentType());
    exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** What the real services answer to the console's identity probes and page reads. */
  private static Answer builtIn(String method, String path, String authorization) {
    String token =
        authorization != null && authorization.startsWith("Bearer ")
            ? authorization.substring(7)
            : null;
    if (!List.of(VIEWER, OPERATOR, ADMIN).contains(token)) {
      return problem(401, "Unauthorized", "a valid bearer token is required (API token or JWT)");
    }
    boolean operator = !token.equals(VIEWER);
    if (method.equals("POST") && path.equals("/alerts/00000000-0000-0000-0000-000000000000/ack")) {
      return operator
          ? problem(404, "Not Found", "alert 00000000-0000-0000-0000-000000000000 does not exist")
          : problem(403, "Forbidden", "role operator required");
    }
    if (path.equals("/audit")) {
      return token.equals(ADMIN) ? json(200, "[]") : problem(403, "Forbidden", "admin only");
    }
    if (method.equals("GET") && path.equals("/alerts")) {
      return json(200, "[]");
    }
    if (method.equals("GET") && path.equals("/silences")) {
      return json(200, "[]");
    }
    if (method.equals("POST") && !operator) {
      return problem(403, "Forbidden", "role operator required");
    }
    if (method.equals("POST")) {
      return json(200, "{}");
    }
    return problem(404, "Not Found", path + " is not scripted");
  }

  public static Answer json(int status, String body) {
    return new Answer(status, "application/json", body);
  }

  public static Answer problem(int status, String title, String detail) {
    return new Answer(
        status,
        "application/problem+json",
        "{\"type\":\"about:blank\",\"title\":\""
            + title
            + "\",\"status\":"
            + status
            + ",\"detail\":\""
            + detail
            + "\"}");
  }

  /** The requests to a path (with query) since the last {@link #REQUESTS} clear. */
  public static List<Request> to(String method, String target) {
    return REQUESTS.stream()
        .filter(r -> r.method().equals(method) && r.path().equals(target))
        .toList();
  }
}
