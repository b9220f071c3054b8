package dev.autopilot.platform.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autopilot.platform.config.PlatformConfig;
import dev.autopilot.platform.kafka.KafkaPublisher;
import dev.autopilot.platform.kafka.PublishFailures;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.common.InvalidRecordException;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;

/**
 * Publishes outbox rows to Kafka in id order and marks them sent. Woken by LISTEN/NOTIFY when a
 * transaction commits an event, with polling as the fallback. A transaction-scoped advisory lock
 * lets one replica publish at a time, which keeps per-key order across replicas; a crash between
 * send and mark re-sends (at-least-once), and consumers' inboxes absorb the duplicate.
 *
 * <p>A broker that cannot be reached stops the relay: the batch rolls back and is sent again whole,
 * in order, until it goes through. A row the broker can never take ({@link
 * PublishFailures#isPermanent}: too large, an invalid topic) is set aside as a dead letter instead,
 * so it does not hold back every event after it.
 */
@ApplicationScoped
public class OutboxRelay {
  private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
  private static final long LOCK_KEY = 0x6f7574626f78L; // "outbox"
  private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {};

  /** Counter of rows set aside because the broker can never take them (tag {@code topic}). */
  public static final String FAILED = "autopilot.outbox.failed";

  private final DataSource dataSource;
  private final KafkaPublisher publisher;
  private final ObjectMapper mapper;
  private final PlatformConfig config;
  private final Counter published;
  private final MeterRegistry registry;
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
    this.registry = registry;
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
      List<Row> rows = new ArrayList<>();
      try (PreparedStatement select =
          c.prepareStatement(
              "select id, topic, msg_key, headers::text, payload, event_id from outbox"
                  + " where sent_at is null order by id limit ?")) {
        select.setInt(1, config.outbox().batchSize());
        try (ResultSet rs = select.executeQuery()) {
          while (rs.next()) {
            rows.add(
                new Row(
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getBytes(5),
                    rs.getString(6)));
          }
        }
      }
      List<Future<?>> acks = new ArrayList<>();
      for (Row row : rows) {
        acks.add(send(row));
      }
      List<Long> sent = new ArrayList<>();
      List<Row> unpublishable = new ArrayList<>();
      for (int i = 0; i < rows.size(); i++) {
        try {
          acks.get(i).get(60, TimeUnit.SECONDS);
          sent.add(rows.get(i).id());
        } catch (ExecutionException e) {
          if (!PublishFailures.isPermanent(e)) {
            throw e; // the broker's trouble: roll back, wait, send the whole batch again in order
          }
          unpublishable.add(rows.get(i).failed(e.getCause()));
        }
      }
      if (!sent.isEmpty()) {
        try (PreparedStatement mark =
            c.prepareStatement("update outbox set sent_at = now() where id = any(?)")) {
          Array array = c.createArrayOf("bigint", sent.toArray());
          mark.setArray(1, array);
          mark.executeUpdate();
        }
        published.increment(sent.size());
      }
      for (Row row : unpublishable) {
        setAside(c, row);
      }
      return rows.size();
    }
  }

  private Future<?> send(Row row) {
    Map<String, String> headers;
    try {
      headers = mapper.readValue(row.headers(), HEADERS);
    } catch (JsonProcessingException e) {
      return CompletableFuture.failedFuture(
          new InvalidRecordException("outbox headers are not a JSON object of strings"));
    }
    return publisher.send(row.topic(), row.key(), headers, row.payload());
  }

  /**
   * Moves a row the broker can never take (too large, an invalid topic name) out of the way, so the
   * rows after it are published: it becomes a dead letter of the consumer {@code <service>/outbox}
   * (partition -1, offset = the outbox id) with the reason, listed by {@code GET
   * /admin/dead-letters} and re-published by its replay once the cause is fixed, and is counted in
   * {@code autopilot.outbox.failed}. Written with the relay's own connection, in its transaction.
   */
  private void setAside(Connection c, Row row) throws SQLException {
    LOG.errorf(
        "outbox relay: event %s (outbox id %d) can never be published to %s (%s); set aside as a"
            + " dead letter",
        row.eventId(), row.id(), row.topic(), row.reason());
    try (PreparedStatement letter =
        c.prepareStatement(
            "insert into dead_letter (consumer, topic, record_partition, record_offset, msg_key,"
                + " headers, payload, reason) values (?, ?, -1, ?, ?, ?::jsonb, ?, ?)"
                + " on conflict do nothing")) {
      letter.setString(1, config.serviceName() + "/outbox");
      letter.setString(2, row.topic());
      letter.setLong(3, row.id());
      letter.setString(4, row.key());
      letter.setString(5, row.headers());
      letter.setBytes(6, row.payload());
      letter.setString(7, row.reason());
      letter.executeUpdate();
    }
    try (PreparedStatement delete = c.prepareStatement("delete from outbox where id = ?")) {
      delete.setLong(1, row.id());
      delete.executeUpdate();
    }
    registry.counter(FAILED, "topic", row.topic()).increment();
  }

  /** One outbox row as read for publishing; {@code reason} once it failed for good. */
  private record Row(
      long id,
      String topic,
      String key,
      String headers,
      byte[] payload,
      String eventId,
      String reason) {
    Row(long id, String topic, String key, String headers, byte[] payload, String eventId) {
      this(id, topic, key, headers, payload, eventId, null);
    }

    Row failed(Throwable cause) {
      String why = cause.getClass().getSimpleName() + ": " + cause.getMessage();
      return new Row(
          id,
          topic,
          key,
          headers,
          payload,
          eventId,
          why.length() <= 1000 ? why : why.substring(0, 1000) + "…");
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
