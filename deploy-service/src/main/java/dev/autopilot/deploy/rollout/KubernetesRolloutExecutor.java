package dev.autopilot.deploy.rollout;

import dev.autopilot.deploy.target.TargetConfig;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.RollableScalableResource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Objects;

/**
 * Rolls out on Kubernetes with the fabric8 client: sets the container's image of a Deployment to
 * the version's image, then watches the rollout the way {@code kubectl rollout status} does
 * (observedGeneration caught up, every replica updated and available) until {@code commandTimeout}.
 * A rollback sets the previous version's image the same way (the previous tag), rather than {@code
 * rollout undo}, so it returns to exactly the version the saga recorded.
 */
@ApplicationScoped
public class KubernetesRolloutExecutor implements RolloutExecutor {
  private final KubernetesClient client;
  private final Duration pollInterval;

  @Inject
  public KubernetesRolloutExecutor(KubernetesClient client) {
    this(client, Duration.ofSeconds(2));
  }

  KubernetesRolloutExecutor(KubernetesClient client, Duration pollInterval) {
    this.client = client;
    this.pollInterval = pollInterval;
  }

  @Override
  public StepResult rollOut(RolloutTarget target, TargetConfig config) throws InterruptedException {
    return setImageAndWatch("rollout", target, config);
  }

  @Override
  public StepResult rollBack(RolloutTarget target, TargetConfig config)
      throws InterruptedException {
    return setImageAndWatch("rollback", target, config);
  }

  private StepResult setImageAndWatch(String action, RolloutTarget target, TargetConfig config)
      throws InterruptedException {
    TargetConfig.Kubernetes k = config.kubernetes();
    String image = k.image().replace("{version}", target.version());
    String name = k.namespace() + "/" + k.deployment();
    RollableScalableResource<Deployment> resource =
        client.apps().deployments().inNamespace(k.namespace()).withName(k.deployment());
    try {
      if (resource.get() == null) {
        return StepResult.failed("deployment " + name + " does not exist");
      }
      Deployment edited =
          resource.edit(
              d -> {
                Container container =
                    d.getSpec().getTemplate().getSpec().getContainers().stream()
                        .filter(c -> k.container().equals(c.getName()))
                        .findFirst()
                        .orElseThrow(
                            () ->
                                new IllegalStateException(
                                    "deployment " + name + " has no container " + k.container()));
                container.setImage(image);
                return d;
              });
      Long generation = edited.getMetadata().getGeneration();
      return watch(action, resource, name, image, generation, config);
    } catch (KubernetesClientException | IllegalStateException e) {
      return StepResult.failed(
          action + " of " + name + " to " + image + " failed: " + e.getMessage());
    }
  }

  private StepResult watch(
      String action,
      RollableScalableResource<Deployment> resource,
      String name,
      String image,
      Long generation,
      TargetConfig config)
      throws InterruptedException {
    Duration timeout = TargetConfig.duration(config.commandTimeout());
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    String last = "no status yet";
    while (true) {
      Deployment current = resource.get();
      if (current == null) {
        return StepResult.failed("deployment " + name + " disappeared during the " + action);
      }
      last = describe(current.getStatus());
      if (complete(current, generation)) {
        long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
        return StepResult.succeeded(
            action
                + " of "
                + name
                + " to "
                + image
                + " complete after "
                + ms
                + " ms ("
                + last
                + ")");
      }
      if (System.nanoTime() + pollInterval.toNanos() > deadline) {
        return StepResult.failed(
            action
                + " of "
                + name
                + " to "
                + image
                + " not complete within "
                + timeout
                + " ("
                + last
                + ")");
      }
      Thread.sleep(pollInterval.toMillis());
    }
  }

  /** As {@code kubectl rollout status}: the controller saw the change and every replica is new. */
  static boolean complete(Deployment d, Long generation) {
    DeploymentStatus status = d.getStatus();
    if (status == null) {
      return false;
    }
    int desired = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
    boolean observed =
        generation == null
            || (status.getObservedGeneration() != null
                && status.getObservedGeneration() >= generation);
    return observed
        && Objects.equals(status.getUpdatedReplicas(), desired)
        && Objects.equals(status.getReplicas(), desired)
        && Objects.equals(status.getAvailableReplicas(), desired);
  }

  private static String describe(DeploymentStatus s) {
    if (s == null) {
      return "no status yet";
    }
    return "updated "
        + s.getUpdatedReplicas()
        + ", available "
        + s.getAvailableReplicas()
        + ", total "
        + s.getReplicas()
        + ", observed generation "
        + s.getObservedGeneration();
  }
}
