package dev.autopilot.alert;

import static dev.autopilot.testing.KafkaTestClient.data;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autopilot.platform.event.Topics;
import dev.autopilot.testing.KafkaTestClient;
import dev.autopilot.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The real thing: Prometheus 2.42 (Debian package) scrapes this service's /q/metrics, its rule
 * fires, Alertmanager 0.25 posts the webhook here with a bearer token, and alert.fired appears on
 * Kafka; then a {@code prometheus}-source rule queries the same Prometheus.
 */
@QuarkusTest
@QuarkusTestResource(AlertServiceTestResource.class)
class RealPrometheusAlertmanagerTest {
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final String PROMETHEUS = "/usr/bin/prometheus";
  private static final String ALERTMANAGER = "/usr/bin/prometheus-alertmanager";
  private static final KafkaTestClient kafka = KafkaTestClient.shared();
  private static final List<Process> PROCESSES = new ArrayList<>();

  @AfterAll
  static void close() {
    PROCESSES.forEach(Process::destroy);
    FakePrometheus.proxyTo(null);
  }

  @Test
  void prometheusRuleFiresThroughAlertmanagerAndAPrometheusSourceRuleQueriesIt() throws Exception {
    Assumptions.assumeTrue(
        new File(PROMETHEUS).canExecute() && new File(ALERTMANAGER).canExecute(),
        "prometheus and prometheus-alertmanager (Debian packages) are not installed");
    String run = "it" + UUID.randomUUID().toString().substring(0, 8);
    int promPort = freePort();
    int amPort = freePort();
    Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "prometheus-it");
    Files.writeString(
        dir.resolve("alertmanager.yml"),
        """
        route:
          receiver: autopilot
          group_by: [alertname]
          group_wait: 1s
          group_interval: 1s
          repeat_interval: 1h
        receivers:
          - name: autopilot
            webhook_configs:
              - url: http://127.0.0.1:%d/webhooks/alertmanager
                send_resolved: true
                http_config:
                  authorization:
                    type: Bearer
                    credentials: %s
        """
            .formatted(RestAssured.port, TestTokens.OPERATOR));
    Files.writeString(
        dir.resolve("rules.yml"),
        """
        groups:
          - name: it
            interval: 1s
            rules:
              - alert: AlertServiceScraped
                expr: up{job="alert-service"} == 1
                labels: {severity: critical, service: %s}
                annotations: {summary: "{{ $labels.instance }} is up"}
        """
            .formatted(run));
    Files.writeString(
        dir.resolve("prometheus.yml"),
        """
        global: {scrape_interval: 1s, evaluation_interval: 1s}
        rule_files: [rules.yml]
        alerting:
          alertmanagers:
            - static_configs: [{targets: ["127.0.0.1:%d"]}]
        scrape_configs:
          - job_name: alert-service
            metrics_path: /q/metrics
            static_configs: [{targets: ["127.0.0.1:%d"]}]
        """
            .formatted(amPort, RestAssured.port));
    start(
        dir,
        "alertmanager",
        ALERTMANAGER,
        "--config.file=" + dir.resolve("alertmanager.yml"),
        "--storage.path=" + dir.resolve("am-data"),
        "--web.listen-address=127.0.0.1:" + amPort,
        "--cluster.listen-address=",
        "--web.external-url=http://127.0.0.1:" + amPort);
    start(
        dir,
        "prometheus",
        PROMETHEUS,
        "--config.file=" + dir.resolve("prometheus.yml"),
        "--storage.tsdb.path=" + dir.resolve("prom-data"),
        "--web.listen-address=127.0.0.1:" + promPort,
        "--rules.alert.resend-delay=2s");

    // Prometheus → rule fires → Alertmanager → POST /webhooks/alertmanager → alert.fired.
    JsonNode fired =
        data(
            kafka
                .awaitRecords(
                    Topics.ALERT_FIRED,
                    r -> run.equals(data(r).path("labels").path("service").asText()),
                    1,
                    WAIT)
                .get(0));
    assertThat(fired.get("name").asText()).isEqualTo("AlertServiceScraped");
    assertThat(fired.get("severity").asText()).isEqualTo("P0");
    assertThat(fired.path("labels").path("job").asText()).isEqualTo("alert-service");
    assertThat(fired.path("annotations").path("summary").asText()).endsWith(" is up");

    // A prometheus-source rule here queries the same Prometheus (through the recording receiver).
    FakePrometheus.proxyTo("http://127.0.0.1:" + promPort);
    String group = "real" + run;
    given()
        .auth()
        .oauth2(TestTokens.ADMIN)
        .contentType(ContentType.JSON)
        .body(
            "{\"name\":\"ScrapedHere\",\"group\":\""
                + group
                + "\",\"source\":\"prometheus\",\"expr\":\"up{job=\\\"alert-service\\\"}\","
                + "\"comparison\":\"==\",\"threshold\":1,\"interval\":\"1s\","
                + "\"labels\":{\"run\":\""
                + run
                + "\"}}")
        .post("/rules")
        .then()
        .statusCode(201);
    JsonNode ours =
        data(
            kafka
                .awaitRecords(
                    Topics.ALERT_FIRED,
                    r ->
                        run.equals(data(r).path("labels").path("run").asText())
                            && "ScrapedHere".equals(data(r).path("name").asText()),
                    1,
                    WAIT)
                .get(0));
    assertThat(ours.path("labels").path("instance").asText())
        .isEqualTo("127.0.0.1:" + RestAssured.port);
    assertThat(ours.get("value").asDouble()).isEqualTo(1.0);
    FakePrometheus.proxyTo(null);
    given()
        .auth()
        .oauth2(TestTokens.ADMIN)
        .delete("/rules/" + group + "/ScrapedHere")
        .then()
        .statusCode(204);
  }

  private static void start(Path dir, String name, String... command) throws IOException {
    PROCESSES.add(
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve(name + ".log").toFile())
            .start());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
