package dev.autopilot.deploy.saga;

import dev.autopilot.deploy.config.DeployConfig;
import dev.autopilot.deploy.rollout.ReadinessCheck;
import dev.autopilot.deploy.rollout.RolloutExecutor;
import dev.autopilot.deploy.rollout.RolloutTarget;
import dev.autopilot.deploy.rollout.StepResult;
import dev.autopilot.deploy.store.DeploymentRecord;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.List;
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
 * times out backups, and claims ROLLING_OUT/VERIFYING deployments nobody holds — including those a
 * crashed or restarted replica left behind (hence deploy commands must be idempotent). Steps run on
 * this worker's own threads, never inside a transaction.
 */
@ApplicationScoped
public class SagaWorker {
  private static final Logger LOG = Logger.getLogger(SagaWorker.class);
  private static final int MAX_STARTS_PER_TICK = 20;

  private final SagaStarter starter;
  private final BackupGate backups;
  private final StepClaims claims;
  private final RolloutExecutor executor;
  private final ReadinessCheck readiness;
  private final DeployConfig config;
  private final String owner;
  private final Set<UUID> inFlight = ConcurrentHashMap.newKeySet();
  private final ExecutorService pool;

  public SagaWorker(
      SagaStarter starter,
      BackupGate backups,
      StepClaims claims,
      RolloutExecutor executor,
      ReadinessCheck readiness,
      DeployConfig config) {
    this.starter = starter;
    this.backups = backups;
    this.claims = claims;
    this.executor = executor;
    this.readiness = readiness;
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
    DeployConfig.Service service = config.services().get(d.service());
    if (service == null) {
      return StepResult.failed(d.service() + " is no longer configured for deployment");
    }
    return switch (claim.step()) {
      case ROLLOUT ->
          executor.rollOut(
              new RolloutTarget(d.id(), d.service(), d.environment(), d.version()), service);
      case VERIFY ->
          readiness.await(URI.create(service.readinessUrl()), service.readinessTimeout());
      default -> StepResult.failed(claim.step() + " is not run by the worker");
    };
  }

  private java.time.Duration lease() {
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
