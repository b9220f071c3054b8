package dev.autopilot.deploy.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autopilot.deploy.target.TargetConfig;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The kubernetes executor against fabric8's mock API server (CRUD mode), the only Kubernetes API
 * available here. The test plays the Deployment controller: once the image changed, it reports the
 * new replicas ready in the status.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesRolloutExecutorTest {
  KubernetesClient client;

  private KubernetesRolloutExecutor executor;

  @BeforeEach
  void deployment() {
    executor = new KubernetesRolloutExecutor(client, Duration.ofMillis(50));
    client
        .apps()
        .deployments()
        .inNamespace("prod")
        .resource(
            new DeploymentBuilder()
                .withNewMetadata()
                .withName("shop")
                .withNamespace("prod")
                .endMetadata()
                .withNewSpec()
                .withReplicas(2)
                .withNewTemplate()
                .withNewSpec()
                .addNewContainer()
                .withName("app")
                .withImage("registry/shop:1.0.0")
                .endContainer()
                .addNewContainer()
                .withName("sidecar")
                .withImage("envoy:1")
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build())
        .create();
  }

  @Test
  void setsTheImageAndWaitsForEveryReplica() throws Exception {
    CompletableFuture<StepResult> result = rollOut("1.1.0", "30s");

    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> image("app").endsWith(":1.1.0"));
    assertThat(result).isNotDone();
    playController(2);

    StepResult done = result.get();
    assertThat(done.succeeded()).as(done.summary()).isTrue();
    assertThat(done.summary()).contains("rollout of prod/shop to registry/shop:1.1.0 complete");
    assertThat(image("sidecar")).isEqualTo("envoy:1");
  }

  @Test
  void rolloutThatNeverBecomesReadyTimesOut() throws Exception {
    StepResult done = rollOut("1.2.0", "1s").get();
    assertThat(done.succeeded()).isFalse();
    assertThat(done.summary()).contains("not complete within PT1S");
  }

  @Test
  void rollbackSetsThePreviousImage() throws Exception {
    CompletableFuture<StepResult> result =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return executor.rollBack(
                    new RolloutTarget(UUID.randomUUID(), "shop", "prod", "0.9.0"), config("30s"));
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> image("app").endsWith(":0.9.0"));
    playController(2);
    assertThat(result.get().summary()).startsWith("rollback of prod/shop");
  }

  @Test
  void missingDeploymentOrContainerFails() throws Exception {
    TargetConfig other =
        config(new TargetConfig.Kubernetes("prod", "nope", "app", "registry/x:{version}"), "5s");
    assertThat(
            executor
                .rollOut(new RolloutTarget(UUID.randomUUID(), "shop", "prod", "1"), other)
                .summary())
        .contains("does not exist");
    TargetConfig noContainer =
        config(new TargetConfig.Kubernetes("prod", "shop", "web", "registry/x:{version}"), "5s");
    assertThat(
            executor
                .rollOut(new RolloutTarget(UUID.randomUUID(), "shop", "prod", "1"), noContainer)
                .summary())
        .contains("has no container web");
  }

  private CompletableFuture<StepResult> rollOut(String version, String timeout) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return executor.rollOut(
                new RolloutTarget(UUID.randomUUID(), "shop", "prod", version), config(timeout));
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  private void playController(int replicas) {
    Deployment d = client.apps().deployments().inNamespace("prod").withName("shop").get();
    d.setStatus(
        new DeploymentStatusBuilder()
            .withObservedGeneration(d.getMetadata().getGeneration())
            .withReplicas(replicas)
            .withUpdatedReplicas(replicas)
            .withAvailableReplicas(replicas)
            .withReadyReplicas(replicas)
            .build());
    client.apps().deployments().inNamespace("prod").resource(d).updateStatus();
  }

  private String image(String container) {
    return client
        .apps()
        .deployments()
        .inNamespace("prod")
        .withName("shop")
        .get()
        .getSpec()
        .getTemplate()
        .getSpec()
        .getContainers()
        .stream()
        .filter(c -> container.equals(c.getName()))
        .findFirst()
        .orElseThrow()
        .getImage();
  }

  private static TargetConfig config(String timeout) {
    return config(
        new TargetConfig.Kubernetes("prod", "shop", "app", "registry/shop:{version}"), timeout);
  }

  private static TargetConfig config(TargetConfig.Kubernetes kubernetes, String timeout) {
    return new TargetConfig(
            "shop",
            "prod",
            TargetConfig.KUBERNETES,
            null,
            timeout,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            List.of(),
            null,
            null,
            null,
            kubernetes)
        .withDefaults();
  }
}
