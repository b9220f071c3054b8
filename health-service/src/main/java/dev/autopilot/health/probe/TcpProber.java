package dev.autopilot.health.probe;

import dev.autopilot.health.condition.Observation;
import dev.autopilot.health.store.TargetKind;
import dev.autopilot.health.store.TargetRecord;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;

/** TCP probes: connected when the connection opens within the timeout; then it is closed. */
@ApplicationScoped
public class TcpProber implements Prober {
  private final Vertx vertx;
  private final NetClient client;

  public TcpProber(Vertx vertx) {
    this.vertx = vertx;
    this.client = vertx.createNetClient(new NetClientOptions());
  }

  @Override
  public TargetKind kind() {
    return TargetKind.TCP;
  }

  @Override
  public Uni<Observation> observe(TargetRecord target, URI address, String connectAddress) {
    // One client per probe only to set the per-target connect timeout; Vert.x clients are cheap.
    NetClient perProbe =
        vertx.createNetClient(
            new NetClientOptions().setConnectTimeout((int) target.timeout().toMillis()));
    return Uni.createFrom()
        .completionStage(
            () ->
                perProbe
                    .connect(address.getPort(), connectAddress)
                    .compose(socket -> socket.close())
                    .map(v -> new Observation(true, null, 0, null, null, null))
                    .eventually(() -> perProbe.close())
                    .toCompletionStage());
  }

  @PreDestroy
  void close() {
    client.close();
  }
}
