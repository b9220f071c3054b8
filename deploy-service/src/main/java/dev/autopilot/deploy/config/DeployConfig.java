package dev.autopilot.deploy.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * deploy-service configuration ({@code deploy.*}). Commands come only from here (admin-written); a
 * request may pick a service, an environment and a version, never a command or an argument.
 */
@ConfigMapping(prefix = "deploy")
public interface DeployConfig {
  /**
   * Deployable services in properties form: {@code deploy.services."<service>".*}, one target per
   * listed environment. Seeded into the target table at start, like {@link #targetsFile()}.
   */
  Map<String, Service> services();

  /**
   * A YAML file of targets ({@code targets: [{service, environment, executor, commands, ...}]}),
   * loaded at start: every target it names is created or replaced. Admins change targets at run
   * time over REST ({@code /targets}).
   */
  Optional<String> targetsFile();

  /** Maintenance windows. */
  Maintenance maintenance();

  /** alert-service, asked for the deploy gate (quarkus.rest-client.alert-service.url). */
  Peer alertService();

  /** health-service, asked for the health gate's on-demand checks. */
  Peer healthService();

  /** backup-service, asked to restore a restore point. */
  Peer backupService();

  /** Another service of the suite, called with autopilot.client.token. */
  interface Peer {
    /** Its base URL, e.g. http://localhost:8082. */
    String url();
  }

  /** Maintenance windows and their events. */
  interface Maintenance {
    /** maintenance.scheduled is emitted for an occurrence once it starts within this horizon. */
    @WithDefault("8d")
    Duration announceAhead();

    /**
     * A deployment that requires a maintenance window and arrives outside one is held until the
     * next window opens, if one opens within this horizon; otherwise it is rejected.
     */
    @WithDefault("8d")
    Duration holdHorizon();
  }

  /** The saga worker of this replica. */
  Worker worker();

  /** How one service is deployed. */
  interface Service {
    /**
     * The deploy command: the executable, then fixed arguments. Run without a shell; the target
     * arrives as AUTOPILOT_SERVICE, AUTOPILOT_ENVIRONMENT, AUTOPILOT_VERSION and
     * AUTOPILOT_DEPLOYMENT_ID environment variables. Must be idempotent: a deployment interrupted
     * by a restart runs it again.
     */
    List<String> command();

    /** Polled (GET, 1 s apart) after the roll-out until it answers 200. */
    String readinessUrl();

    /** How long the readiness URL may take to answer 200 before the deployment fails. */
    @WithDefault("60s")
    Duration readinessTimeout();

    /** How long the command may run before it is killed and the deployment fails. */
    @WithDefault("10m")
    Duration commandTimeout();

    /** The backup-service source backed up before each deployment; none when absent. */
    Optional<String> backupSource();

    /** How long to wait for backup-service's answer before the deployment fails. */
    @WithDefault("30m")
    Duration backupTimeout();

    /** Environments this service may be deployed to. */
    @WithDefault("local")
    List<String> environments();

    /** Run with AUTOPILOT_VERSION set to the previous version to roll back; none when absent. */
    Optional<List<String>> rollbackCommand();

    /** Run after the backup and before the roll-out; no MIGRATE step when absent. */
    Optional<List<String>> migrateCommand();

    /** How long to watch for trouble after the readiness check passed. */
    @WithDefault("0s")
    Duration bakeTime();
  }

  /** The saga worker of this replica. */
  interface Worker {
    /** Roll-outs and verifications this replica runs at once. */
    @WithDefault("4")
    int concurrency();

    /**
     * How long a claim on a running step lasts without renewal. The worker renews its claims every
     * second; a crashed replica's steps are resumed by any replica once its claims lapse.
     */
    @WithDefault("15s")
    Duration lease();
  }
}
