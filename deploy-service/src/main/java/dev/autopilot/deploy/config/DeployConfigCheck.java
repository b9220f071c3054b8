package dev.autopilot.deploy.config;

import dev.autopilot.platform.event.v1.Patterns;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Refuses to start with a configuration that could never deploy safely: names that could not come
 * from a validated request, an empty command, a readiness URL that is not http(s).
 */
@ApplicationScoped
public class DeployConfigCheck {
  void onStart(@Observes StartupEvent event, DeployConfig config) {
    List<String> problems = problems(config);
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          "invalid deploy-service configuration: " + String.join("; ", problems));
    }
  }

  /** What is wrong with the configuration; empty when nothing is. */
  public static List<String> problems(DeployConfig config) {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, DeployConfig.Service> entry : config.services().entrySet()) {
      String prefix = "deploy.services.\"" + entry.getKey() + "\".";
      DeployConfig.Service service = entry.getValue();
      if (!entry.getKey().matches(Patterns.NAME)) {
        problems.add("service name '" + entry.getKey() + "' " + Patterns.NAME_MESSAGE);
      }
      if (service.command().isEmpty() || service.command().get(0).isBlank()) {
        problems.add(prefix + "command must name an executable");
      }
      if (!isHttpUrl(service.readinessUrl())) {
        problems.add(prefix + "readiness-url must be an absolute http(s) URL");
      }
      if (service.environments().isEmpty()) {
        problems.add(prefix + "environments must list at least one environment");
      }
      for (String environment : service.environments()) {
        if (!environment.matches(Patterns.NAME)) {
          problems.add(prefix + "environments: '" + environment + "' " + Patterns.NAME_MESSAGE);
        }
      }
      service
          .backupSource()
          .filter(source -> !source.matches(Patterns.NAME))
          .ifPresent(source -> problems.add(prefix + "backup-source " + Patterns.NAME_MESSAGE));
      positive(problems, prefix + "readiness-timeout", service.readinessTimeout());
      positive(problems, prefix + "command-timeout", service.commandTimeout());
      positive(problems, prefix + "backup-timeout", service.backupTimeout());
    }
    positive(problems, "deploy.maintenance.hold-horizon", config.maintenance().holdHorizon());
    if (config.worker().concurrency() < 1) {
      problems.add("deploy.worker.concurrency must be at least 1");
    }
    if (config.worker().lease().compareTo(Duration.ofSeconds(3)) < 0) {
      problems.add("deploy.worker.lease must be at least 3s (claims are renewed every second)");
    }
    return problems;
  }

  private static void positive(List<String> problems, String key, Duration value) {
    if (value.isNegative() || value.isZero()) {
      problems.add(key + " must be positive");
    }
  }

  private static boolean isHttpUrl(String url) {
    try {
      URI uri = URI.create(url);
      return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
