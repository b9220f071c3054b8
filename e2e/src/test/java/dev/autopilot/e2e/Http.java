package dev.autopilot.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small JSON client for the services' APIs. */
final class Http {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A response: status and parsed JSON body (null when not JSON). */
  record Reply(int status, JsonNode body, String text) {}

  private Http() {}

  static Reply get(int port, String path, String token) throws IOException, InterruptedException {
    return send(request(port, path, token).GET().build());
  }

  static Reply post(int port, String path, String token, String json)
      throws IOException, InterruptedException {
    return send(
        request(port, path, token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  /** Any method; a non-null body is sent as JSON. */
  static Reply send(String method, int port, String path, String token, String json)
      throws IOException, InterruptedException {
    HttpRequest.Builder builder = request(port, path, token);
    if (json == null) {
      builder.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      builder
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(json));
    }
    return send(builder.build());
  }

  /** A raw exchange: status, Content-Type and body text. */
  record RawReply(int status, String contentType, String text) {}

  /**
   * Any method with any body bytes and Content-Type (null: no header), over HTTP/1.1, with {@code
   * Expect: 100-continue} when asked (so a server refusing a too-large body answers before it reads
   * it, as curl does for big bodies).
   */
  static RawReply raw(
      String method,
      int port,
      String path,
      String token,
      String contentType,
      byte[] body,
      boolean expectContinue,
      Duration timeout)
      throws IOException, InterruptedException {
    HttpRequest.Builder builder =
        request(port, path, token)
            .version(HttpClient.Version.HTTP_1_1)
            .timeout(timeout)
            .expectContinue(expectContinue)
            .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      builder.header("Content-Type", contentType);
    }
    HttpResponse<String> response =
        RAW_CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    return new RawReply(
        response.statusCode(),
        response.headers().firstValue("Content-Type").orElse(""),
        response.body());
  }

  /**
   * A request whose body is over the server's limit, over a plain socket: the request line and
   * headers (with {@code Content-Length}, and {@code Expect: 100-continue} when asked) are written
   * first, the body from another thread while the answer is read, as curl does. The JDK client
   * cannot be used for this: it writes the whole body before it reads anything, and a server that
   * refuses the body after its headers stops reading, so the client blocks until its timeout.
   */
  static RawReply overLimit(
      String method,
      int port,
      String path,
      String token,
      String contentType,
      byte[] body,
      boolean expectContinue,
      Duration timeout)
      throws IOException {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
      socket.setSoTimeout((int) timeout.toMillis());
      StringBuilder head = new StringBuilder();
      head.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
      head.append("Host: 127.0.0.1:").append(port).append("\r\n");
      if (token != null) {
        head.append("Authorization: Bearer ").append(token).append("\r\n");
      }
      if (contentType != null) {
        head.append("Content-Type: ").append(contentType).append("\r\n");
      }
      head.append("Content-Length: ").append(body.length).append("\r\n");
      if (expectContinue) {
        head.append("Expect: 100-continue\r\n");
      }
      head.append("Connection: close\r\n\r\n");
      java.io.OutputStream out = socket.getOutputStream();
      out.write(head.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      out.flush();
      if (!expectContinue) {
        Thread writer =
            new Thread(
                () -> {
                  try {
                    out.write(body);
                    out.flush();
                  } catch (IOException refused) {
                    // The server answered and closed: what the test is waiting for.
                  }
                },
                "over-limit-body");
        writer.setDaemon(true);
        writer.start();
      }
      java.io.BufferedReader in =
          new java.io.BufferedReader(
              new java.io.InputStreamReader(
                  socket.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
      while (true) {
        String status = in.readLine();
        if (status == null) {
          throw new IOException("connection closed without an answer");
        }
        int code = Integer.parseInt(status.split(" ")[1]);
        String type = "";
        int length = -1;
        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
          String lower = line.toLowerCase(java.util.Locale.ROOT);
          if (lower.startsWith("content-type:")) {
            type = line.substring(13).strip();
          } else if (lower.startsWith("content-length:")) {
            length = Integer.parseInt(line.substring(15).strip());
          }
        }
        if (code == 100) {
          continue; // interim answer; the server wants the body: the final one follows
        }
        char[] text = new char[Math.max(length, 0)];
        int read = 0;
        while (read < text.length) {
          int n = in.read(text, read, text.length - read);
          if (n < 0) {
            break;
          }
          read += n;
        }
        return new RawReply(code, type, new String(text, 0, read));
      }
    }
  }

  private static final HttpClient RAW_CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private static HttpRequest.Builder request(int port, String path, String token) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(20));
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    return builder;
  }

  private static Reply send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    JsonNode body = null;
    try {
      body = response.body().isBlank() ? null : JSON.readTree(response.body());
    } catch (IOException e) {
      // not JSON: the text is kept
    }
    return new Reply(response.statusCode(), body, response.body());
  }
}
