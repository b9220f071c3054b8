package dev.autopilot.deploy.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autopilot.deploy.target.TargetConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * Rolls out through a platform's deploy hook: POST {@code webhook.url} with {@code {deploymentId,
 * service, environment, version, action}} (action deploy or rollback; bearer from the environment
 * variable {@code webhook.tokenEnv}), then, unless the answer's {@code status} is already final,
 * GET {@code webhook.statusUrl} ({id} = the answer's {@code id}) every poll interval until it is
 * {@code succeeded} or {@code failed}, or {@code commandTimeout} passes.
 *
 * <p>The hook is an admin-configured URL outside the suite (not a service with a typed contract),
 * so the JDK HTTP client with per-request timeouts is used rather than a typed REST client.
 */
@ApplicationScoped
public class WebhookRolloutExecutor implements RolloutExecutor {
  static final Set<String> SUCCEEDED = Set.of("succeeded", "success", "done");
  static final Set<String> FAILED = Set.of("failed", "failure", "error", "cancelled");
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private final ObjectMapper mapper;
  private final Duration pollInterval;
  private final HttpClient client =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  @Inject
  public WebhookRolloutExecutor(ObjectMapper mapper) {
    this(mapper, Duration.ofSeconds(2));
  }

  WebhookRolloutExecutor(ObjectMapper mapper, Duration pollInterval) {
    this.mapper = mapper;
    this.pollInterval = pollInterval;
  }

  @Override
  public StepResult rollOut(RolloutTarget target, TargetConfig config) throws InterruptedException {
    return call("deploy", target, config);
  }

  @Override
  public StepResult rollBack(RolloutTarget target, TargetConfig config)
      throws InterruptedException {
    return call("rollback", target, config);
  }

  private StepResult call(String action, RolloutTarget target, TargetConfig config)
      throws InterruptedException {
    TargetConfig.Webhook hook = config.webhook();
    Duration timeout = TargetConfig.duration(config.commandTimeout());
    long deadline = System.nanoTime() + timeout.toNanos();
    ObjectNode body = mapper.createObjectNode();
    body.put("deploymentId", target.deploymentId().toString());
    body.put("service", target.service());
    body.put("environment", target.environment());
    body.put("version", target.version());
    body.put("action", action);
    JsonNode answer;
    try {
      HttpRequest.Builder post =
          request(URI.create(hook.url()), hook)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(body)));
      answer = send(post.build());
    } catch (IOException e) {
      return StepResult.failed(action + " hook " + hook.url() + " failed: " + e.getMessage());
    }
    String id = answer.path("id").asText("");
    String status = status(answer);
    int polls = 0;
    while (!SUCCEEDED.contains(status) && !FAILED.contains(status)) {
      if (hook.statusUrl() == null) {
        return StepResult.failed(
            action + " hook answered status '" + status + "' and no statusUrl is configured");
      }
      if (System.nanoTime() + pollInterval.toNanos() > deadline) {
        return StepResult.failed(
            action
                + " "
                + id
                + " still '"
                + status
                + "' after "
                + timeout
                + " ("
                + polls
                + " polls)");
      }
      Thread.sleep(pollInterval.toMillis());
      polls++;
      try {
        answer =
            send(request(URI.create(hook.statusUrl().replace("{id}", id)), hook).GET().build());
        status = status(answer);
      } catch (IOException e) {
        // A status poll that fails is retried until the deadline: the deploy may well go on.
        status = "unknown (" + e.getMessage() + ")";
      }
    }
    String summary =
        action
            + " "
            + id
            + " "
            + status
            + " after "
            + polls
            + " status poll(s)"
            + (answer.hasNonNull("message")
                ? ": " + SecretRedactor.redact(answer.path("message").asText())
                : "");
    return SUCCEEDED.contains(status) ? StepResult.succeeded(summary) : StepResult.failed(summary);
  }

  private HttpRequest.Builder request(URI uri, TargetConfig.Webhook hook) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).header("Accept", "application/json");
    if (hook.tokenEnv() != null) {
      String token = System.getenv(hook.tokenEnv());
      if (token != null && !token.isBlank()) {
        builder.header("Authorization", "Bearer " + token);
      }
    }
    return builder;
  }

  private JsonNode send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IOException("HTTP " + response.statusCode() + " from " + request.uri().getHost());
    }
    return mapper.readTree(response.body().isEmpty() ? "{}" : response.body());
  }

  private static String status(JsonNode answer) {
    return answer.path("status").asText("unknown").toLowerCase(Locale.ROOT);
  }
}
