package dev.autopilot.health.target;

import dev.autopilot.health.store.TargetRecord;
import dev.autopilot.platform.event.v1.Patterns;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The rules a target must satisfy, whoever defines it (configuration now, the REST API later). The
 * URL rules keep probes away from cloud metadata services and link-local addresses (no SSRF through
 * a target) and keep credentials out of URLs, which the API shows.
 */
public final class TargetValidator {
  /** Schemes some prober handles. */
  public static final Set<String> SCHEMES = Set.of("http", "https");

  private static final Set<String> METADATA_HOSTS =
      Set.of("metadata", "metadata.google.internal", "metadata.azure.com", "100.100.100.200");

  private TargetValidator() {}

  /** Everything wrong with {@code target}; empty when it may be probed. */
  public static List<TargetViolation> violations(TargetRecord target, Duration minimumInterval) {
    List<TargetViolation> found = new ArrayList<>();
    name(found, "id", target.id());
    name(found, "service", target.service());
    name(found, "environment", target.environment());
    url(found, target.url());
    if (target.interval() == null || target.interval().compareTo(minimumInterval) < 0) {
      found.add(
          new TargetViolation(
              "interval",
              "is "
                  + (target.interval() == null ? "missing" : Durations.human(target.interval()))
                  + ", below the minimum "
                  + Durations.human(minimumInterval)
                  + " (health.minimum-interval)"));
    }
    if (target.timeout() == null || target.timeout().toMillis() < 1) {
      found.add(new TargetViolation("timeout", "must be at least 1ms"));
    } else if (target.interval() != null && target.timeout().compareTo(target.interval()) > 0) {
      found.add(
          new TargetViolation(
              "timeout",
              "is "
                  + Durations.human(target.timeout())
                  + ", longer than the interval "
                  + Durations.human(target.interval())));
    }
    range(found, "expected-status", target.expectedStatus(), 100, 599);
    range(found, "failure-threshold", target.failureThreshold(), 1, 100);
    range(found, "success-threshold", target.successThreshold(), 1, 100);
    if (target.role() == null) {
      found.add(new TargetViolation("role", "must be liveness or readiness"));
    }
    if (target.criticality() == null) {
      found.add(new TargetViolation("criticality", "must be one of P0, P1, P2, P3"));
    }
    return found;
  }

  private static void name(List<TargetViolation> found, String field, String value) {
    if (value == null || !value.matches(Patterns.NAME)) {
      found.add(new TargetViolation(field, Patterns.NAME_MESSAGE));
    }
  }

  private static void range(
      List<TargetViolation> found, String field, int value, int min, int max) {
    if (value < min || value > max) {
      found.add(
          new TargetViolation(field, "is " + value + ", must be between " + min + " and " + max));
    }
  }

  private static void url(List<TargetViolation> found, String url) {
    URI uri;
    try {
      uri = new URI(url == null ? "" : url);
    } catch (URISyntaxException e) {
      found.add(new TargetViolation("url", "is not a valid URL: " + e.getReason()));
      return;
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!SCHEMES.contains(scheme)) {
      found.add(new TargetViolation("url", "must start with http:// or https://"));
      return;
    }
    if (uri.getRawUserInfo() != null) {
      found.add(new TargetViolation("url", "must not contain user info (no secrets in URLs)"));
    }
    String host = uri.getHost();
    if (host == null || host.isBlank()) {
      found.add(new TargetViolation("url", "must name a host"));
      return;
    }
    if (isLinkLocalOrMetadata(host)) {
      found.add(
          new TargetViolation(
              "url", "must not point at a link-local or cloud metadata address (" + host + ")"));
    }
  }

  /** True for 169.254.0.0/16, fe80::/10, fd00:ec2::254 and well-known metadata host names. */
  static boolean isLinkLocalOrMetadata(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    return METADATA_HOSTS.contains(h)
        || h.startsWith("169.254.")
        || h.matches("^fe[89ab][0-9a-f]:.*")
        || h.equals("fd00:ec2::254");
  }
}
