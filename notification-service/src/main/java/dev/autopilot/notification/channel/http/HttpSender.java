package dev.autopilot.notification.channel.http;

import dev.autopilot.notification.channel.SendResult;
import dev.autopilot.notification.config.NotificationConfig;
import dev.autopilot.notification.receiver.Secrets;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.MultiMap;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;

/**
 * One HTTP POST for the HTTP channels (Vert.x Mutiny WebClient, blocking the delivery worker's
 * thread up to {@code notification.http.timeout}), and what its answer means: see {@link
 * HttpOutcomes}. Error texts pass through {@link Secrets#redact}, since webhook URLs and basic-auth
 * credentials are secrets.
 */
@ApplicationScoped
public class HttpSender {
  private final WebClient client;
  private final Duration timeout;
  private final Secrets secrets;

  public HttpSender(Vertx vertx, NotificationConfig config, Secrets secrets) {
    this.timeout = config.http().timeout();
    this.secrets = secrets;
    this.client =
        WebClient.create(
            vertx,
            new WebClientOptions()
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
                .setFollowRedirects(false)
                .setUserAgent("runbook-autopilot-notification-service"));
  }

  /** A request body with its content type. */
  public record Body(String contentType, String text) {}

  /**
   * POSTs {@code body} to {@code url} with {@code headers} (and basic auth if {@code user} is set);
   * never throws.
   *
   * @param what names the peer in errors (the URL is not shown: it may hold a secret)
   */
  public SendResult post(
      String what,
      String url,
      Map<String, String> headers,
      String user,
      String password,
      Body body) {
    try {
      HttpRequest<Buffer> request =
          client
              .requestAbs(HttpMethod.POST, url)
              .timeout(timeout.toMillis())
              .putHeader("Content-Type", body.contentType());
      MultiMap extra = MultiMap.caseInsensitiveMultiMap();
      headers.forEach(extra::add);
      request.putHeaders(extra);
      if (user != null) {
        request.basicAuthentication(user, password);
      }
      HttpResponse<Buffer> response =
          request.sendBuffer(Buffer.buffer(body.text())).await().atMost(timeout.plusSeconds(1));
      SendResult result =
          HttpOutcomes.classify(
              what,
              response.statusCode(),
              response.getHeader("Retry-After"),
              response.bodyAsString());
      return result.error() == null
          ? result
          : new SendResult(
              result.delivered(),
              result.retriable(),
              secrets.redact(result.error()),
              result.retryAfter());
    } catch (RuntimeException e) {
      SendResult result = HttpOutcomes.classify(what, e);
      return new SendResult(false, result.retriable(), secrets.redact(result.error()), null);
    }
  }

  @PreDestroy
  void close() {
    client.close();
  }
}
