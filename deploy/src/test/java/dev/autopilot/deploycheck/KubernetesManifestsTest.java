package dev.autopilot.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.zjsonpatch.JsonPatch;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The schema check of deploy/k8s: every manifest is read into the Kubernetes object model
 * (fabric8's generated classes, one per API type and version) and must leave nothing unknown — a
 * misspelt or misplaced field ends up in a model object's {@code additionalProperties}, which fails
 * here with its path. The production overlay's JSON patches are applied to the base with zjsonpatch
 * and the result is checked the same way. No cluster and no kubectl needed.
 */
class KubernetesManifestsTest {
  static final Path BASE = Tools.ROOT.resolve("deploy/k8s/base");
  static final Path PRODUCTION = Tools.ROOT.resolve("deploy/k8s/overlays/production");
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  static final KubernetesSerialization K8S = new KubernetesSerialization();

  static final List<HasMetadata> resources = new ArrayList<>();
  static final List<JsonNode> documents = new ArrayList<>();

  @BeforeAll
  static void load() throws Exception {
    JsonNode kustomization = YAML.readTree(BASE.resolve("kustomization.yaml").toFile());
    List<String> listed = new ArrayList<>();
    kustomization.get("resources").forEach(r -> listed.add(r.asText()));
    List<String> present =
        Tools.list(BASE, ".yaml").stream()
            .map(p -> p.getFileName().toString())
            .filter(n -> !n.equals("kustomization.yaml"))
            .toList();
    assertThat(listed).as("kustomization.yaml lists every manifest").hasSameElementsAs(present);
    for (String file : listed) {
      try (var parser = YAML.createParser(BASE.resolve(file).toFile())) {
        for (JsonNode doc : YAML.readValues(parser, JsonNode.class).readAll()) {
          if (doc == null || doc.isEmpty()) {
            continue;
          }
          documents.add(doc);
          HasMetadata resource = K8S.convertValue(doc, HasMetadata.class);
          assertThat(unknownFields(resource))
              .as("unknown fields in %s (%s)", file, doc.get("kind"))
              .isEmpty();
          resources.add(resource);
        }
      }
    }
  }

  /** Paths of fields the model did not recognise, anywhere in the object graph. */
  static List<String> unknownFields(Object root) {
    List<String> unknown = new ArrayList<>();
    walk(root, "", unknown, java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
    return unknown;
  }

  private static void walk(Object node, String path, List<String> unknown, Set<Object> seen) {
    if (node == null || !seen.add(node)) {
      return;
    }
    if (node instanceof Collection<?> items) {
      int i = 0;
      for (Object item : items) {
        walk(item, path + "[" + i++ + "]", unknown, seen);
      }
      return;
    }
    if (node instanceof Map<?, ?> map) {
      map.forEach((k, v) -> walk(v, path + "." + k, unknown, seen));
      return;
    }
    if (!node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
      return;
    }
    for (Method method : node.getClass().getMethods()) {
      if (method.getParameterCount() != 0 || !method.getName().startsWith("get")) {
        continue;
      }
      try {
        Object value = method.invoke(node);
        if (method.getName().equals("getAdditionalProperties")) {
          if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
            extra.keySet().forEach(k -> unknown.add(path + "." + k));
          }
        } else if (!method.getName().equals("getClass")) {
          walk(value, path + "." + method.getName().substring(3), unknown, seen);
        }
      } catch (ReflectiveOperationException e) {
        throw new AssertionError(e);
      }
    }
  }

  static List<Deployment> deployments() {
    return resources.stream()
        .filter(Deployment.class::isInstance)
        .map(Deployment.class::cast)
        .toList();
  }

  @Test
  void the_checker_finds_a_misspelt_field() {
    JsonNode bad =
        documents.stream()
            .filter(d -> d.get("kind").asText().equals("Deployment"))
            .findFirst()
            .orElseThrow()
            .deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) bad.get("spec")).put("replica", 2);
    assertThat(unknownFields(K8S.convertValue(bad, HasMetadata.class)))
        .containsExactly(".Spec.replica");
  }

  @Test
  void every_service_has_probes_resources_two_replicas_and_a_disruption_budget() {
    List<Deployment> deployments = deployments();
    assertThat(deployments)
        .extracting(d -> d.getMetadata().getName())
        .containsExactlyInAnyOrder(
            "health-service",
            "alert-service",
            "notification-service",
            "backup-service",
            "deploy-service");
    List<PodDisruptionBudget> budgets =
        resources.stream()
            .filter(PodDisruptionBudget.class::isInstance)
            .map(PodDisruptionBudget.class::cast)
            .toList();
    for (Deployment deployment : deployments) {
      String name = deployment.getMetadata().getName();
      assertThat(deployment.getSpec().getReplicas()).as(name).isGreaterThanOrEqualTo(2);
      Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
      assertThat(container.getLivenessProbe().getHttpGet().getPath())
          .as(name)
          .isEqualTo("/q/health/live");
      assertThat(container.getReadinessProbe().getHttpGet().getPath())
          .as(name)
          .isEqualTo("/q/health/ready");
      assertThat(container.getResources().getRequests()).as(name).containsKeys("cpu", "memory");
      assertThat(container.getResources().getLimits()).as(name).containsKey("memory");
      assertThat(budgets)
          .as("a PodDisruptionBudget selecting %s", name)
          .anySatisfy(
              b ->
                  assertThat(b.getSpec().getSelector().getMatchLabels())
                      .isEqualTo(deployment.getSpec().getSelector().getMatchLabels()));
    }
    assertThat(resources).anySatisfy(r -> assertThat(r).isInstanceOf(NetworkPolicy.class));
  }

  private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|TOKEN|SECRET|_KEY)$");

  @Test
  void secrets_are_referenced_never_inlined() {
    for (Deployment deployment : deployments()) {
      for (EnvVar env :
          deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()) {
        if (SECRET_NAME.matcher(env.getName()).matches()) {
          assertThat(env.getValue())
              .as("%s %s", deployment.getMetadata().getName(), env.getName())
              .isNull();
          assertThat(env.getValueFrom().getSecretKeyRef()).as(env.getName()).isNotNull();
        }
      }
    }
  }

  @Test
  void the_production_overlay_applies_to_the_base_and_stays_valid() throws Exception {
    JsonNode overlay = YAML.readTree(PRODUCTION.resolve("kustomization.yaml").toFile());
    assertThat(overlay.get("resources").get(0).asText()).isEqualTo("../../base");
    Set<String> baseImages = new java.util.HashSet<>();
    deployments()
        .forEach(
            d ->
                d.getSpec()
                    .getTemplate()
                    .getSpec()
                    .getContainers()
                    .forEach(c -> baseImages.add(c.getImage().replaceFirst(":[^:/]+$", ""))));
    overlay
        .get("images")
        .forEach(
            i ->
                assertThat(baseImages)
                    .as("image %s is used in the base", i.get("name"))
                    .contains(i.get("name").asText()));
    for (JsonNode patch : overlay.get("patches")) {
      JsonNode target = patch.get("target");
      Pattern name = Pattern.compile(target.get("name").asText());
      JsonNode operations = YAML.readTree(patch.get("patch").asText());
      int applied = 0;
      for (JsonNode doc : documents) {
        if (doc.get("kind").asText().equals(target.get("kind").asText())
            && name.matcher(doc.get("metadata").get("name").asText()).matches()) {
          JsonNode patched = JsonPatch.apply(operations, doc);
          assertThat(unknownFields(K8S.convertValue(patched, HasMetadata.class))).isEmpty();
          applied++;
        }
      }
      assertThat(applied).as("patch %s matches something", target).isPositive();
    }
  }
}
