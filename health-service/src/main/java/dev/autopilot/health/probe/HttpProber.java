package dev.autopilot.health.probe;

import dev.autopilot.health.config.HealthConfig;
import dev.autopilot.health.store.TargetRecord;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.mutiny.ext.web.codec.BodyCodec;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * HTTP(S) probes on the Vert.x event loop: a GET whose status must equal the target's expected
 * status within its timeout. A new connection per probe (no keep-alive) so a refused or hung server
 * shows up at once; redirects are not followed (a 302 is an answer, not a success); bodies are
 * discarded unread.
 */
@ApplicationScoped
public class HttpProber implements Prober {
  private static final Logger LOG = Logger.getLogger(HttpProber.class);

  private final WebClient client;

  public HttpProber(Vertx vertx, HealthConfig config) {
    WebClientOptions options =
        new WebClientOptions()
            .setUserAgent(config.probe().userAgent())
            .setFollowRedirects(false)
            .setKeepAlive(false)
            .setMaxPoolSize(config.probe().maxInFlight());
    this.client = WebClient.create(vertx, options);
  }

  @Override
  public boolean supports(String scheme) {
    return scheme.equals("http") || scheme.equals("https");
  }

  @Override
  public Uni<ProbeOutcome> probe(TargetRecord target) {
    return Uni.createFrom().deferred(() -> probeFrom(target, System.nanoTime()));
  }

  private Uni<ProbeOutcome> probeFrom(TargetRecord target, long started) {
    long timeoutMillis = target.timeout().toMillis();
    return Uni.createFrom()
        .deferred(
            () ->
                client
                    .getAbs(target.url())
                    .connectTimeout(timeoutMillis)
                    .idleTimeout(timeoutMillis)
                    .as(BodyCodec.none())
                    .send())
        .ifNoItem()
        .after(target.timeout())
        .fail()
        .map(
            response ->
                response.statusCode() == target.expectedStatus()
                    ? ProbeOutcome.success(elapsed(started))
                    : ProbeOutcome.failure(elapsed(started), "status " + response.statusCode()))
        .onFailure()
        .recoverWithItem(
            failure -> {
              LOG.debugf(failure, "probe of %s failed", target.id());
              return ProbeOutcome.failure(
                  elapsed(started), FailureReasons.describe(failure, target.timeout()));
            });
  }

  private static long elapsed(long startedNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
  }

  @PreDestroy
  void close() {
    client.close();
  }
}
