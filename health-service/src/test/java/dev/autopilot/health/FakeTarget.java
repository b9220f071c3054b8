package dev.autopilot.health;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server for probes to hit, on a free port of 127.0.0.1. {@code GET /ready} answers the
 * switchable status, {@code GET /live} always 200, {@code GET /slow} after 2 s, {@code
 * /health/ready} a JSON body, {@code /flap} 200 and 503 in turn, {@code /auth} 200 only with the
 * probe token. The test switches /ready over HTTP ({@code POST /control?ready=503}, {@code POST
 * /control?fail-next=1}), so it works whatever class loader the test and this server live in.
 */
final class FakeTarget implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final AtomicInteger readyStatus = new AtomicInteger(200);
  private final AtomicInteger failNext = new AtomicInteger();
  private final java.util.concurrent.atomic.AtomicReference<String> jsonStatus =
      new java.util.concurrent.atomic.AtomicReference<>("Healthy");
  private final AtomicInteger flaps = new AtomicInteger();

  private FakeTarget(HttpServer server) {
    this.server = server;
  }

  /** Starts the server on a free port. */
  static FakeTarget start() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    FakeTarget target = new FakeTarget(server);
    server.createContext("/ready", target::ready);
    server.createContext("/live", exchange -> answer(exchange, 200, "live"));
    server.createContext("/slow", target::slow);
    server.createContext("/control", target::control);
    server.createContext("/health/ready", target::json);
    server.createContext(
        "/flap",
        exchange -> answer(exchange, target.flaps.getAndIncrement() % 2 == 0 ? 200 : 503, "flap"));
    server.createContext("/auth", FakeTarget::auth);
    server.setExecutor(target.executor);
    server.start();
    return target;
  }

  /** The port the server listens on. */
  int port() {
    return server.getAddress().getPort();
  }

  private void ready(HttpExchange exchange) throws IOException {
    int status = failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 503 : readyStatus.get();
    answer(exchange, status, status == 200 ? "ready" : "not ready");
  }

  /** MaintainUK's readiness: {"status":"Healthy"} (switchable with ?json-status=...). */
  private void json(HttpExchange exchange) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    answer(exchange, 200, "{\"status\":\"" + jsonStatus.get() + "\"}");
  }

  /** 200 only with the probe token the test configures as IT_PROBE_TOKEN. */
  private static void auth(HttpExchange exchange) throws IOException {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    answer(exchange, "Bearer it-s3cret".equals(header) ? 200 : 401, "auth");
  }

  private void slow(HttpExchange exchange) throws IOException {
    try {
      // Not a wait in the test: this is the slow server the probe-timeout test needs to face.
      Thread.sleep(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    answer(exchange, 200, "slow");
  }

  private void control(HttpExchange exchange) throws IOException {
    String query = exchange.getRequestURI().getQuery();
    if (!"POST".equals(exchange.getRequestMethod()) || query == null) {
      answer(exchange, 400, "POST /control?ready=<status> or ?fail-next=<n>");
      return;
    }
    for (String pair : query.split("&")) {
      String[] kv = pair.split("=", 2);
      switch (kv[0]) {
        case "ready" -> readyStatus.set(Integer.parseInt(kv[1]));
        case "fail-next" -> failNext.set(Integer.parseInt(kv[1]));
        case "json-status" -> jsonStatus.set(kv[1]);
        default -> {
          answer(exchange, 400, "unknown control " + kv[0]);
          return;
        }
      }
    }
    answer(exchange, 204, "");
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
