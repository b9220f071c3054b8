package dev.autopilot.health.target;

import dev.autopilot.health.condition.ConditionParser;
import dev.autopilot.health.condition.ConditionSyntaxException;
import dev.autopilot.health.store.TargetHeader;
import dev.autopilot.health.store.TargetKind;
import dev.autopilot.health.store.TargetRecord;
import dev.autopilot.platform.event.v1.Patterns;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules a target must satisfy, whoever defines it (configuration, the targets file, the REST
 * API). Field names are those of the JSON/YAML form ({@code failureThreshold}, {@code
 * conditions[2]}). The address rules keep probes away from cloud metadata services and link-local
 * addresses and keep credentials out of addresses, which the API shows.
 */
public final class TargetValidator {
  private static final String ENV_NAME = "^[A-Za-z_][A-Za-z0-9_]{0,127}$";
  private static final String HEADER_NAME = "^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$";
  private static final String LABEL_KEY = "^[A-Za-z_][A-Za-z0-9_.-]{0,62}$";

  private TargetValidator() {}

  /** Everything wrong with {@code target}; empty when it may be probed. */
  public static List<TargetViolation> violations(
      TargetRecord target, Duration minimumInterval, Set<String> ssrfAllow) {
    List<TargetViolation> found = new ArrayList<>();
    name(found, "id", target.id());
    name(found, "service", target.service());
    name(found, "environment", target.environment());
    address(found, target, ssrfAllow);
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
    for (int i = 0; i < target.conditions().size(); i++) {
      try {
        ConditionParser.parse(target.conditions().get(i));
      } catch (ConditionSyntaxException e) {
        found.add(new TargetViolation("conditions[" + i + "]", e.getMessage()));
      }
    }
    range(found, "failureThreshold", target.failureThreshold(), 1, 100);
    range(found, "successThreshold", target.successThreshold(), 1, 100);
    if (target.role() == null) {
      found.add(new TargetViolation("role", "must be liveness or readiness"));
    }
    if (target.criticality() == null) {
      found.add(new TargetViolation("criticality", "must be one of P0, P1, P2, P3"));
    }
    for (int i = 0; i < target.dependsOn().size(); i++) {
      String dep = target.dependsOn().get(i);
      if (dep == null || !dep.matches(Patterns.NAME)) {
        found.add(new TargetViolation("dependsOn[" + i + "]", Patterns.NAME_MESSAGE));
      } else if (dep.equals(target.id())) {
        found.add(new TargetViolation("dependsOn[" + i + "]", "a target cannot depend on itself"));
      }
    }
    for (Map.Entry<String, String> label : target.labels().entrySet()) {
      if (!label.getKey().matches(LABEL_KEY)) {
        found.add(new TargetViolation("labels." + label.getKey(), "is not a valid label name"));
      } else if (label.getValue() == null || label.getValue().length() > 200) {
        found.add(new TargetViolation("labels." + label.getKey(), "needs a value of 1-200 chars"));
      }
    }
    headers(found, target);
    if (target.passwordEnv() != null && !target.passwordEnv().matches(ENV_NAME)) {
      found.add(new TargetViolation("passwordEnv", "must be an environment variable name"));
    } else if (target.passwordEnv() != null && target.kind() == TargetKind.MONGODB) {
      found.add(
          new TargetViolation(
              "passwordEnv", "is not used: mongodb probes run hello, which needs no login"));
    }
    return found;
  }

  private static void headers(List<TargetViolation> found, TargetRecord target) {
    if (!target.headers().isEmpty() && target.kind() != TargetKind.HTTP) {
      found.add(new TargetViolation("headers", "only http targets send headers"));
    }
    for (int i = 0; i < target.headers().size(); i++) {
      TargetHeader h = target.headers().get(i);
      String field = "headers[" + i + "]";
      if (h == null || h.name() == null || !h.name().matches(HEADER_NAME)) {
        found.add(new TargetViolation(field + ".name", "is not a valid header name"));
        continue;
      }
      if ((h.value() == null) == (h.valueFromEnv() == null)) {
        found.add(new TargetViolation(field, "needs exactly one of value or valueFromEnv"));
      } else if (h.valueFromEnv() != null && !h.valueFromEnv().matches(ENV_NAME)) {
        found.add(
            new TargetViolation(field + ".valueFromEnv", "must be an environment variable name"));
      } else if (h.value() != null && h.value().matches(".*[\\r\\n].*")) {
        found.add(new TargetViolation(field + ".value", "must not contain line breaks"));
      }
    }
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

  private static void address(List<TargetViolation> found, TargetRecord target, Set<String> allow) {
    String address = target.address();
    URI uri;
    try {
      uri = new URI(address == null ? "" : address);
    } catch (URISyntaxException e) {
      found.add(new TargetViolation("address", "is not a valid URL: " + e.getReason()));
      return;
    }
    TargetKind implied = TargetKind.ofScheme(uri.getScheme());
    if (implied == null) {
      found.add(
          new TargetViolation(
              "address",
              "must start with http://, https://, tcp://, postgres://, redis:// or mongodb://"));
      return;
    }
    if (target.kind() == null) {
      found.add(new TargetViolation("kind", "must be " + TargetKind.choices()));
    } else if (implied != target.kind()) {
      found.add(
          new TargetViolation(
              "address",
              "is a " + implied.label() + " address but kind is " + target.kind().label()));
    }
    String userInfo = uri.getRawUserInfo();
    if (userInfo != null && (implied == TargetKind.HTTP || userInfo.contains(":"))) {
      found.add(
          new TargetViolation(
              "address", "must not contain a password or user info (use passwordEnv or headers)"));
    }
    String host = uri.getHost();
    if (host == null || host.isBlank()) {
      found.add(new TargetViolation("address", "must name a host"));
      return;
    }
    if (implied == TargetKind.TCP && uri.getPort() < 0) {
      found.add(new TargetViolation("address", "needs a port, e.g. tcp://db:5432"));
    }
    if (SsrfGuard.refusesHost(host, allow)) {
      found.add(
          new TargetViolation(
              "address",
              "must not point at a link-local or cloud metadata address ("
                  + host
                  + "); allow it in health.ssrf.allow"));
    }
  }
}
