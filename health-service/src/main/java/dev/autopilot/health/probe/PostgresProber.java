package dev.autopilot.health.probe;

import dev.autopilot.health.condition.Observation;
import dev.autopilot.health.store.TargetKind;
import dev.autopilot.health.store.TargetRecord;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;

/**
 * Postgres probes ({@code pg_isready} and more): connect as the address's user to its database, run
 * {@code SELECT 1}, close. The password comes from {@code passwordEnv}. The reply ({@code 1}) is
 * the [BODY].
 */
@ApplicationScoped
public class PostgresProber implements Prober {
  private final Vertx vertx;

  public PostgresProber(Vertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public TargetKind kind() {
    return TargetKind.POSTGRES;
  }

  @Override
  public Uni<Observation> observe(TargetRecord target, URI address, String connectAddress) {
    String path = address.getPath() == null ? "" : address.getPath().replaceFirst("^/", "");
    PgConnectOptions options =
        new PgConnectOptions()
            .setHost(connectAddress)
            .setPort(address.getPort() > 0 ? address.getPort() : 5432)
            .setDatabase(path.isEmpty() ? "postgres" : path)
            .setUser(address.getUserInfo() == null ? "postgres" : address.getUserInfo())
            .setConnectTimeout((int) target.timeout().toMillis());
    if (target.passwordEnv() != null) {
      options.setPassword(Secrets.value(target.passwordEnv()));
    }
    return Uni.createFrom()
        .completionStage(
            () ->
                PgConnection.connect(vertx, options)
                    .compose(
                        connection ->
                            connection
                                .query("SELECT 1")
                                .execute()
                                .map(rows -> String.valueOf(rows.iterator().next().getValue(0)))
                                .eventually(() -> connection.close()))
                    .map(reply -> new Observation(true, null, 0, reply, null, null))
                    .toCompletionStage());
  }
}
