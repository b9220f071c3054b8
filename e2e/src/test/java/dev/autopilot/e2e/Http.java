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
      boolean chunked,
      Duration timeout)
      throws IOException, InterruptedException {
    HttpRequest.Builder builder =
        request(port, path, token)
            .version(HttpClient.Version.HTTP_1_1)
            .timeout(timeout)
            .expectContinue(expectContinue)
            .method(
                method,
                chunked // no Content-Length: the body arrives in chunks of unknown total size
                    ? HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(body))
                    : HttpRequest.BodyPublishers.ofByteArray(body));
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
