package dev.autopilot.health.probe;

import dev.autopilot.health.condition.Observation;
import dev.autopilot.health.store.TargetKind;
import dev.autopilot.health.store.TargetRecord;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.nio.channels.ClosedChannelException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.BsonDocument;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * MongoDB probes: connect to mongodb://host:port (27017 by default), send {@code hello} as an
 * OP_MSG, read the reply, close. Connected when the server answers ok: 1; the reply is the [BODY]
 * as relaxed Extended JSON, so {@code [BODY].isWritablePrimary == true} or {@code [BODY].setName ==
 * rs0} work; ok: 0 fails the probe as {@code mongodb error <code> (<codeName>)}.
 *
 * <p>Why not the MongoDB driver (reactive streams): a {@code MongoClient} is built for long-lived
 * use. Each one starts a monitor thread per server (heartbeats every 10 s), a connection pool and a
 * maintenance timer; one per probe would start and stop threads every probe, and one per target
 * would keep thousands of threads and pools alive between probes. A probe needs one request and one
 * reply on one connection, so it runs on the event loop with a Vert.x {@link NetClient} (no thread
 * per target, like the tcp/postgres/redis probes) and uses the driver's {@code org.bson} only to
 * encode and decode the documents ({@link MongoWire}).
 */
@ApplicationScoped
public class MongoProber implements Prober {
  private static final JsonWriterSettings JSON =
      JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();

  private final Vertx vertx;
  private final AtomicInteger requestIds = new AtomicInteger();

  /** One client per distinct timeout (connect and idle timeouts are client options in Vert.x 4). */
  private final Map<Long, NetClient> clients = new ConcurrentHashMap<>();

  public MongoProber(Vertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public TargetKind kind() {
    return TargetKind.MONGODB;
  }

  @Override
  public Uni<Observation> observe(TargetRecord target, URI address, String connectAddress) {
    NetClient client = clients.computeIfAbsent(target.timeout().toMillis(), this::client);
    int port = address.getPort() > 0 ? address.getPort() : 27017;
    int requestId = requestIds.incrementAndGet() & Integer.MAX_VALUE;
    return Uni.createFrom()
        .completionStage(
            () ->
                client
                    .connect(port, connectAddress)
                    .compose(socket -> exchange(socket, requestId))
                    .toCompletionStage());
  }

  private NetClient client(long timeoutMillis) {
    // The idle timeout closes a connection whose server never answers, after the probe's own
    // timeout has already reported it, so no socket outlives its probe for long.
    return vertx.createNetClient(
        new NetClientOptions()
            .setConnectTimeout((int) timeoutMillis)
            .setIdleTimeout((int) timeoutMillis)
            .setIdleTimeoutUnit(TimeUnit.MILLISECONDS));
  }

  private static Future<Observation> exchange(NetSocket socket, int requestId) {
    Promise<Observation> done = Promise.promise();
    Buffer received = Buffer.buffer();
    socket.handler(
        chunk -> {
          received.appendBuffer(chunk);
          try {
            int length = MongoWire.messageLength(received);
            if (length < 0 || received.length() < length) {
              return;
            }
            BsonDocument reply = MongoWire.replyBody(received.getBuffer(0, length), requestId);
            if (MongoWire.ok(reply)) {
              done.tryComplete(new Observation(true, null, 0, reply.toJson(JSON), null, null));
            } else {
              done.tryFail(MongoWire.error(reply));
            }
          } catch (RuntimeException e) {
            done.tryFail(e);
          }
          socket.close();
        });
    socket.exceptionHandler(done::tryFail);
    socket.closeHandler(v -> done.tryFail(new ClosedChannelException()));
    socket.write(MongoWire.hello(requestId)).onFailure(done::tryFail);
    return done.future();
  }

  @PreDestroy
  void close() {
    clients.values().forEach(NetClient::close);
  }
}
