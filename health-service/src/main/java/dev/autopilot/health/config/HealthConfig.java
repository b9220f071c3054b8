package dev.autopilot.health.config;

import dev.autopilot.health.store.TargetRole;
import dev.autopilot.platform.event.v1.Severity;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * health-service configuration ({@code health.*}). Targets come from three places, validated the
 * same way: {@code health.targets."<id>".*} (config as code), the YAML file {@code
 * health.targets-file}, and the REST API.
 */
@ConfigMapping(prefix = "health")
public interface HealthConfig {
  /** The shortest probe interval a target may have; a target below it is refused. */
  @WithDefault("5s")
  Duration minimumInterval();

  /** A targets.yaml loaded at start and re-imported by POST /targets/import; none by default. */
  Optional<Path> targetsFile();

  /** How probes run. */
  Probe probe();

  /** Probe results kept for uptime history. */
  History history();

  /** The SSRF guard. */
  Ssrf ssrf();

  /** Probe ownership across replicas. */
  Lease lease();

  /** The post-deploy watch. */
  DeployWatch deployWatch();

  /** The targets to probe, by id (1-63 of a-z, 0-9, '-', '_'). */
  Map<String, Target> targets();

  /** How probes run. */
  interface Probe {
    /**
     * Probes running at the same time at most; due probes wait for the next tick beyond it. It also
     * bounds probes started per 1 s tick, so it must be at least targets ÷ interval in seconds
     * (10,000 targets at 30 s need 334; 64 capped a benchmark at 64 probes/s).
     */
    @WithDefault("1000")
    @Min(1)
    @Max(10_000)
    int maxInFlight();

    /** User-Agent header of HTTP probes. */
    @WithDefault("autopilot-health-probe/1")
    String userAgent();

    /**
     * A PKCS#12 trust store for HTTPS probes (an internal CA); it replaces the JVM's default CAs.
     */
    Optional<Path> trustStore();

    /** The trust store's password. */
    Optional<String> trustStorePassword();

    /** HTTP bodies longer than this are cut before conditions see them. */
    @WithDefault("65536")
    @Min(0)
    int maxBodyBytes();
  }

  /** Probe results kept for uptime history. */
  interface History {
    /** Raw probe results older than this are purged. */
    @WithDefault("7d")
    Duration retention();

    /** Per-minute rollups older than this are purged. */
    @WithDefault("90d")
    Duration rollupRetention();
  }

  /** The SSRF guard: link-local and cloud metadata addresses are refused. */
  interface Ssrf {
    /** Host names or IP literals exempt from the guard (e.g. a link-local device you own). */
    Optional<Set<String>> allow();
  }

  /** Probe ownership across replicas through Postgres leases. */
  interface Lease {
    /** Off: this replica probes every target (one replica only). */
    @WithDefault("true")
    boolean enabled();

    /** This replica's owner id; a random one per start by default. */
    Optional<String> ownerId();

    /** How long a lease holds without renewal; a dead replica's targets move after it. */
    @WithDefault("30s")
    Duration ttl();

    /** How often leases are renewed and free targets claimed. */
    @WithDefault("10s")
    Duration renewEvery();
  }

  /** The post-deploy watch. */
  interface DeployWatch {
    /** The window used when deploy.succeeded carries no watchUntil. */
    @WithDefault("48h")
    Duration defaultWindow();
  }

  /** One health target from configuration. */
  interface Target {
    /** What to probe (alias of address, kept for existing configuration). */
    Optional<String> url();

    /** What to probe: http(s)://, tcp://host:port, postgres://user@host/db, redis://host. */
    Optional<String> address();

    /** http, tcp, postgres or redis; by default the address's scheme decides. */
    Optional<String> kind();

    /** The service the target belongs to, e.g. {@code checkout}. */
    String service();

    /** The environment the target runs in, e.g. {@code prod}. */
    String environment();

    /** What the probe answers: liveness (is it running) or readiness (can it serve). */
    @WithDefault("readiness")
    TargetRole role();

    /** Time between two probes; at least {@code health.minimum-interval}. */
    @WithDefault("30s")
    Duration interval();

    /** A probe without a full answer within this time fails ("timeout after 5s"). */
    @WithDefault("5s")
    Duration timeout();

    /** Shorthand for the condition {@code [STATUS] == N} when no conditions are given. */
    Optional<Integer> expectedStatus();

    /** Gatus conditions, e.g. {@code [STATUS] == 200,[RESPONSE_TIME] < 500}. */
    Optional<List<String>> conditions();

    /** Consecutive failures that make the target DOWN (and emit health.degraded). */
    @WithDefault("3")
    int failureThreshold();

    /** Consecutive successes that make a DOWN target UP again (and emit health.recovered). */
    @WithDefault("2")
    int successThreshold();

    /** How much it matters when the target is down: the severity of its health.degraded. */
    @WithDefault("P1")
    Severity criticality();

    /** Targets this one depends on. */
    Optional<List<String>> dependsOn();

    /** The environment variable holding a postgres/redis password. */
    Optional<String> passwordEnv();
  }
}
