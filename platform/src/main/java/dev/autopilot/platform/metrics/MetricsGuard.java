package dev.autopilot.platform.metrics;

import dev.autopilot.platform.config.PlatformConfig;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * Guards {@code /q/metrics} as seed runbook 004 does: {@code none}, {@code secret} (header {@code
 * x-metrics-secret}) or {@code cidr} (client address allowlist). Off by default for local runs.
 */
@ApplicationScoped
public class MetricsGuard {
  /** The header Prometheus sends the shared secret in (scrape config {@code http_headers}). */
  public static final String SECRET_HEADER = "x-metrics-secret";

  private final String mode;
  private final byte[] secret;
  private final List<Cidr> allowed;

  public MetricsGuard(PlatformConfig config) {
    this.mode = config.metrics().guard().strip().toLowerCase();
    this.secret =
        config.metrics().secret().map(s -> s.getBytes(StandardCharsets.UTF_8)).orElse(null);
    this.allowed = config.metrics().allowedCidrs().stream().map(Cidr::parse).toList();
    if (mode.equals("secret") && secret == null) {
      throw new IllegalStateException(
          "autopilot.metrics.guard=secret needs autopilot.metrics.secret (METRICS_SECRET)");
    }
    if (!List.of("none", "secret", "cidr").contains(mode)) {
      throw new IllegalStateException(
          "autopilot.metrics.guard must be none, secret or cidr, not '" + mode + "'");
    }
  }

  void install(@Observes Router router) {
    if (!mode.equals("none")) {
      router.route("/q/metrics*").order(Integer.MIN_VALUE).handler(this::check);
    }
  }

  private void check(RoutingContext ctx) {
    boolean ok =
        switch (mode) {
          case "secret" -> {
            String given = ctx.request().getHeader(SECRET_HEADER);
            yield given != null
                && MessageDigest.isEqual(secret, given.getBytes(StandardCharsets.UTF_8));
          }
          case "cidr" -> {
            String host = ctx.request().remoteAddress().hostAddress();
            yield allowed.stream().anyMatch(c -> c.contains(host));
          }
          default -> true;
        };
    if (ok) {
      ctx.next();
    } else {
      ctx.response()
          .setStatusCode(403)
          .putHeader("content-type", "application/problem+json")
          .end(
              "{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,"
                  + "\"detail\":\"metrics are guarded ("
                  + mode
                  + ")\"}");
    }
  }
}
