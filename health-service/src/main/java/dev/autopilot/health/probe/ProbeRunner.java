package dev.autopilot.health.probe;

import dev.autopilot.health.condition.Condition;
import dev.autopilot.health.condition.ConditionParser;
import dev.autopilot.health.condition.Observation;
import dev.autopilot.health.config.HealthConfig;
import dev.autopilot.health.store.TargetKind;
import dev.autopilot.health.store.TargetRecord;
import dev.autopilot.health.target.SsrfGuard;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.net.InetAddress;
import java.net.URI;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Runs one probe of one target: resolves the host and applies the SSRF guard to every resolved
 * address, lets the target kind's {@link Prober} observe within the target's timeout, then judges
 * the observation against the target's conditions ({@link ProbeVerdict}). The Uni never fails.
 */
@ApplicationScoped
public class ProbeRunner {
  private static final Logger LOG = Logger.getLogger(ProbeRunner.class);

  private final Vertx vertx;
  private final Map<TargetKind, Prober> probers = new EnumMap<>(TargetKind.class);
  private final Set<String> allow;
  private final Map<String, Condition> parsed = new ConcurrentHashMap<>();

  public ProbeRunner(Vertx vertx, Instance<Prober> probers, HealthConfig config) {
    this.vertx = vertx;
    probers.forEach(p -> this.probers.put(p.kind(), p));
    this.allow = config.ssrf().allow().orElse(Set.of());
  }

  /** Probes {@code target} now and judges the result. */
  public Uni<ProbeOutcome> run(TargetRecord target) {
    return Uni.createFrom().deferred(() -> runFrom(target, System.nanoTime()));
  }

  private Uni<ProbeOutcome> runFrom(TargetRecord target, long started) {
    URI uri = URI.create(target.address());
    Prober prober = probers.get(target.kind());
    if (prober == null) {
      return Uni.createFrom().item(ProbeOutcome.failure(0, "no prober for " + target.kind()));
    }
    return resolve(uri.getHost())
        .chain(address -> prober.observe(target, uri, address))
        .ifNoItem()
        .after(target.timeout())
        .fail()
        .map(
            o ->
                new Observation(
                    o.connected(),
                    o.status(),
                    elapsed(started),
                    o.body(),
                    o.certificateExpiration(),
                    o.error()))
        .onFailure()
        .recoverWithItem(
            failure -> {
              LOG.debugf(failure, "probe of %s failed", target.id());
              return Observation.failed(
                  elapsed(started), FailureReasons.describe(failure, target.timeout()));
            })
        .map(observation -> ProbeVerdict.of(conditions(target), observation));
  }

  /** The parsed conditions of a target (parsing happened at write time; this only caches). */
  private List<Condition> conditions(TargetRecord target) {
    return target.effectiveConditions().stream()
        .map(c -> parsed.computeIfAbsent(c, ConditionParser::parse))
        .toList();
  }

  /**
   * The address to connect to: the host itself if it is an IP literal, else its first resolved
   * address; refused if the name or any resolved address is link-local or a metadata service.
   */
  private Uni<String> resolve(String host) {
    if (host == null) {
      return Uni.createFrom().failure(new ProbeRefusedException("no host"));
    }
    if (SsrfGuard.refusesHost(host, allow)) {
      return Uni.createFrom().failure(refused());
    }
    // DNS through the JDK on a worker thread: the JDK resolver honours /etc/hosts and the system
    // configuration exactly as operators expect; the event loop never blocks on it.
    return Uni.createFrom()
        .completionStage(
            () ->
                vertx
                    .executeBlocking(() -> InetAddress.getAllByName(stripBrackets(host)), false)
                    .toCompletionStage())
        .map(
            addresses -> {
              if (Arrays.stream(addresses).anyMatch(a -> SsrfGuard.refusesAddress(a, allow))) {
                throw refused();
              }
              return addresses[0].getHostAddress();
            });
  }

  private static ProbeRefusedException refused() {
    return new ProbeRefusedException(
        "address refused: link-local or cloud metadata (health.ssrf.allow)");
  }

  private static String stripBrackets(String host) {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  private static long elapsed(long startedNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
  }
}
