package dev.autopilot.health.probe;

import dev.autopilot.health.condition.Observation;
import dev.autopilot.health.config.HealthConfig;
import dev.autopilot.health.store.TargetHeader;
import dev.autopilot.health.store.TargetKind;
import dev.autopilot.health.store.TargetRecord;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.KeyStoreOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * HTTP(S) probes on the Vert.x event loop: a GET to the address the SSRF guard checked (the Host
 * header and TLS SNI keep the name). A new connection per probe (no keep-alive) so a refused or
 * hung server shows up at once; redirects are not followed (a 302 is an answer); the body is read
 * up to {@code health.probe.max-body-bytes} for [BODY] conditions; the server certificate's expiry
 * feeds [CERTIFICATE_EXPIRATION].
 */
@ApplicationScoped
public class HttpProber implements Prober {
  private final HttpClient client;
  private final String userAgent;
  private final int maxBody;

  public HttpProber(Vertx vertx, HealthConfig config) {
    HttpClientOptions options =
        new HttpClientOptions()
            .setKeepAlive(false)
            .setMaxPoolSize(config.probe().maxInFlight())
            .setTryUseCompression(false);
    config
        .probe()
        .trustStore()
        .ifPresent(
            path ->
                options.setTrustOptions(
                    new KeyStoreOptions()
                        .setType("PKCS12")
                        .setPath(path.toString())
                        .setPassword(config.probe().trustStorePassword().orElse(null))));
    this.client = vertx.createHttpClient(options);
    this.userAgent = config.probe().userAgent();
    this.maxBody = config.probe().maxBodyBytes();
  }

  @Override
  public TargetKind kind() {
    return TargetKind.HTTP;
  }

  @Override
  public Uni<Observation> observe(TargetRecord target, URI address, String connectAddress) {
    long timeout = target.timeout().toMillis();
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.GET)
            .setAbsoluteURI(target.address())
            .setFollowRedirects(false)
            .setConnectTimeout(timeout)
            .setIdleTimeout(timeout)
            .putHeader("User-Agent", userAgent);
    options.setServer(SocketAddress.inetSocketAddress(options.getPort(), connectAddress));
    for (TargetHeader h : target.headers()) {
      options.putHeader(h.name(), h.value() != null ? h.value() : Secrets.value(h.valueFromEnv()));
    }
    Future<Observation> future =
        client.request(options).compose(request -> request.send()).compose(this::read);
    return Uni.createFrom().completionStage(future::toCompletionStage);
  }

  private Future<Observation> read(HttpClientResponse response) {
    Duration expiry = certificateExpiry(response);
    Buffer body = Buffer.buffer();
    Promise<Observation> done = Promise.promise();
    response.handler(
        chunk -> {
          int room = maxBody - body.length();
          if (room > 0) {
            body.appendBuffer(chunk.length() <= room ? chunk : chunk.getBuffer(0, room));
          }
        });
    response.exceptionHandler(done::tryFail);
    response.endHandler(
        v ->
            done.tryComplete(
                new Observation(true, response.statusCode(), 0, body.toString(), expiry, null)));
    return done.future();
  }

  private static Duration certificateExpiry(HttpClientResponse response) {
    if (!response.request().connection().isSsl()) {
      return null;
    }
    try {
      List<Certificate> chain = response.request().connection().peerCertificates();
      if (!chain.isEmpty() && chain.get(0) instanceof X509Certificate x509) {
        return Duration.between(Instant.now(), x509.getNotAfter().toInstant());
      }
    } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
      return null;
    }
    return null;
  }

  @PreDestroy
  void close() {
    client.close();
  }
}
