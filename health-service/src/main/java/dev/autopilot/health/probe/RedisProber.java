package dev.autopilot.health.probe;

import dev.autopilot.health.condition.Observation;
import dev.autopilot.health.store.TargetKind;
import dev.autopilot.health.store.TargetRecord;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;

/**
 * Redis probes: connect, {@code PING}, expect {@code PONG} (connected only then), close. The
 * password comes from {@code passwordEnv}; the reply is the [BODY].
 */
@ApplicationScoped
public class RedisProber implements Prober {
  private final Vertx vertx;

  public RedisProber(Vertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public TargetKind kind() {
    return TargetKind.REDIS;
  }

  @Override
  public Uni<Observation> observe(TargetRecord target, URI address, String connectAddress) {
    String host = connectAddress.contains(":") ? "[" + connectAddress + "]" : connectAddress;
    String path = address.getPath() == null ? "" : address.getPath();
    RedisOptions options =
        new RedisOptions()
            .setConnectionString(
                address.getScheme()
                    + "://"
                    + (address.getUserInfo() == null ? "" : address.getUserInfo() + "@")
                    + host
                    + ":"
                    + (address.getPort() > 0 ? address.getPort() : 6379)
                    + path)
            .setMaxPoolSize(1)
            .setMaxPoolWaiting(1);
    options.getNetClientOptions().setConnectTimeout((int) target.timeout().toMillis());
    if (target.passwordEnv() != null) {
      options.setPassword(Secrets.value(target.passwordEnv()));
    }
    Redis client = Redis.createClient(vertx, options);
    return Uni.createFrom()
        .completionStage(
            () ->
                client
                    .connect()
                    .compose(
                        connection ->
                            connection
                                .send(Request.cmd(Command.PING))
                                .eventually(() -> connection.close()))
                    .map(
                        reply -> {
                          String text = reply == null ? null : reply.toString();
                          return new Observation("PONG".equals(text), null, 0, text, null, null);
                        })
                    .eventually(
                        () -> {
                          client.close();
                          return io.vertx.core.Future.succeededFuture();
                        })
                    .toCompletionStage());
  }
}
