package dev.autopilot.health.probe;

import dev.autopilot.health.target.Durations;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Turns a probe's exception into a short reason an operator understands at a glance. Reasons never
 * carry addresses, host names or exception messages: they reach the public status page and events;
 * the full exception is logged at DEBUG by the prober.
 */
public final class FailureReasons {
  private FailureReasons() {}

  /** {@code timeout after 5s}, {@code connection refused}, {@code unknown host}, ... */
  public static String describe(Throwable failure, Duration timeout) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ProbeRefusedException) {
        return t.getMessage();
      }
      if (t instanceof io.vertx.pgclient.PgException pg) {
        return "postgres error " + pg.getSqlState();
      }
      if (t instanceof MongoWire.MongoCommandException mongo) {
        return mongo.reason();
      }
      if (t instanceof MongoWire.MongoProtocolException) {
        return t.getMessage();
      }
      if (t.getClass().getName().startsWith("io.vertx.redis") && t.getMessage() != null) {
        String first = t.getMessage().split("\\s+", 2)[0];
        if (first.matches("[A-Z]+")) {
          return "redis error " + first;
        }
      }
      String lower = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
      if (t instanceof TimeoutException
          || t instanceof io.smallrye.mutiny.TimeoutException
          || t.getClass().getSimpleName().equals("ConnectTimeoutException")) {
        return "timeout after " + Durations.human(timeout);
      }
      if (t instanceof NoRouteToHostException || lower.contains("no route to host")) {
        return "no route to host";
      }
      if (t instanceof ConnectException) {
        return lower.contains("refused") ? "connection refused" : "connection failed";
      }
      if (t instanceof UnknownHostException || lower.contains("failed to resolve")) {
        return "unknown host";
      }
      if (t instanceof SSLException) {
        return "TLS handshake failed";
      }
      if (lower.contains("connection reset")) {
        return "connection reset";
      }
      if (t instanceof ClosedChannelException || lower.contains("connection was closed")) {
        return "connection closed before the response";
      }
    }
    return "probe failed (" + failure.getClass().getSimpleName() + ")";
  }
}
