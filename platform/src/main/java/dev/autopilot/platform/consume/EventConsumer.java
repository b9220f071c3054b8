package dev.autopilot.platform.consume;

import dev.autopilot.platform.config.PlatformConfig;
import dev.autopilot.platform.dlq.DeadLetters;
import dev.autopilot.platform.event.CloudEvent;
import dev.autopilot.platform.event.CloudEventCodec;
import dev.autopilot.platform.event.TraceContext;
import dev.autopilot.platform.inbox.Inbox;
import dev.autopilot.platform.store.Failures;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * Processes one consumed record: decode and validate, then run the effect and the inbox claim in
 * one transaction. {@link PermanentEventException}s dead-letter at once; anything else is retried
 * with a doubling backoff, then dead-lettered. Either way the consumer goes on with the next
 * record.
 */
@ApplicationScoped
public class EventConsumer {
  private static final Logger LOG = Logger.getLogger(EventConsumer.class);

  /**
   * The {@code outcome} of {@code autopilot.events.consumed} counted each time a consumer waits for
   * the database instead of finishing a record (a rising count: a stalled partition).
   */
  public static final String WAITING = "waiting-for-database";

  private final CloudEventCodec codec;
  private final Inbox inbox;
  private final DeadLetters deadLetters;
  private final PlatformConfig config;
  private final MeterRegistry registry;

  public EventConsumer(
      CloudEventCodec codec,
      Inbox inbox,
      DeadLetters deadLetters,
      PlatformConfig config,
      MeterRegistry registry) {
    this.codec = codec;
    this.inbox = inbox;
    this.deadLetters = deadLetters;
    this.config = config;
    this.registry = registry;
  }

  /** Handles a record whose data is of the given type; the effect runs at most once per event. */
  public <T> void handle(
      ConsumerRecord<String, byte[]> record, Class<T> type, Consumer<CloudEvent<T>> effect) {
    String consumer = config.serviceName() + "/" + record.topic();
    process(
        record,
        type,
        event ->
            QuarkusTransaction.requiringNew()
                .call(
                    () -> {
                      if (!inbox.firstDelivery(consumer, event.id())) {
                        return false;
                      }
                      effect.accept(event);
                      return true;
                    }));
  }

  /**
   * Handles a record that every replica processes for itself (its own consumer group, an effect in
   * memory that absorbs repeats), so without the inbox and its transaction. Failures are treated as
   * in {@link #handle}: a bad record is dead-lettered, an unreachable database (while recording a
   * dead letter) is waited out, and the consumer never stops on a record.
   */
  public <T> void handleEach(
      ConsumerRecord<String, byte[]> record, Class<T> type, Consumer<CloudEvent<T>> effect) {
    process(
        record,
        type,
        event -> {
          effect.accept(event);
          return true;
        });
  }

  /** One attempt at a decoded event; true when it was processed, false when already seen. */
  @FunctionalInterface
  private interface Attempt<T> {
    boolean run(CloudEvent<T> event) throws Exception;
  }

  private <T> void process(ConsumerRecord<String, byte[]> record, Class<T> type, Attempt<T> once) {
    String consumer = config.serviceName() + "/" + record.topic();
    CloudEvent<T> event;
    try {
      event = codec.decode(record, type);
    } catch (PermanentEventException e) {
      deadLetter(record, consumer, e.getMessage());
      return;
    }
    long backoff = config.consumer().initialBackoff().toMillis();
    for (int attempt = 1; ; attempt++) {
      try {
        TraceContext.set(event.traceparent());
        boolean first = once.run(event);
        count(record.topic(), first ? "processed" : "duplicate");
        return;
      } catch (Exception e) {
        PermanentEventException permanent = permanentCause(e);
        if (permanent != null) {
          deadLetter(record, consumer, permanent.getMessage());
          return;
        }
        if (Failures.isInfrastructure(e)) {
          // Postgres is unreachable: the record is fine, so wait rather than dead-letter it. The
          // partition stalls and readiness reports the database down until it is back.
          LOG.warnf(
              "%s: database unavailable (%s); waiting %d ms", consumer, e.getMessage(), backoff);
          count(record.topic(), WAITING);
          sleep(backoff);
          backoff = Math.min(backoff * 2, 10_000);
          attempt--;
          continue;
        }
        if (attempt >= config.consumer().maxAttempts()) {
          deadLetter(
              record,
              consumer,
              "failed after "
                  + attempt
                  + " attempts: "
                  + e.getClass().getSimpleName()
                  + ": "
                  + e.getMessage());
          return;
        }
        LOG.warnf(
            "%s: attempt %d of event %s failed (%s); retrying in %d ms",
            consumer, attempt, event.id(), e.getMessage(), backoff);
        sleep(backoff);
        backoff = Math.min(backoff * 2, 10_000);
      } finally {
        TraceContext.clear();
      }
    }
  }

  private void deadLetter(ConsumerRecord<String, byte[]> record, String consumer, String reason) {
    LOG.warnf(
        "%s: dead-lettering %s-%d@%d: %s",
        consumer, record.topic(), record.partition(), record.offset(), reason);
    long backoff = config.consumer().initialBackoff().toMillis();
    while (true) {
      try {
        deadLetters.record(record, consumer, reason);
        count(record.topic(), "dead-lettered");
        return;
      } catch (RuntimeException e) {
        // Never ack a record that is neither processed nor dead-lettered: wait for the database.
        LOG.warnf("%s: cannot record dead letter yet (%s)", consumer, e.getMessage());
        count(record.topic(), WAITING);
        sleep(backoff);
        backoff = Math.min(backoff * 2, 10_000);
      }
    }
  }

  private void count(String topic, String outcome) {
    registry.counter("autopilot.events.consumed", "topic", topic, "outcome", outcome).increment();
  }

  private static PermanentEventException permanentCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof PermanentEventException p) {
        return p;
      }
    }
    return null;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
