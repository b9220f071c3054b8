package dev.autopilot.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/compose/docker-compose.yml as Docker Compose itself reads it: {@code docker-compose
 * config} (the client validates the file against the Compose schema and resolves it without a
 * Docker engine), with secrets made by the project's own make-secrets.
 */
class ComposeFileTest {
  static final Path COMPOSE = Tools.ROOT.resolve("deploy/compose");
  static final List<String> SERVICES =
      List.of(
          "health-service",
          "alert-service",
          "notification-service",
          "backup-service",
          "deploy-service");

  @TempDir static Path secrets;
  static JsonNode resolved;

  @BeforeAll
  static void resolve() throws Exception {
    Map<String, String> env = Map.of("AUTOPILOT_COMPOSE_SECRETS", secrets.toString());
    Tools.ok(env, COMPOSE, COMPOSE.resolve("make-secrets").toString());
    String config = Tools.ok(env, COMPOSE, "docker-compose", "-f", "docker-compose.yml", "config");
    resolved = new ObjectMapper(new YAMLFactory()).readTree(config);
  }

  @Test
  void make_secrets_writes_every_secret_the_file_names_and_keeps_them_on_a_second_run()
      throws Exception {
    for (String name :
        List.of(
            "postgres-password",
            "tokens",
            "alertmanager-token",
            "s3-secret-key",
            "grafana-admin-password",
            "services.env")) {
      assertThat(secrets.resolve(name)).isNotEmptyFile();
    }
    String before = Files.readString(secrets.resolve("tokens"));
    Tools.ok(
        Map.of("AUTOPILOT_COMPOSE_SECRETS", secrets.toString()),
        COMPOSE,
        COMPOSE.resolve("make-secrets").toString());
    assertThat(Files.readString(secrets.resolve("tokens"))).isEqualTo(before);
    assertThat(before).doesNotContain(Files.readString(secrets.resolve("client-token")));
  }

  @Test
  void every_container_has_a_healthcheck_and_the_services_wait_for_healthy_stores() {
    JsonNode services = resolved.get("services");
    services
        .fields()
        .forEachRemaining(
            e -> {
              if (!e.getKey().equals("minio-init")) {
                assertThat(e.getValue().has("healthcheck")).as(e.getKey()).isTrue();
              }
            });
    for (String service : SERVICES) {
      JsonNode dependsOn = services.get(service).get("depends_on");
      for (String store : List.of("postgres", "kafka", "redis")) {
        assertThat(dependsOn.get(store).get("condition").asText())
            .as("%s waits for %s", service, store)
            .isEqualTo("service_healthy");
      }
      assertThat(services.get(service).get("healthcheck").get("test").toString())
          .contains("/q/health/ready");
    }
    assertThat(services.get("backup-service").get("depends_on").get("minio-init").get("condition"))
        .hasToString("\"service_completed_successfully\"");
  }

  @Test
  void kafka_runs_in_kraft_mode_and_the_full_stack_is_there() {
    JsonNode services = resolved.get("services");
    assertThat(services.get("kafka").get("environment").get("KAFKA_PROCESS_ROLES").asText())
        .isEqualTo("broker,controller");
    for (String name :
        List.of("postgres", "redis", "minio", "mailpit", "prometheus", "alertmanager", "grafana")) {
      assertThat(services.has(name)).as(name).isTrue();
    }
  }

  @Test
  void no_secret_value_is_written_into_the_compose_file_itself() throws Exception {
    String file = Files.readString(COMPOSE.resolve("docker-compose.yml"));
    assertThat(file)
        .doesNotContainPattern("(?i)(PASSWORD|TOKEN|SECRET_KEY|LINKS_KEY)\\s*:\\s*[^\\s{$\\[]");
  }

  @Test
  void a_misspelt_key_is_refused_so_this_check_can_fail(@TempDir Path dir) throws Exception {
    Path broken = dir.resolve("docker-compose.yml");
    Files.writeString(
        broken, "services:\n  redis:\n    image: redis:7\n    helthcheck:\n      test: [x]\n");
    Tools.Result result =
        Tools.run(Map.of(), dir, "docker-compose", "-f", "docker-compose.yml", "config", "-q");
    assertThat(result.exit()).isNotZero();
    assertThat(result.output()).contains("helthcheck");
  }
}
