package dev.autopilot.e2e;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A monitored service the test switches between healthy and down: {@code GET /health} answers 200
 * {@code {"status":"UP"}} or 503 {@code {"status":"DOWN"}}. A real HTTP server on a loopback port,
 * probed by health-service like any target; unlike the demo app it is not started again by {@code
 * ./autopilot up}, so an outage can outlive a restart of health-service.
 */
final class SwitchableTarget implements AutoCloseable {
  private final HttpServer server;
  private final AtomicBoolean healthy = new AtomicBoolean(true);

  private SwitchableTarget(HttpServer server) {
    this.server = server;
  }

  static SwitchableTarget start() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    SwitchableTarget target = new SwitchableTarget(server);
    server.createContext(
        "/health",
        exchange -> {
          boolean up = target.healthy.get();
          byte[] body =
              ("{\"status\":\"" + (up ? "UP" : "DOWN") + "\"}").getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(up ? 200 : 503, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    return target;
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/health";
  }

  void healthy(boolean up) {
    healthy.set(up);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
