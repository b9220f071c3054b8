package dev.autopilot.deploy.rollout;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Verifies a roll-out: GETs the readiness URL one second apart until it answers 200. */
@ApplicationScoped
public class ReadinessCheck {
  private static final Duration INTERVAL = Duration.ofSeconds(1);
  private static final Duration MAX_REQUEST_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration MIN_REQUEST_TIMEOUT = Duration.ofMillis(500);

  private final HttpClient client =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(2))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  /**
   * Polls until the URL answers 200 or {@code timeout} has passed; at least one request is made.
   *
   * @throws InterruptedException when this service shuts down; the step is resumed later
   */
  public StepResult await(URI url, Duration timeout) throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    String last = "no answer";
    for (int attempt = 1; ; attempt++) {
      long left = deadline - System.nanoTime();
      Duration requestTimeout = clamp(Duration.ofNanos(left));
      HttpRequest request = HttpRequest.newBuilder(url).timeout(requestTimeout).GET().build();
      try {
        int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status == 200) {
          long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
          return StepResult.succeeded(
              url + " answered 200 after " + attempt + " attempt(s), " + ms + " ms");
        }
        last = "HTTP " + status;
      } catch (IOException e) {
        last = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
      }
      if (System.nanoTime() + INTERVAL.toNanos() > deadline) {
        return StepResult.failed(
            url
                + " not ready within "
                + timeout
                + " ("
                + attempt
                + " attempts, last: "
                + last
                + ")");
      }
      Thread.sleep(INTERVAL.toMillis());
    }
  }

  private static Duration clamp(Duration left) {
    if (left.compareTo(MIN_REQUEST_TIMEOUT) < 0) {
      return MIN_REQUEST_TIMEOUT;
    }
    return left.compareTo(MAX_REQUEST_TIMEOUT) > 0 ? MAX_REQUEST_TIMEOUT : left;
  }
}
