package dev.autopilot.deploy.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.autopilot.deploy.target.TargetConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The webhook executor against a local deploy hook that checks what it is sent. */
class WebhookRolloutExecutorTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private HttpServer hook;
  private final Queue<JsonNode> posted = new ConcurrentLinkedQueue<>();
  private final AtomicInteger polls = new AtomicInteger();
  private volatile String finalStatus = "succeeded";
  private final WebhookRolloutExecutor executor =
      new WebhookRolloutExecutor(JSON, Duration.ofMillis(50));

  @BeforeEach
  void start() throws IOException {
    hook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    hook.createContext(
        "/deploy",
        exchange -> {
          if (!"POST".equals(exchange.getRequestMethod())
              || !"application/json"
                  .equals(exchange.getRequestHeaders().getFirst("Content-Type"))) {
            send(exchange, 400, "{}");
            return;
          }
          posted.add(JSON.readTree(exchange.getRequestBody()));
          send(exchange, 202, "{\"id\":\"run-7\",\"status\":\"queued\"}");
        });
    hook.createContext(
        "/status/run-7",
        exchange ->
            send(
                exchange,
                200,
                polls.incrementAndGet() < 3
                    ? "{\"status\":\"in_progress\"}"
                    : "{\"status\":\"" + finalStatus + "\",\"message\":\"token=abc123 done\"}"));
    hook.start();
  }

  @AfterEach
  void stop() {
    hook.stop(0);
  }

  @Test
  void postsTheTargetThenPollsUntilSucceeded() throws Exception {
    UUID id = UUID.randomUUID();
    StepResult result = executor.rollOut(new RolloutTarget(id, "shop", "prod", "1.2.3"), config());

    assertThat(result.succeeded()).isTrue();
    assertThat(result.summary())
        .contains("run-7 succeeded after 3 status poll(s)")
        .contains("token=***")
        .doesNotContain("abc123");
    JsonNode body = posted.remove();
    assertThat(body.path("deploymentId").asText()).isEqualTo(id.toString());
    assertThat(body.path("version").asText()).isEqualTo("1.2.3");
    assertThat(body.path("action").asText()).isEqualTo("deploy");
  }

  @Test
  void failedStatusFailsAndRollbackSaysSo() throws Exception {
    finalStatus = "failed";
    StepResult result =
        executor.rollBack(new RolloutTarget(UUID.randomUUID(), "shop", "prod", "1.2.2"), config());

    assertThat(result.succeeded()).isFalse();
    assertThat(result.summary()).startsWith("rollback run-7 failed");
    assertThat(posted.remove().path("action").asText()).isEqualTo("rollback");
  }

  @Test
  void hookAnsweringAnErrorFails() throws Exception {
    TargetConfig broken =
        config(
            "http://127.0.0.1:" + hook.getAddress().getPort() + "/missing",
            "http://127.0.0.1:" + hook.getAddress().getPort() + "/status/{id}");
    StepResult result =
        executor.rollOut(new RolloutTarget(UUID.randomUUID(), "shop", "prod", "1"), broken);
    assertThat(result.succeeded()).isFalse();
    assertThat(result.summary()).contains("HTTP 404");
  }

  private TargetConfig config() {
    String base = "http://127.0.0.1:" + hook.getAddress().getPort();
    return config(base + "/deploy", base + "/status/{id}");
  }

  private static TargetConfig config(String url, String statusUrl) {
    return new TargetConfig(
            "shop",
            "prod",
            TargetConfig.WEBHOOK,
            null,
            "10s",
            new TargetConfig.Webhook(url, statusUrl, null),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            List.of(),
            null,
            null,
            null,
            null)
        .withDefaults();
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }
}
