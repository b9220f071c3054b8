package dev.autopilot.deploy.target;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.runtime.configuration.DurationConverter;
import java.time.Duration;
import java.util.List;

/**
 * How one service is deployed to one environment. Durations are strings ({@code 30s}, {@code 10m},
 * {@code PT2H}). Fields left out take the defaults in {@link #withDefaults()}.
 *
 * @param executor how the version is rolled out: command, webhook or kubernetes
 * @param commands argument lists run without a shell (command executor; migrate for every executor)
 * @param commandTimeout how long one command may run before it is killed
 * @param webhook the deploy hook (webhook executor)
 * @param healthGate what VERIFY asks before promoting
 * @param backupSource backup-service source of the pre-deploy restore point; none when absent
 * @param backupTimeout how long to wait for backup.completed
 * @param restoreTimeout how long to wait for backup.restored
 * @param bakeTime how long health.degraded / alert.fired are watched after VERIFY
 * @param failureLimit signals tolerated during the bake; one more rolls back
 * @param watchPeriod the post-deploy watch window published with deploy.succeeded
 * @param requiredChecks checklist items the request must report true
 * @param requiresMaintenanceWindow deployments only inside a maintenance window
 * @param requiresApproval an operator approves each deployment after VALIDATE
 * @param restoreOnRollback a rollback after a migration also restores the restore point
 * @param kubernetes the Deployment to update (kubernetes executor)
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TargetConfig(
    String service,
    String environment,
    String executor,
    Commands commands,
    String commandTimeout,
    Webhook webhook,
    HealthGate healthGate,
    String backupSource,
    String backupTimeout,
    String restoreTimeout,
    String bakeTime,
    Integer failureLimit,
    String watchPeriod,
    List<String> requiredChecks,
    Boolean requiresMaintenanceWindow,
    Boolean requiresApproval,
    Boolean restoreOnRollback,
    Kubernetes kubernetes) {

  public static final String COMMAND = "command";
  public static final String WEBHOOK = "webhook";
  public static final String KUBERNETES = "kubernetes";
  public static final List<String> EXECUTORS = List.of(COMMAND, WEBHOOK, KUBERNETES);
  public static final List<String> CHECKS =
      List.of("testsPassed", "buildSucceeded", "migrationsTested");

  /** Argument lists: the executable, then fixed arguments. */
  @RegisterForReflection
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Commands(List<String> deploy, List<String> rollback, List<String> migrate) {}

  /**
   * A platform's deploy hook: POST {@code url} with the target, then GET {@code statusUrl} (with
   * {id} replaced by the hook's answer {@code id}) until {@code status} is succeeded or failed.
   */
  @RegisterForReflection
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Webhook(String url, String statusUrl, String tokenEnv) {}

  /**
   * A Kubernetes Deployment: the executor sets {@code container}'s image to {@code image} with
   * {version} replaced, waits for the rollout like {@code kubectl rollout status}, and rolls back
   * by setting the previous version's image (the previous tag).
   */
  @RegisterForReflection
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Kubernetes(String namespace, String deployment, String container, String image) {}

  /**
   * The health gate: {@code health-service} asks health-service's on-demand check (POST /checks)
   * for the service/environment, or, when {@code targets} lists health-service target ids, for each
   * of them (all UP to pass); {@code url} GETs {@code url} directly. Passes N times in a row within
   * the deadline.
   */
  @RegisterForReflection
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record HealthGate(
      String source,
      String url,
      Integer passes,
      String deadline,
      String interval,
      List<String> targets) {
    public static final String HEALTH_SERVICE = "health-service";
    public static final String URL = "url";
  }

  /** This configuration with every omitted field at its default, for {@code service/env}. */
  public TargetConfig withDefaults(String service, String environment) {
    HealthGate gate =
        healthGate == null ? new HealthGate(null, null, null, null, null, null) : healthGate;
    return new TargetConfig(
        service,
        environment,
        executor == null ? COMMAND : executor,
        commands == null ? new Commands(null, null, null) : commands,
        commandTimeout == null ? "10m" : commandTimeout,
        webhook,
        new HealthGate(
            gate.source() == null
                ? (gate.url() == null ? HealthGate.HEALTH_SERVICE : HealthGate.URL)
                : gate.source(),
            gate.url(),
            gate.passes() == null ? 3 : gate.passes(),
            gate.deadline() == null ? "2m" : gate.deadline(),
            gate.interval() == null ? "1s" : gate.interval(),
            gate.targets() == null ? List.of() : gate.targets()),
        backupSource,
        backupTimeout == null ? "30m" : backupTimeout,
        restoreTimeout == null ? "30m" : restoreTimeout,
        bakeTime == null ? "5m" : bakeTime,
        failureLimit == null ? 0 : failureLimit,
        watchPeriod == null ? "48h" : watchPeriod,
        requiredChecks == null ? CHECKS : requiredChecks,
        requiresMaintenanceWindow != null && requiresMaintenanceWindow,
        requiresApproval != null && requiresApproval,
        restoreOnRollback == null || restoreOnRollback,
        kubernetes);
  }

  /** This configuration with {@link #withDefaults} applied for its own service/environment. */
  public TargetConfig withDefaults() {
    return withDefaults(service, environment);
  }

  /** service/environment. */
  public String target() {
    return service + "/" + environment;
  }

  /** A duration field's value (after {@link #withDefaults}). */
  public static Duration duration(String value) {
    return DurationConverter.parseDuration(value);
  }
}
