package dev.autopilot.deploy.target;

import dev.autopilot.platform.event.v1.Patterns;
import dev.autopilot.platform.problem.Problem;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What is wrong with a target configuration (after defaults), field by field, so the REST API
 * answers 400 naming the field and the YAML file fails the start naming the target and field.
 */
public final class TargetValidator {
  private TargetValidator() {}

  /** Problems of a configuration with defaults applied; empty when it can be used. */
  public static List<Problem.FieldError> problems(TargetConfig t) {
    List<Problem.FieldError> problems = new ArrayList<>();
    name(problems, "service", t.service());
    name(problems, "environment", t.environment());
    if (!TargetConfig.EXECUTORS.contains(t.executor())) {
      problems.add(error("executor", "must be one of " + TargetConfig.EXECUTORS));
    }
    TargetConfig.Commands commands = t.commands();
    argv(problems, "commands.deploy", commands.deploy(), TargetConfig.COMMAND.equals(t.executor()));
    argv(problems, "commands.rollback", commands.rollback(), false);
    argv(problems, "commands.migrate", commands.migrate(), false);
    if (TargetConfig.WEBHOOK.equals(t.executor())) {
      if (t.webhook() == null || !isHttpUrl(t.webhook().url())) {
        problems.add(error("webhook.url", "must be an absolute http(s) URL"));
      }
      if (t.webhook() != null
          && t.webhook().statusUrl() != null
          && !isHttpUrl(t.webhook().statusUrl().replace("{id}", "id"))) {
        problems.add(error("webhook.statusUrl", "must be an absolute http(s) URL"));
      }
    }
    if (TargetConfig.KUBERNETES.equals(t.executor())) {
      TargetConfig.Kubernetes k = t.kubernetes();
      if (k == null) {
        problems.add(error("kubernetes", "is required for the kubernetes executor"));
      } else {
        name(problems, "kubernetes.namespace", k.namespace());
        name(problems, "kubernetes.deployment", k.deployment());
        name(problems, "kubernetes.container", k.container());
        if (k.image() == null || !k.image().contains("{version}") || k.image().contains(" ")) {
          problems.add(
              error("kubernetes.image", "must be an image reference containing {version}"));
        }
      }
    }
    TargetConfig.HealthGate gate = t.healthGate();
    if (!List.of(TargetConfig.HealthGate.HEALTH_SERVICE, TargetConfig.HealthGate.URL)
        .contains(gate.source())) {
      problems.add(error("healthGate.source", "must be health-service or url"));
    }
    if (TargetConfig.HealthGate.URL.equals(gate.source()) && !isHttpUrl(gate.url())) {
      problems.add(error("healthGate.url", "must be an absolute http(s) URL"));
    }
    for (int i = 0; i < gate.targets().size(); i++) {
      name(problems, "healthGate.targets[" + i + "]", gate.targets().get(i));
    }
    if (!gate.targets().isEmpty()
        && !TargetConfig.HealthGate.HEALTH_SERVICE.equals(gate.source())) {
      problems.add(error("healthGate.targets", "needs source health-service"));
    }
    if (gate.passes() < 1 || gate.passes() > 100) {
      problems.add(error("healthGate.passes", "must be 1-100"));
    }
    positive(problems, "healthGate.deadline", gate.deadline());
    positive(problems, "healthGate.interval", gate.interval());
    if (t.backupSource() != null) {
      name(problems, "backupSource", t.backupSource());
    }
    positive(problems, "commandTimeout", t.commandTimeout());
    positive(problems, "backupTimeout", t.backupTimeout());
    positive(problems, "restoreTimeout", t.restoreTimeout());
    notNegative(problems, "bakeTime", t.bakeTime());
    positive(problems, "watchPeriod", t.watchPeriod());
    if (t.failureLimit() < 0) {
      problems.add(error("failureLimit", "must not be negative"));
    }
    for (int i = 0; i < t.requiredChecks().size(); i++) {
      if (!TargetConfig.CHECKS.contains(t.requiredChecks().get(i))) {
        problems.add(error("requiredChecks[" + i + "]", "must be one of " + TargetConfig.CHECKS));
      }
    }
    return problems;
  }

  private static void name(List<Problem.FieldError> problems, String field, String value) {
    if (value == null || !value.matches(Patterns.NAME)) {
      problems.add(error(field, Patterns.NAME_MESSAGE));
    }
  }

  private static void argv(
      List<Problem.FieldError> problems, String field, List<String> argv, boolean required) {
    if (argv == null) {
      if (required) {
        problems.add(error(field, "is required: the executable, then fixed arguments"));
      }
      return;
    }
    if (argv.isEmpty() || argv.get(0) == null || argv.get(0).isBlank()) {
      problems.add(error(field, "must name an executable first"));
    }
    for (int i = 0; i < argv.size(); i++) {
      if (argv.get(i) == null || argv.get(i).indexOf('\0') >= 0) {
        problems.add(error(field + "[" + i + "]", "must be a string without NUL"));
      }
    }
  }

  private static void positive(List<Problem.FieldError> problems, String field, String value) {
    Duration d = parse(problems, field, value);
    if (d != null && (d.isZero() || d.isNegative())) {
      problems.add(error(field, "must be positive"));
    }
  }

  private static void notNegative(List<Problem.FieldError> problems, String field, String value) {
    Duration d = parse(problems, field, value);
    if (d != null && d.isNegative()) {
      problems.add(error(field, "must not be negative"));
    }
  }

  private static Duration parse(List<Problem.FieldError> problems, String field, String value) {
    try {
      return TargetConfig.duration(value);
    } catch (RuntimeException e) {
      problems.add(error(field, "must be a duration such as 30s, 10m, 2h or PT2H"));
      return null;
    }
  }

  static boolean isHttpUrl(String url) {
    if (url == null) {
      return false;
    }
    try {
      URI uri = URI.create(url);
      return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static Problem.FieldError error(String field, String message) {
    return new Problem.FieldError(field, message);
  }
}
