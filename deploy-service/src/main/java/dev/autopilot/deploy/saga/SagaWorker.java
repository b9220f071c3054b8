package dev.autopilot.deploy.saga;

import dev.autopilot.deploy.config.DeployConfig;
import dev.autopilot.deploy.rollout.CommandRolloutExecutor;
import dev.autopilot.deploy.rollout.HealthGate;
import dev.autopilot.deploy.rollout.RolloutExecutors;
import dev.autopilot.deploy.rollout.RolloutTarget;
import dev.autopilot.deploy.rollout.StepResult;
import dev.autopilot.deploy.store.DeploymentRecord;
import dev.autopilot.deploy.store.DeploymentRepository;
import dev.autopilot.deploy.store.TargetRepository;
import dev.autopilot.deploy.target.TargetConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Drives the saga once a second: renews the leases of the steps it runs, starts queued deployments,
 * times out backups and restores, ends bakes, releases deployments held for a maintenance window
 * once it opens, and claims worker-run steps (VALIDATE, MIGRATE, ROLLOUT, VERIFY, ROLLBACK, the
 * restore request) nobody holds — including those a crashed or restarted replica left behind (hence
 * commands must be idempotent). Steps run on this worker's own threads, never inside a transaction.
 */
@ApplicationScoped
public class SagaWorker {
  private static final Logger LOG = Logger.getLogger(SagaWorker.class);
  private static final int MAX_STARTS_PER_TICK = 20;

  private final SagaStarter starter;
  private final BackupGate backups;
  private final RestoreGate restores;
  private final BakeWatch bakes;
  private final WindowHolds holds;
  private final StepClaims claims;
  private final Validation validation;
  private final RolloutExecutors executors;
  private final CommandRolloutExecutor commands;
  private final HealthGate healthGate;
  private final RestoreRequests restoreRequests;
  private final DeploymentRepository deployments;
  private final TargetRepository targets;
  private final DeployConfig config;
  private final String owner;
  private final Set<UUID> inFlight = ConcurrentHashMap.newKeySet();
  private final ExecutorService pool;

  public SagaWorker(
      SagaStarter starter,
      BackupGate backups,
      RestoreGate restores,
      BakeWatch bakes,
      WindowHolds holds,
      StepClaims claims,
      Validation validation,
      RolloutExecutors executors,
      CommandRolloutExecutor commands,
      HealthGate healthGate,
      RestoreRequests restoreRequests,
      DeploymentRepository deployments,
      TargetRepository targets,
      DeployConfig config) {
    this.starter = starter;
    this.backups = backups;
    this.restores = restores;
    this.bakes = bakes;
    this.holds = holds;
    this.claims = claims;
    this.validation = validation;
    this.executors = executors;
    this.commands = commands;
    this.healthGate = healthGate;
    this.restoreRequests = restoreRequests;
    this.deployments = deployments;
    this.targets = targets;
    this.config = config;
    this.owner =
        System.getenv().getOrDefault("HOSTNAME", "deploy-service")
            + "/"
            + UUID.randomUUID().toString().substring(0, 8);
    AtomicInteger threads = new AtomicInteger();
    this.pool =
        Executors.newFixedThreadPool(
            config.worker().concurrency(),
            task -> {
              Thread thread = new Thread(task, "deploy-step-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void tick() {
    guarded("renewing leases", () -> claims.renew(owner, Set.copyOf(inFlight), lease()));
    guarded(
        "starting deployments",
        () -> {
          for (int i = 0; i < MAX_STARTS_PER_TICK && starter.startNext(); i++) {
            // one transaction per started deployment
          }
        });
    guarded("timing out backups", backups::timeOut);
    guarded("timing out restores", restores::timeOut);
    guarded("ending bakes", bakes::finishDue);
    guarded("releasing deployments held for a maintenance window", holds::releaseDue);
    guarded("claiming steps", this::claimAndRun);
  }

  private void claimAndRun() {
    int free = config.worker().concurrency() - inFlight.size();
    if (free <= 0) {
      return;
    }
    List<StepClaims.Claim> claimed = claims.claim(owner, lease(), free);
    for (StepClaims.Claim claim : claimed) {
      inFlight.add(claim.deployment().id());
      pool.execute(() -> run(claim));
    }
  }

  private void run(StepClaims.Claim claim) {
    DeploymentRecord d = claim.deployment();
    try {
      LOG.infof("deployment %s (%s %s): running %s", d.id(), d.target(), d.version(), claim.step());
      StepResult result = execute(claim);
      if (!claims.complete(claim, owner, result)) {
        LOG.warnf("deployment %s: lost the lease on %s; outcome dropped", d.id(), claim.step());
      }
    } catch (InterruptedException e) {
      // Shutting down: the step stays RUNNING and is resumed once this lease lapses.
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.errorf(e, "deployment %s: %s could not be recorded; it runs again", d.id(), claim.step());
    } finally {
      inFlight.remove(d.id());
    }
  }

  private StepResult execute(StepClaims.Claim claim) throws InterruptedException {
    DeploymentRecord d = claim.deployment();
    Optional<TargetConfig> found = targets.find(d.service(), d.environment());
    if (found.isEmpty()) {
      return StepResult.failed(d.target() + " is no longer configured for deployment");
    }
    TargetConfig target = found.get();
    RolloutTarget rollout = new RolloutTarget(d.id(), d.service(), d.environment(), d.version());
    return switch (claim.step()) {
      case VALIDATE -> validation.check(d, target);
      case MIGRATE -> {
        // Recorded first: a migration may change the schema even when it fails or is cut short.
        deployments.markMigrated(d.id());
        yield commands.run(
            target.commands().migrate(), rollout, TargetConfig.duration(target.commandTimeout()));
      }
      case ROLLOUT -> {
        deployments.markRolledOut(d.id());
        yield executors.of(target).rollOut(rollout, target);
      }
      case VERIFY -> healthGate.await(target);
      case ROLLBACK ->
          d.rolledOut()
              ? executors
                  .of(target)
                  .rollBack(
                      new RolloutTarget(d.id(), d.service(), d.environment(), d.previousVersion()),
                      target)
              : StepResult.succeeded("nothing was rolled out; the restore point is restored");
      case RESTORE -> restoreRequests.request(d);
      default -> StepResult.failed(claim.step() + " is not run by the worker");
    };
  }

  private Duration lease() {
    return config.worker().lease();
  }

  private static void guarded(String what, Runnable work) {
    try {
      work.run();
    } catch (RuntimeException e) {
      LOG.warnf(e, "saga worker: %s failed; retrying next tick", what);
    }
  }

  @PreDestroy
  void stop() {
    pool.shutdownNow();
    try {
      pool.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
