package dev.autopilot.health;

import dev.autopilot.testing.AutopilotStackResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The shared real stack with health-service's own database, plus a {@link FakeTarget} and the test
 * targets that probe it every second (the test profile lowers health.minimum-interval to 1s).
 *
 * <ul>
 *   <li>{@code it-ready}: the switchable /ready, failure-threshold 2, success-threshold 2, P0
 *   <li>{@code it-live}: /live, always 200, role liveness
 *   <li>{@code it-refused}: a port nobody listens on, failure-threshold 1
 *   <li>{@code it-slow}: /slow (2 s) with a 300 ms timeout, failure-threshold 1
 * </ul>
 */
public class HealthServiceTestResource extends AutopilotStackResource {
  /** The config key of the switchable target's URL, which tests derive the control URL from. */
  public static final String READY_URL = "health.targets.\"it-ready\".url";

  /** The config key holding the fake target's base URL ({@code http://127.0.0.1:port}). */
  public static final String BASE_URL = "it.fake-target.base-url";

  /** The config key holding the HTTPS target's URL (certificate valid for 2 days). */
  public static final String TLS_URL = "it.tls.url";

  /** The config key holding the shared stack's Postgres port. */
  public static final String PG_PORT = "it.postgres.port";

  private FakeTarget fake;
  private TlsTarget tls;

  @Override
  public void init(Map<String, String> initArgs) {
    super.init(Map.of("database", "health"));
  }

  @Override
  public Map<String, String> start() {
    Map<String, String> config = new LinkedHashMap<>(super.start());
    try {
      fake = FakeTarget.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the fake target", e);
    }
    String base = "http://127.0.0.1:" + fake.port();
    target(config, "it-ready", base + "/ready", "shop", "1s", "2", "2");
    config.put("health.targets.\"it-ready\".criticality", "P0");
    target(config, "it-live", base + "/live", "shop", "1s", "3", "2");
    config.put("health.targets.\"it-live\".role", "liveness");
    target(
        config,
        "it-refused",
        "http://127.0.0.1:" + closedPort() + "/health",
        "billing",
        "1s",
        "1",
        "2");
    target(config, "it-slow", base + "/slow", "billing", "300ms", "1", "2");
    config.put(BASE_URL, base);
    try {
      tls = TlsTarget.start();
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the TLS target", e);
    }
    config.put(TLS_URL, "https://127.0.0.1:" + tls.port() + "/tls");
    config.put("health.probe.trust-store", tls.trustStore().toString());
    config.put("health.probe.trust-store-password", TlsTarget.PASSWORD);
    // Secrets referenced by env-var name resolve through config, so the test can supply one.
    config.put("IT_PROBE_TOKEN", "Bearer it-s3cret");
    config.put("IT_PG_PASSWORD", "postgres");
    config.put(PG_PORT, Integer.toString(dev.autopilot.testing.SharedStack.get().postgresPort()));
    try {
      Path file = Files.createTempFile("health-targets", ".yaml");
      Files.writeString(file, TargetsFileTest.fileWith(base, "file-live"));
      config.put("health.targets-file", file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return config;
  }

  private static void target(
      Map<String, String> config,
      String id,
      String url,
      String service,
      String timeout,
      String failureThreshold,
      String successThreshold) {
    String prefix = "health.targets.\"" + id + "\".";
    config.put(prefix + "url", url);
    config.put(prefix + "service", service);
    config.put(prefix + "environment", "test");
    config.put(prefix + "interval", "1s");
    config.put(prefix + "timeout", timeout);
    config.put(prefix + "failure-threshold", failureThreshold);
    config.put(prefix + "success-threshold", successThreshold);
  }

  private static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void stop() {
    if (fake != null) {
      fake.close();
    }
    if (tls != null) {
      tls.close();
    }
    super.stop();
  }
}
