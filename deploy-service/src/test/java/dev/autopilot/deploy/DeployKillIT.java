package dev.autopilot.deploy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autopilot.platform.event.Topics;
import dev.autopilot.testing.AutopilotStackResource;
import dev.autopilot.testing.SharedStack;
import dev.autopilot.testing.TestTokens;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * kill -9 for real: the packaged deploy-service ({@code target/quarkus-app/quarkus-run.jar}, built
 * by {@code package}; this runs in {@code integration-test}) as its own JVM against the test JVM's
 * real Kafka and Postgres, deploying the sample app with the command executor. The JVM is killed
 * with SIGKILL ({@link Process#destroyForcibly()} on Linux) while the deployment BAKEs, a second
 * JVM is started on the same database, and the deployment must finish SUCCEEDED with every step run
 * exactly once: the deploy command ran once, one attempt and one deploy.step.completed per step.
 */
class DeployKillIT {
  private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
  private static final Path DIR = Path.of("target", "deploy-kill-it").toAbsolutePath();
  private static final String DATABASE = "deploy_kill";
  private static final ObjectMapper JSON = new ObjectMapper();
  // Upper bounds only, generous for a loaded 2-core CI machine: on an idle one the whole test takes
  // about a minute (two JVM starts, the sample app's start, a 20 s bake).
  private static final Duration START = Duration.ofSeconds(180);
  private static final Duration STEPS = Duration.ofSeconds(240);

  private final List<Process> services = new ArrayList<>();
  private PeerStandIns peers;

  @Test
  void killedDuringBakeTheRestartedServiceResumesAndFinishesWithoutRepeatingAStep()
      throws Exception {
    assertThat(JAR).as("run after package: %s", JAR).exists();
    SharedStack stack = SharedStack.get();
    stack.createDatabase(DATABASE);
    Path sampleDir = prepareSample();
    peers = new PeerStandIns(DIR);
    int port = freePort();
    Map<String, String> config = config(stack, port);

    Process first = start(config, "first");
    String base = "http://127.0.0.1:" + port;
    String version = "2.0." + (System.currentTimeMillis() % 100000);
    String id =
        given()
            .baseUri(base)
            .auth()
            .oauth2(TestTokens.OPERATOR)
            .contentType(ContentType.JSON)
            .body(
                "{\"service\":\"sample\",\"environment\":\"kill\",\"version\":\"" + version + "\"}")
            .post("/deployments")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    Awaitility.await("deployment BAKING")
        .atMost(STEPS)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> "BAKING".equals(state(stack, id)));

    first.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no @PreDestroy
    assertThat(first.waitFor()).as("exit status of a SIGKILLed JVM").isEqualTo(137);
    Instant killedAt = Instant.now();
    assertThat(state(stack, id)).isEqualTo("BAKING");
    assertThat(steps(stack, id))
        .containsExactly(
            "VALIDATE SUCCEEDED",
            "BACKUP SKIPPED",
            "MIGRATE SKIPPED",
            "ROLLOUT SUCCEEDED",
            "VERIFY SUCCEEDED",
            "BAKE RUNNING");

    start(config, "second");
    Awaitility.await("deployment SUCCEEDED after the restart")
        .atMost(STEPS)
        .pollInterval(Duration.ofMillis(250))
        .until(() -> "SUCCEEDED".equals(state(stack, id)));

    // No completed step ran again: one attempt each, the BAKE finished by the second JVM.
    assertThat(steps(stack, id))
        .containsExactly(
            "VALIDATE SUCCEEDED",
            "BACKUP SKIPPED",
            "MIGRATE SKIPPED",
            "ROLLOUT SUCCEEDED",
            "VERIFY SUCCEEDED",
            "BAKE SUCCEEDED");
    assertThat(bakeFinishedAt(stack, id)).isAfter(killedAt);
    // The deploy command ran once (the script appends each version it deploys).
    assertThat(Files.readAllLines(sampleDir.resolve("deployed"))).containsExactly(version);
    // One deploy.step.completed per step and one deploy.succeeded, across both JVMs. Counted by
    // CloudEvent id: the outbox publishes at least once, so a record acked by Kafka just before
    // the kill (its sent_at not yet written) is published again with the same id after the
    // restart, and the consumers' inbox absorbs it (docs/architecture.md).
    Awaitility.await("deploy.succeeded published")
        .atMost(Duration.ofSeconds(30))
        .until(() -> !events(stack, Topics.DEPLOY_SUCCEEDED, id).isEmpty());
    Map<String, String> succeeded = events(stack, Topics.DEPLOY_SUCCEEDED, id);
    assertThat(succeeded).hasSize(1);
    assertThat(json(succeeded.values().iterator().next()).path("version").asText())
        .isEqualTo(version);
    // In any order: one loaded run saw BAKE's event reach Kafka before VERIFY's (published late
    // by the second JVM's relay); what matters here is one event per step.
    Map<String, String> stepEvents = events(stack, Topics.DEPLOY_STEP_COMPLETED, id);
    assertThat(
            stepEvents.values().stream()
                .map(DeployKillIT::json)
                .map(e -> e.path("step").asText() + " " + e.path("outcome").asText())
                .toList())
        .containsExactlyInAnyOrder(
            "VALIDATE SUCCEEDED",
            "BACKUP SKIPPED",
            "MIGRATE SKIPPED",
            "ROLLOUT SUCCEEDED",
            "VERIFY SUCCEEDED",
            "BAKE SUCCEEDED");
    // The sample app, started by the command the first JVM ran, serves the new version.
    String served =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://127.0.0.1:"
                                + Files.readString(sampleDir.resolve("port")).strip()
                                + "/version"))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    assertThat(served).contains(version);
  }

  /**
   * The events of this deployment on {@code topic}, read from the beginning to the end of the
   * topic: CloudEvent id → JSON data, in the order first published (a re-publication keeps its id).
   */
  private static Map<String, String> events(SharedStack stack, String topic, String id) {
    Map<String, String> byId = new LinkedHashMap<>();
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "deploy-kill-it-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        assertThat(System.nanoTime()).as("reading " + topic + " to its end").isLessThan(deadline);
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          if (record.value() != null
              && id.equals(json(record.value()).path("deploymentId").asText())) {
            Header ceId = record.headers().lastHeader("ce_id");
            assertThat(ceId).as("ce_id header").isNotNull();
            byId.putIfAbsent(new String(ceId.value(), StandardCharsets.UTF_8), record.value());
          }
        }
      }
    }
    return byId;
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }

  @AfterEach
  void stop() throws Exception {
    for (Process p : services) {
      if (p.isAlive()) {
        p.destroy();
        if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      }
    }
    Path pid = DIR.resolve("sample-kill").resolve("pid");
    if (Files.exists(pid)) {
      ProcessHandle.of(Long.parseLong(Files.readString(pid).strip()))
          .ifPresent(ProcessHandle::destroy);
    }
    if (peers != null) {
      peers.stop();
    }
  }

  /** The configuration both JVMs get, as system properties. */
  private Map<String, String> config(SharedStack stack, int port) {
    Map<String, String> config =
        new LinkedHashMap<>(AutopilotStackResource.config(stack, DATABASE));
    config.put("quarkus.http.port", Integer.toString(port));
    config.put("deploy.alert-service.url", peers.baseUrl());
    config.put("deploy.health-service.url", peers.baseUrl());
    config.put("deploy.backup-service.url", peers.baseUrl());
    config.put("autopilot.client.token", PeerStandIns.CLIENT_TOKEN);
    config.put("deploy.targets-file", DIR.resolve("targets.yaml").toString());
    // Leases lapse quickly so nothing waits on the dead JVM's claims longer than needed.
    config.put("deploy.worker.lease", "5s");
    return config;
  }

  private Process start(Map<String, String> config, String name) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    config.forEach((k, v) -> command.add("-D" + k + "=" + v));
    command.add("-jar");
    command.add(JAR.toAbsolutePath().toString());
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(DIR.resolve(name + ".log").toFile())
            .start();
    services.add(process);
    String ready = "http://127.0.0.1:" + config.get("quarkus.http.port") + "/q/health/ready";
    HttpClient http = HttpClient.newHttpClient();
    Awaitility.await(name + " deploy-service ready (log: " + DIR.resolve(name + ".log") + ")")
        .atMost(START)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              assertThat(process.isAlive()).as(name + " deploy-service exited").isTrue();
              try {
                return http.send(
                            HttpRequest.newBuilder(URI.create(ready))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                            HttpResponse.BodyHandlers.discarding())
                        .statusCode()
                    == 200;
              } catch (IOException e) {
                return false;
              }
            });
    return process;
  }

  /** The sample app's deploy script, its port, and the target: bake 20 s, health gate via peers. */
  private static Path prepareSample() throws IOException {
    Files.createDirectories(DIR);
    Path script = copy("sample-deploy.sh");
    copy("SampleApp.java");
    Files.writeString(
        DIR.resolve("java-path"),
        Path.of(System.getProperty("java.home"), "bin", "java").toString());
    Path sample = DIR.resolve("sample-kill");
    Files.createDirectories(sample);
    Files.deleteIfExists(sample.resolve("deployed"));
    Files.deleteIfExists(sample.resolve("pid"));
    Files.writeString(sample.resolve("port"), Integer.toString(freePort()));
    Files.writeString(
        DIR.resolve("targets.yaml"),
        "targets:\n"
            + "  - service: sample\n"
            + "    environment: kill\n"
            + "    commands: {deploy: ['"
            + script
            + "']}\n"
            + "    healthGate: {passes: 1, deadline: 60s, interval: 500ms}\n"
            + "    bakeTime: 20s\n"
            + "    requiredChecks: []\n");
    return sample;
  }

  private static Path copy(String resource) throws IOException {
    try (InputStream in = DeployKillIT.class.getResourceAsStream("/sample/" + resource)) {
      Path target = DIR.resolve(resource);
      Files.write(target, in.readAllBytes());
      if (resource.endsWith(".sh")) {
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
      }
      return target;
    }
  }

  private static String state(SharedStack stack, String id) throws SQLException {
    try (Connection c = connect(stack);
        PreparedStatement ps = c.prepareStatement("select state from deployment where id = ?")) {
      ps.setObject(1, UUID.fromString(id));
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  /** "STEP OUTCOME" of every attempt, in order. */
  private static List<String> steps(SharedStack stack, String id) throws SQLException {
    List<String> steps = new ArrayList<>();
    try (Connection c = connect(stack);
        PreparedStatement ps =
            c.prepareStatement(
                "select step, outcome from deployment_step where deployment_id = ? order by id")) {
      ps.setObject(1, UUID.fromString(id));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          steps.add(rs.getString(1) + " " + rs.getString(2));
        }
      }
    }
    return steps;
  }

  private static Instant bakeFinishedAt(SharedStack stack, String id) throws SQLException {
    try (Connection c = connect(stack);
        PreparedStatement ps =
            c.prepareStatement(
                "select finished_at from deployment_step where deployment_id = ?"
                    + " and step = 'BAKE'")) {
      ps.setObject(1, UUID.fromString(id));
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        return rs.getTimestamp(1).toInstant();
      }
    }
  }

  private static Connection connect(SharedStack stack) throws SQLException {
    return DriverManager.getConnection(stack.jdbcUrl(DATABASE), "postgres", "postgres");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
