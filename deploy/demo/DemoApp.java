import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The demo target that Runbook Autopilot watches, alerts on and deploys locally.
 *
 * <p>Run with the JDK source launcher, no dependencies: {@code java deploy/demo/DemoApp.java}.
 *
 * <p>Environment:
 *
 * <ul>
 *   <li>{@code DEMO_PORT} (default 18080): port on 127.0.0.1
 *   <li>{@code DEMO_VERSION} (default 1.0.0): the version it reports
 *   <li>{@code DEMO_ERROR_RATE} (default 0): fraction 0..1 of {@code GET /} requests answered 500
 * </ul>
 *
 * <p>Endpoints: {@code GET /health}, {@code GET /ready}, {@code GET /metrics} (Prometheus text),
 * {@code GET /version}, {@code GET /} (a "business" endpoint that fails at the error rate), and
 * {@code POST /admin/error-rate?value=0.5} to change the error rate while it runs.
 */
public final class DemoApp {

  private static final String JSON = "application/json; charset=utf-8";
  private static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";

  private final String version;
  private final Instant started = Instant.now();
  private final Map<Integer, AtomicLong> requestsByStatus = new ConcurrentHashMap<>();
  private volatile double errorRate;

  private DemoApp(String version, double errorRate) {
    this.version = version;
    this.errorRate = errorRate;
    // Always exported, even before the first such answer, so rate() queries work from the start.
    requestsByStatus.put(200, new AtomicLong());
    requestsByStatus.put(500, new AtomicLong());
  }

  public static void main(String[] args) throws IOException {
    int port = Integer.parseInt(env("DEMO_PORT", "18080"));
    String version = env("DEMO_VERSION", "1.0.0");
    if (!version.matches("[A-Za-z0-9._-]{1,64}")) {
      System.err.println("DEMO_VERSION must match ^[A-Za-z0-9._-]{1,64}$");
      System.exit(2);
    }
    double errorRate = clamp(Double.parseDouble(env("DEMO_ERROR_RATE", "0")));
    new DemoApp(version, errorRate).start(port);
  }

  private void start(int port) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> server.stop(0), "demo-shutdown"));
    System.out.printf(
        "%s demo app version %s listening on http://127.0.0.1:%d (error rate %.2f)%n",
        Instant.now(), version, port, errorRate);
  }

  private void handle(HttpExchange exchange) throws IOException {
    int status;
    try (exchange) {
      status = route(exchange);
    } catch (RuntimeException e) {
      status = 500;
    }
    requestsByStatus.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
  }

  private int route(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getPath();
    boolean get = "GET".equals(method) || "HEAD".equals(method);
    if (get && "/health".equals(path)) {
      return send(exchange, 200, JSON, "{\"status\":\"UP\"}");
    }
    if (get && "/ready".equals(path)) {
      return send(exchange, 200, JSON, "{\"status\":\"READY\",\"version\":\"" + version + "\"}");
    }
    if (get && "/version".equals(path)) {
      return send(exchange, 200, JSON, "{\"version\":\"" + version + "\"}");
    }
    if (get && "/metrics".equals(path)) {
      return send(exchange, 200, PROMETHEUS, metrics());
    }
    if (get && "/".equals(path)) {
      if (ThreadLocalRandom.current().nextDouble() < errorRate) {
        return send(exchange, 500, JSON, "{\"error\":\"injected failure\"}");
      }
      return send(exchange, 200, JSON, "{\"app\":\"demo\",\"version\":\"" + version + "\"}");
    }
    if ("POST".equals(method) && "/admin/error-rate".equals(path)) {
      String value = query(exchange.getRequestURI()).get("value");
      try {
        errorRate = clamp(Double.parseDouble(value == null ? "" : value));
      } catch (NumberFormatException e) {
        return send(exchange, 400, JSON, "{\"error\":\"value must be a number 0..1\"}");
      }
      return send(exchange, 200, JSON, "{\"errorRate\":" + errorRate + "}");
    }
    return send(exchange, 404, JSON, "{\"error\":\"not found\"}");
  }

  private String metrics() {
    StringBuilder out = new StringBuilder();
    out.append("# HELP demo_http_requests_total HTTP requests answered, by status code.\n");
    out.append("# TYPE demo_http_requests_total counter\n");
    new TreeMap<>(requestsByStatus)
        .forEach(
            (status, count) ->
                out.append("demo_http_requests_total{status=\"")
                    .append(status)
                    .append("\"} ")
                    .append(count.get())
                    .append('\n'));
    out.append("# HELP demo_version_info The running version of the demo app.\n");
    out.append("# TYPE demo_version_info gauge\n");
    out.append("demo_version_info{version=\"").append(version).append("\"} 1\n");
    out.append("# HELP demo_error_rate Configured fraction of GET / requests answered 500.\n");
    out.append("# TYPE demo_error_rate gauge\n");
    out.append("demo_error_rate ").append(errorRate).append('\n');
    out.append("# HELP demo_start_time_seconds Start time of the process since unix epoch.\n");
    out.append("# TYPE demo_start_time_seconds gauge\n");
    out.append("demo_start_time_seconds ").append(started.getEpochSecond()).append('\n');
    return out.toString();
  }

  private static int send(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    if ("HEAD".equals(exchange.getRequestMethod())) {
      exchange.sendResponseHeaders(status, -1);
      return status;
    }
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream os = exchange.getResponseBody()) {
      os.write(bytes);
    }
    return status;
  }

  private static Map<String, String> query(URI uri) {
    Map<String, String> params = new TreeMap<>();
    String raw = uri.getRawQuery();
    if (raw == null) {
      return params;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        params.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }
    return params;
  }

  private static double clamp(double rate) {
    return Math.max(0.0, Math.min(1.0, rate));
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
