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

  private HttpServer readiness;

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
    return config;
  }

  @Override
  public void stop() {
    if (readiness != null) {
      readiness.stop(0);
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
