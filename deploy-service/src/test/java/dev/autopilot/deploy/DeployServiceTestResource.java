package dev.autopilot.deploy;

import com.sun.net.httpserver.HttpServer;
import dev.autopilot.testing.AutopilotStackResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shared real stack with deploy-service's own database, plus what a deployment touches: deploy
 * scripts written into target/deploy-test (they record each run in {@link #RUNS}) and a readiness
 * server on a free port ({@code /ready} answers 200, {@code /never} 503).
 *
 * <p>Services: {@code shop} (pre-deploy backup of {@code shop-db}, a fixed argument), {@code quick}
 * (no backup), {@code broken} (its command fails), {@code unready} (never becomes ready). Each test
 * deploys to its own environment, so one test's active deployment never queues another's.
 */
public class DeployServiceTestResource extends AutopilotStackResource {
  /** Where the test deploy scripts live. */
  public static final Path DIR = Path.of("target", "deploy-test").toAbsolutePath();

  /**
   * One file per deployment the scripts ran, named by its id: "service environment version args".
   */
  public static final Path RUNS = DIR.resolve("runs");

  private static final String DEPLOY_SCRIPT =
      """
      #!/usr/bin/env bash
      # Test deploy command: records what it was asked to deploy, one file per deployment.
      set -eu
      runs="$(dirname "$0")/runs"
      mkdir -p "$runs"
      printf '%s %s %s %s' "$AUTOPILOT_SERVICE" "$AUTOPILOT_ENVIRONMENT" "$AUTOPILOT_VERSION" "$*" \\
        > "$runs/$AUTOPILOT_DEPLOYMENT_ID"
      echo "rolled out $AUTOPILOT_SERVICE $AUTOPILOT_VERSION to $AUTOPILOT_ENVIRONMENT"
      echo "connected with password=hunter2"
      """;

  private static final String FAILING_SCRIPT =
      """
      #!/usr/bin/env bash
      # Test deploy command that fails after printing a secret and an error.
      runs="$(dirname "$0")/runs"
      mkdir -p "$runs"
      printf '%s' "$AUTOPILOT_VERSION" > "$runs/$AUTOPILOT_DEPLOYMENT_ID"
      echo "pulling with token=s3cr3t-value"
      echo "error: image $AUTOPILOT_VERSION not found" >&2
      exit 3
      """;

  /** Environments of the sample app, each with its own port and instance. */
  static final List<String> SAMPLE_ENVIRONMENTS = List.of("rollout", "migrate", "bake");

  private HttpServer readiness;
  private PeerStandIns peers;

  @Override
  public void init(Map<String, String> initArgs) {
    super.init(Map.of(DATABASE_ARG, "deploy"));
  }

  @Override
  public Map<String, String> start() {
    Map<String, String> config = new LinkedHashMap<>(super.start());
    Path deploy = script("deploy.sh", DEPLOY_SCRIPT);
    Path failing = script("failing-deploy.sh", FAILING_SCRIPT);
    String base = "http://127.0.0.1:" + startReadinessServer();
    service(config, "shop", List.of(deploy.toString(), "--fixed-arg"), base + "/ready");
    config.put("deploy.services.shop.backup-source", "shop-db");
    config.put("deploy.services.shop.environments", "staging,backupfail,queue");
    service(config, "quick", List.of(deploy.toString()), base + "/ready");
    config.put("deploy.services.quick.environments", "plain,resume,api,production");
    service(config, "broken", List.of(failing.toString()), base + "/ready");
    config.put("deploy.services.broken.environments", "staging");
    service(config, "unready", List.of(deploy.toString()), base + "/never");
    config.put("deploy.services.unready.environments", "staging");
    config.put("deploy.services.unready.readiness-timeout", "2s");
    peers = new PeerStandIns(DIR);
    config.put("deploy.alert-service.url", peers.baseUrl());
    config.put("deploy.health-service.url", peers.baseUrl());
    config.put("deploy.backup-service.url", peers.baseUrl());
    config.put("autopilot.client.token", PeerStandIns.CLIENT_TOKEN);
    config.put("deploy.targets-file", targetsFile(deploy, base).toString());
    // MaintenanceHoldTest: a window within the hour holds a deployment, a later one rejects it.
    config.put("deploy.maintenance.hold-horizon", "1h");
    return config;
  }

  /**
   * The YAML targets: the sample app (command executor, health gate via health-service), and
   * targets for the gates (gated: alert gate blocked; frozen; windowed; checked; approval; held).
   */
  private static Path targetsFile(Path deploy, String readinessBase) {
    Path sampleDeploy = copy("sample-deploy.sh");
    Path migrate = copy("migrate.sh");
    copy("SampleApp.java");
    try {
      Files.writeString(
          DIR.resolve("java-path"),
          Path.of(System.getProperty("java.home"), "bin", "java").toString());
      for (String environment : SAMPLE_ENVIRONMENTS) {
        Path dir = DIR.resolve("sample-" + environment);
        Files.createDirectories(dir);
        Files.deleteIfExists(dir.resolve("deployed"));
        // A pid from an earlier run may name an unrelated process by now.
        Files.deleteIfExists(dir.resolve("pid"));
        Files.writeString(dir.resolve("port"), String.valueOf(freePort()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String simple =
        "    commands: {deploy: ['"
            + deploy
            + "']}\n"
            + "    healthGate: {source: url, url: '"
            + readinessBase
            + "/ready', passes: 1, deadline: 10s}\n"
            + "    bakeTime: 0s\n";
    String yaml =
        "targets:\n"
            + "  - service: sample\n"
            + "    environment: rollout\n"
            + "    commands: {deploy: ['"
            + sampleDeploy
            + "']}\n"
            + "    healthGate: {passes: 2, deadline: 8s, interval: 500ms}\n"
            + "    bakeTime: 1s\n"
            + "    requiredChecks: []\n"
            + "  - service: sample\n"
            + "    environment: bake\n"
            + "    commands: {deploy: ['"
            + sampleDeploy
            + "']}\n"
            // health-service asked by target id ({"targetId"}), as the config packs do
            + "    healthGate: {targets: [sample-bake-ready], passes: 1, deadline: 8s}\n"
            + "    bakeTime: 8s\n"
            + "    failureLimit: 1\n"
            + "    watchPeriod: 24h\n"
            + "    requiredChecks: []\n"
            + "  - service: sample\n"
            + "    environment: migrate\n"
            + "    commands: {deploy: ['"
            + sampleDeploy
            + "'], migrate: ['"
            + migrate
            + "']}\n"
            + "    backupSource: sample-db\n"
            + "    healthGate: {passes: 1, deadline: 8s}\n"
            + "    bakeTime: 0s\n"
            + "    requiredChecks: []\n"
            + "  - service: gated\n"
            + "    environment: prod\n"
            + simple
            + "    requiredChecks: []\n"
            + "  - service: frozen\n"
            + "    environment: prod\n"
            + simple
            + "    requiredChecks: []\n"
            + "  - service: windowed\n"
            + "    environment: maint\n"
            + simple
            + "    requiredChecks: []\n"
            + "    requiresMaintenanceWindow: true\n"
            + "  - service: checked\n"
            + "    environment: ci\n"
            + simple
            + "  - service: manual\n"
            + "    environment: prod\n"
            + simple
            + "    requiredChecks: []\n"
            + "  - service: approval\n"
            + "    environment: prod\n"
            + simple
            + "    requiredChecks: []\n"
            + "    requiresApproval: true\n";
    for (String environment : List.of("window", "queue", "cancel", "far", "restart")) {
      yaml +=
          "  - service: held\n"
              + "    environment: "
              + environment
              + "\n"
              + simple
              + "    requiredChecks: []\n"
              + "    requiresMaintenanceWindow: true\n";
    }
    Path file = DIR.resolve("targets.yaml");
    try {
      Files.writeString(file, yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  private static Path copy(String resource) {
    try (var in = DeployServiceTestResource.class.getResourceAsStream("/sample/" + resource)) {
      Path target = DIR.resolve(resource);
      Files.createDirectories(DIR);
      Files.write(target, in.readAllBytes());
      if (resource.endsWith(".sh")) {
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int freePort() throws IOException {
    try (var socket = new java.net.ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void stop() {
    if (readiness != null) {
      readiness.stop(0);
    }
    if (peers != null) {
      peers.stop();
    }
    for (String environment : SAMPLE_ENVIRONMENTS) {
      Path pid = DIR.resolve("sample-" + environment).resolve("pid");
      try {
        if (Files.exists(pid)) {
          ProcessHandle.of(Long.parseLong(Files.readString(pid).strip()))
              .ifPresent(ProcessHandle::destroy);
        }
      } catch (IOException | NumberFormatException e) {
        // best effort: the sample app dies with the test run's process group anyway
      }
    }
    super.stop();
  }

  private static void service(
      Map<String, String> config, String name, List<String> command, String readinessUrl) {
    for (int i = 0; i < command.size(); i++) {
      config.put("deploy.services." + name + ".command[" + i + "]", command.get(i));
    }
    config.put("deploy.services." + name + ".readiness-url", readinessUrl);
  }

  private int startReadinessServer() {
    try {
      readiness = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    readiness.createContext(
        "/",
        exchange -> {
          int status = "/ready".equals(exchange.getRequestURI().getPath()) ? 200 : 503;
          byte[] body = (status == 200 ? "ready" : "starting").getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    readiness.start();
    return readiness.getAddress().getPort();
  }

  private static Path script(String name, String text) {
    try {
      Files.createDirectories(RUNS);
      Path script = DIR.resolve(name);
      Files.writeString(script, text, StandardCharsets.UTF_8);
      Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
      return script;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write test deploy script " + name, e);
    }
  }
}
