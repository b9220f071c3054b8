package dev.autopilot.alert;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local HTTP receiver answering Prometheus's {@code GET /api/v1/query} with a canned body, and
 * recording the queries it received (the real wire format: query and time parameters).
 */
public final class FakePrometheus {
  private static HttpServer server;
  private static volatile int status = 200;
  private static volatile String body =
      "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}";
  private static volatile String proxy;
  static final List<String> QUERIES = new CopyOnWriteArrayList<>();

  private FakePrometheus() {}

  /** Starts once per JVM; returns its base URL. */
  static synchronized String start() {
    if (server == null) {
      try {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      server.createContext(
          "/api/v1/query",
          exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            QUERIES.add(query == null ? "" : URLDecoder.decode(query, StandardCharsets.UTF_8));
            int code = status;
            byte[] answer = body.getBytes(StandardCharsets.UTF_8);
            String forward = proxy;
            if (forward != null) {
              // Pass the query through to a real Prometheus, unchanged.
              try {
                HttpResponse<byte[]> real =
                    HttpClient.newHttpClient()
                        .send(
                            HttpRequest.newBuilder(URI.create(forward + "/api/v1/query?" + query))
                                .build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                code = real.statusCode();
                answer = real.body();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                code = 502;
              }
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(code, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(answer);
            }
          });
      server.start();
    }
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Forwards queries to a real Prometheus at this base URL (null: answer the canned body). */
  static void proxyTo(String baseUrl) {
    proxy = baseUrl;
  }

  /** The next answers. */
  static void answer(int httpStatus, String json) {
    status = httpStatus;
    body = json;
  }
}
