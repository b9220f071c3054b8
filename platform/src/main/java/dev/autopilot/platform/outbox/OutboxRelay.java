package dev.autopilot.platform.outbox;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autopilot.platform.config.PlatformConfig;
import dev.autopilot.platform.kafka.KafkaPublisher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;

/**
 * Publishes outbox rows to Kafka in id order and marks them sent. Woken by LISTEN/NOTIFY when a
 * transaction commits an event, with polling as the fallback. A transaction-scoped advisory lock
 * lets one replica publish at a time, which keeps per-key order across replicas; a crash between
 * send and mark re-sends (at-least-once), and consumers' inboxes absorb the duplicate.
 */
@ApplicationScoped
public class OutboxRelay {
  private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
  private static final long LOCK_KEY = 0x6f7574626f78L; // "outbox"
  private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {};

  private final DataSource dataSource;
  private final KafkaPublisher publisher;
  private final ObjectMapper mapper;
  private final PlatformConfig config;
  private final Counter published;
  private volatile boolean running;
  private Thread thread;

  public OutboxRelay(
      DataSource dataSource,
      KafkaPublisher publisher,
      ObjectMapper mapper,
      PlatformConfig config,
      MeterRegistry registry) {
    this.dataSource = dataSource;
    this.publisher = publisher;
    this.mapper = mapper;
    this.config = config;
    this.published = registry.counter("autopilot.outbox.published");
    registry.gauge("autopilot.outbox.pending", this, OutboxRelay::pendingOrZero);
  }

  void onStart(@Observes StartupEvent event) {
    if (!config.outbox().relayEnabled()) {
      return;
    }
    running = true;
    thread = new Thread(this::run, "outbox-relay");
    thread.setDaemon(true);
    thread.start();
  }

  void onStop(@Observes ShutdownEvent event) {
    running = false;
    if (thread != null) {
      thread.interrupt();
    }
  }

  private void run() {
    long waitMillis = config.outbox().pollInterval().toMillis();
    while (running) {
      try (Connection listener = dataSource.getConnection()) {
        try (Statement s = listener.createStatement()) {
          s.execute("LISTEN " + Outbox.CHANNEL);
        }
        PGConnection pg = listener.unwrap(PGConnection.class);
        while (running) {
          while (running && drainOnce() == config.outbox().batchSize()) {
            // a full batch: there may be more
          }
          pg.getNotifications((int) waitMillis);
        }
      } catch (Exception e) {
        if (running) {
          LOG.warnf("outbox relay: %s; retrying", e.getMessage());
          pause(1000);
        }
      }
    }
  }

  /** Publishes one batch of unsent rows; returns how many were published. */
  public int drainOnce() {
    return QuarkusTransaction.requiringNew().timeout(90).call(this::publishBatch);
  }

  private int publishBatch() throws Exception {
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement lock = c.prepareStatement("select pg_try_advisory_xact_lock(?)")) {
        lock.setLong(1, LOCK_KEY);
        try (ResultSet rs = lock.executeQuery()) {
          if (!rs.next() || !rs.getBoolean(1)) {
            return 0;
          }
        }
      }
      List<Long> ids = new ArrayList<>();
      List<Future<?>> acks = new ArrayList<>();
      try (PreparedStatement select =
          c.prepareStatement(
              "select id, topic, msg_key, headers::text, payload from outbox"
                  + " where sent_at is null order by id limit ?")) {
        select.setInt(1, config.outbox().batchSize());
        try (ResultSet rs = select.executeQuery()) {
          while (rs.next()) {
            ids.add(rs.getLong(1));
            Map<String, String> headers = mapper.readValue(rs.getString(4), HEADERS);
            acks.add(publisher.send(rs.getString(2), rs.getString(3), headers, rs.getBytes(5)));
          }
        }
      }
      for (Future<?> ack : acks) {
        ack.get(60, TimeUnit.SECONDS);
      }
      if (!ids.isEmpty()) {
        try (PreparedStatement mark =
            c.prepareStatement("update outbox set sent_at = now() where id = any(?)")) {
          Array array = c.createArrayOf("bigint", ids.toArray());
          mark.setArray(1, array);
          mark.executeUpdate();
        }
        published.increment(ids.size());
      }
      return ids.size();
    }
  }

  /** Deletes rows sent longer ago than {@code autopilot.outbox.keep-sent}. */
  @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void purgeSent() {
    Instant cutoff = Instant.now().minus(config.outbox().keepSent());
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              try (Connection c = dataSource.getConnection();
                  PreparedStatement delete =
                      c.prepareStatement(
                          "delete from outbox where sent_at is not null and sent_at < ?")) {
                delete.setTimestamp(1, Timestamp.from(cutoff));
                delete.executeUpdate();
              } catch (SQLException e) {
                throw new IllegalStateException(e);
              }
            });
  }

  /** Rows not yet published. */
  public long pending() throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select count(*) from outbox where sent_at is null")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private double pendingOrZero() {
    try {
      return pending();
    } catch (Exception e) {
      return Double.NaN;
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
