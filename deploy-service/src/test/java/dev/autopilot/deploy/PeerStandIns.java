package dev.autopilot.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Local HTTP receivers standing in for alert-service, health-service and backup-service on one
 * port. Each checks the wire format of docs/service-contracts.md (method, path, query, JSON body,
 * bearer token) and answers 400/401 when it is wrong, so a wrong call fails the saga visibly.
 *
 * <ul>
 *   <li>GET /alerts/gate: blocked (a firing P0) for service {@code gated}, open otherwise;
 *   <li>POST /checks: for service {@code sample} (or {@code
 *       {"targetId":"sample-<environment>-ready"}}), GETs the sample app's /ready in {@code
 *       DIR/sample-<environment>} (UP when 200); 404 problem for other services and target ids;
 *   <li>POST /backups/{id}/restore then POST /restores/{rid}/confirm: the two-step restore; each
 *       confirmed restore is recorded in {@code DIR/restores/<correlationId>} as "backupId
 *       restoreId".
 * </ul>
 */
final class PeerStandIns {
  static final String CLIENT_TOKEN = "test-suite-client-token";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final HttpServer server;
  private final HttpClient http = HttpClient.newHttpClient();
  private final Map<String, String[]> tickets = new ConcurrentHashMap<>();

  PeerStandIns(Path dir) {
    this.dir = dir;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  void stop() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String auth = exchange.getRequestHeaders().getFirst("Authorization");
      if (!("Bearer " + CLIENT_TOKEN).equals(auth)) {
        send(exchange, 401, "{\"title\":\"Unauthorized\"}");
        return;
      }
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath();
      if ("GET".equals(method) && "/alerts/gate".equals(path)) {
        gate(exchange);
      } else if ("POST".equals(method) && "/checks".equals(path)) {
        check(exchange);
      } else if ("POST".equals(method) && path.matches("/backups/[0-9a-f-]{36}/restore")) {
        restore(exchange, path.split("/")[2]);
      } else if ("POST".equals(method) && path.matches("/restores/[0-9a-f-]{36}/confirm")) {
        confirm(exchange, path.split("/")[2]);
      } else {
        send(exchange, 404, "{\"title\":\"Not Found\"}");
      }
    } catch (RuntimeException e) {
      send(exchange, 400, "{\"title\":\"Bad Request\",\"detail\":\"" + e.getMessage() + "\"}");
    }
  }

  private void gate(HttpExchange exchange) throws IOException {
    Map<String, String> query = query(exchange.getRequestURI());
    String service = required(query.get("service"), "service");
    String environment = required(query.get("environment"), "environment");
    boolean blocked = "gated".equals(service);
    send(
        exchange,
        200,
        "{\"service\":\""
            + service
            + "\",\"environment\":\""
            + environment
            + "\",\"blocked\":"
            + blocked
            + ",\"alerts\":"
            + (blocked
                ? "[{\"id\":\""
                    + UUID.randomUUID()
                    + "\",\"name\":\"HighErrorRate\","
                    + "\"severity\":\"P0\",\"state\":\"FIRING\","
                    + "\"startsAt\":\"2026-11-23T10:00:00Z\"}]"
                : "[]")
            + "}");
  }

  private void check(HttpExchange exchange) throws IOException {
    JsonNode body = jsonBody(exchange);
    String targetId = body.path("targetId").textValue();
    String service;
    String environment;
    if (targetId != null) {
      // {"targetId"} alone (a healthGate.targets entry): sample-<environment>-ready.
      if (body.has("service") || body.has("environment")) {
        send(exchange, 400, "{\"title\":\"targetId or service/environment, not both\"}");
        return;
      }
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("sample-([a-z]+)-ready").matcher(targetId);
      service = m.matches() ? "sample" : "unknown";
      environment = m.matches() ? m.group(1) : "unknown";
    } else {
      service = required(body.path("service").textValue(), "service");
      environment = required(body.path("environment").textValue(), "environment");
    }
    if (!"sample".equals(service)) {
      exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
      send(exchange, 404, "{\"title\":\"Not Found\",\"status\":404}");
      return;
    }
    boolean ok;
    String error = null;
    try {
      String port = Files.readString(dir.resolve("sample-" + environment).resolve("port")).strip();
      HttpResponse<Void> ready =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ready"))
                  .timeout(Duration.ofSeconds(2))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      ok = ready.statusCode() == 200;
      error = ok ? null : "HTTP " + ready.statusCode();
    } catch (IOException e) {
      ok = false;
      error = e.getClass().getSimpleName();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ok = false;
    }
    send(
        exchange,
        200,
        "{\"verdict\":\""
            + (ok ? "UP" : "DOWN")
            + "\",\"checkedAt\":\""
            + Instant.now()
            + "\",\"results\":[{\"targetId\":\"sample-"
            + environment
            + "-ready\",\"ok\":"
            + ok
            + ",\"durationMs\":3,\"error\":"
            + (error == null ? "null" : "\"" + error + "\"")
            + "}]}");
  }

  private void restore(HttpExchange exchange, String backupId) throws IOException {
    JsonNode body = jsonBody(exchange);
    if (!"original".equals(body.path("mode").textValue())) {
      throw new IllegalArgumentException("mode must be original");
    }
    String correlationId = required(body.path("correlationId").textValue(), "correlationId");
    UUID.fromString(correlationId);
    String restoreId = UUID.randomUUID().toString();
    String token = UUID.randomUUID().toString();
    tickets.put(restoreId, new String[] {token, backupId, correlationId});
    send(
        exchange,
        202,
        "{\"restoreId\":\""
            + restoreId
            + "\",\"confirmToken\":\""
            + token
            + "\",\"expiresAt\":\""
            + Instant.now().plusSeconds(300)
            + "\",\"status\":\"AWAITING_CONFIRMATION\"}");
  }

  private void confirm(HttpExchange exchange, String restoreId) throws IOException {
    JsonNode body = jsonBody(exchange);
    String[] ticket = tickets.remove(restoreId);
    if (ticket == null || !ticket[0].equals(body.path("confirmToken").textValue())) {
      send(exchange, 409, "{\"title\":\"Conflict\",\"detail\":\"unknown restore or token\"}");
      return;
    }
    Path restores = dir.resolve("restores");
    Files.createDirectories(restores);
    Files.writeString(restores.resolve(ticket[2]), ticket[1] + " " + restoreId);
    send(exchange, 202, "{\"restoreId\":\"" + restoreId + "\",\"status\":\"RUNNING\"}");
  }

  private static JsonNode jsonBody(HttpExchange exchange) throws IOException {
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    if (type == null || !type.startsWith("application/json")) {
      throw new IllegalArgumentException("Content-Type must be application/json");
    }
    return JSON.readTree(exchange.getRequestBody());
  }

  private static String required(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is required");
    }
    return value;
  }

  private static Map<String, String> query(URI uri) {
    Map<String, String> params = new ConcurrentHashMap<>();
    if (uri.getRawQuery() != null) {
      for (String pair : uri.getRawQuery().split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          params.put(
              pair.substring(0, eq),
              java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return params;
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    if (exchange.getResponseHeaders().getFirst("Content-Type") == null) {
      exchange.getResponseHeaders().set("Content-Type", "application/json");
    }
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }
}
