package dev.autopilot.alert.robust;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autopilot.alert.AlertServiceTestResource;
import dev.autopilot.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The 1 MiB request limit holds for a body without a length too ({@code Transfer-Encoding:
 * chunked}, sent over a plain socket): past the limit it is a 413 problem+json, not a parse error
 * of the whole body; under the limit a chunked body is read as usual.
 */
@QuarkusTest
@QuarkusTestResource(AlertServiceTestResource.class)
class ChunkedBodyLimitTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int LIMIT = 1024 * 1024;

  @TestHTTPResource("/webhooks/alertmanager")
  URL webhook;

  @Test
  void chunkedGarbageOverTheLimitIs413ProblemJson() throws IOException {
    byte[] garbage = new byte[LIMIT + 64 * 1024];
    Arrays.fill(garbage, (byte) 'x');
    Reply reply = postChunked(garbage);
    assertThat(reply.status()).isEqualTo(413);
    assertThat(reply.contentType()).startsWith("application/problem+json");
    JsonNode problem = JSON.readTree(reply.body());
    assertThat(problem.path("status").asInt()).isEqualTo(413);
    assertThat(problem.path("title").asText()).isEqualTo("Content Too Large");
    assertThat(problem.path("detail").asText()).contains("over the limit of " + LIMIT);
  }

  @Test
  void chunkedWellFormedJsonOverTheLimitIs413ProblemJson() throws IOException {
    // Valid JSON all the way: only the size is wrong, so nothing but the limit can refuse it.
    String filler = "y".repeat(LIMIT);
    byte[] body =
        ("{\"version\":\"4\",\"status\":\"firing\",\"receiver\":\"" + filler + "\",\"alerts\":[]}")
            .getBytes(StandardCharsets.UTF_8);
    Reply reply = postChunked(body);
    assertThat(reply.status()).isEqualTo(413);
    assertThat(reply.contentType()).startsWith("application/problem+json");
  }

  @Test
  void chunkedBodyUnderTheLimitIsReadAsUsual() throws IOException {
    String run = UUID.randomUUID().toString();
    String alert =
        "{\"version\":\"4\",\"status\":\"firing\",\"receiver\":\"t\",\"alerts\":[{\"status\":"
            + "\"firing\",\"labels\":{\"alertname\":\"ChunkedBody\",\"run\":\""
            + run
            + "\"},\"annotations\":{\"summary\":\"s\"},\"startsAt\":\"2026-11-23T11:26:51Z\","
            + "\"endsAt\":\"0001-01-01T00:00:00Z\"}]}";
    assertThat(postChunked(alert.getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(200);

    Reply garbage = postChunked("{not json".getBytes(StandardCharsets.UTF_8));
    assertThat(garbage.status()).isEqualTo(400);
    assertThat(JSON.readTree(garbage.body()).path("title").asText()).isEqualTo("Malformed JSON");
  }

  private record Reply(int status, String contentType, String body) {}

  /** POSTs {@code body} in 16 KiB chunks from a second thread, and reads the answer. */
  private Reply postChunked(byte[] body) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", webhook.getPort())) {
      socket.setSoTimeout(30_000);
      String head =
          "POST "
              + webhook.getPath()
              + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
              + TestTokens.OPERATOR
              + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
              + "Connection: close\r\n\r\n";
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      Thread writer =
          new Thread(
              () -> {
                try {
                  for (int at = 0; at < body.length; at += 16 * 1024) {
                    int n = Math.min(16 * 1024, body.length - at);
                    out.write(
                        (Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(body, at, n);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                  }
                  out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                  out.flush();
                } catch (IOException closed) {
                  // The server answered and closed: what the test waits for.
                }
              },
              "chunked-body");
      writer.setDaemon(true);
      writer.start();
      return read(new BufferedInputStream(socket.getInputStream()));
    }
  }

  private static Reply read(InputStream in) throws IOException {
    String status = line(in);
    if (status == null) {
      throw new IOException("connection closed without an answer");
    }
    int code = Integer.parseInt(status.split(" ")[1]);
    String type = "";
    int length = -1;
    boolean chunked = false;
    for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
      String lower = h.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-type:")) {
        type = h.substring(13).strip();
      } else if (lower.startsWith("content-length:")) {
        length = Integer.parseInt(h.substring(15).strip());
      } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
        chunked = true;
      }
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    if (chunked) {
      for (int n = Integer.parseInt(line(in).strip(), 16); n > 0; ) {
        body.write(in.readNBytes(n));
        line(in);
        n = Integer.parseInt(line(in).strip(), 16);
      }
    } else if (length >= 0) {
      body.write(in.readNBytes(length));
    }
    return new Reply(code, type, body.toString(StandardCharsets.UTF_8));
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != -1; b = in.read()) {
      if (b == '\n') {
        String s = line.toString(StandardCharsets.US_ASCII);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
      }
      line.write(b);
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
  }
}
