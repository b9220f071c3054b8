import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * deploy-service's test target, started by its deploy command like deploy/demo/DemoApp.java:
 * GET /health, /ready, /version on 127.0.0.1:$SAMPLE_PORT. A 3.x version ($SAMPLE_VERSION starting
 * with "3") is broken: /ready answers 503.
 */
public final class SampleApp {
  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(System.getenv("SAMPLE_PORT"));
    String version = System.getenv("SAMPLE_VERSION");
    boolean broken = version.startsWith("3");
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
    server.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          int status;
          String body;
          switch (path) {
            case "/health" -> {
              status = 200;
              body = "{\"status\":\"UP\"}";
            }
            case "/ready" -> {
              status = broken ? 503 : 200;
              body = "{\"ready\":" + !broken + ",\"version\":\"" + version + "\"}";
            }
            case "/version" -> {
              status = 200;
              body = "{\"version\":\"" + version + "\"}";
            }
            default -> {
              status = 404;
              body = "{}";
            }
          }
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(status, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
    System.out.println("sample app " + version + " on " + port);
  }
}
