package dev.autopilot.notification;

import dev.autopilot.platform.event.Topics;
import dev.autopilot.testing.KafkaTestClient;
import dev.autopilot.testing.SharedStack;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;

/** Sends catalog events as another service would, and waits until the service consumed them. */
final class TestEvents implements AutoCloseable {
  /** notification-service's consumer group (autopilot.service-name). */
  static final String GROUP = "notification-service";

  private static TestEvents shared;

  private final KafkaTestClient kafka;

  /**
   * The one client of this class loader (Quarkus loads the test classes again per application), for
   * every test class; closed when the JVM exits.
   */
  static synchronized TestEvents shared() {
    if (shared == null) {
      TestEvents events = new TestEvents();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      events.close();
                    } catch (RuntimeException | LinkageError e) {
                      // The JVM is going away; its class loader may already be closed.
                    }
                  },
                  "test-events-close"));
      shared = events;
    }
    return shared;
  }

  private TestEvents() {
    this.kafka = withKafkaLoader(() -> new KafkaTestClient(SharedStack.get().bootstrapServers()));
  }

  /** {@link KafkaTestClient#awaitRecords}, with a fresh consumer. */
  List<ConsumerRecord<String, byte[]>> awaitRecords(
      String topic, Predicate<ConsumerRecord<String, byte[]>> match, int count, Duration timeout) {
    return withKafkaLoader(() -> kafka.awaitRecords(topic, match, count, timeout));
  }

  /** The binary-mode CloudEvents headers of an event with this id on this topic. */
  static Map<String, String> headers(String id, String topic, String subject) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("ce_specversion", "1.0");
    headers.put("ce_id", id);
    headers.put("ce_source", "/test");
    headers.put("ce_type", Topics.typeOf(topic));
    headers.put("ce_subject", subject);
    headers.put("ce_time", Instant.now().toString());
    headers.put("content-type", "application/json");
    return headers;
  }

  /** Sends a CloudEvent with the given id, keyed by {@code key}. */
  RecordMetadata send(String topic, String id, String key, String json) {
    return kafka.send(topic, key, json, headers(id, topic, key));
  }

  /** Sends a CloudEvent with the given id and {@code ce_time}, keyed by {@code key}. */
  RecordMetadata send(String topic, String id, String key, String json, Instant time) {
    Map<String, String> headers = headers(id, topic, key);
    headers.put("ce_time", time.toString());
    return kafka.send(topic, key, json, headers);
  }

  /** Sends a CloudEvent with a new id; returns the id. */
  String send(String topic, String key, String json) {
    String id = UUID.randomUUID().toString();
    send(topic, id, key, json);
    return id;
  }

  /**
   * Waits until the service's consumer group committed past {@code record}: it was processed (or
   * deliberately skipped), and everything it caused is in the database.
   */
  static void awaitConsumed(RecordMetadata record, Duration timeout) {
    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedStack.get().bootstrapServers());
    try (Admin admin = withKafkaLoader(() -> Admin.create(props))) {
      Awaitility.await()
          .atMost(timeout)
          .pollInterval(Duration.ofMillis(250))
          .until(
              () -> {
                OffsetAndMetadata committed =
                    admin
                        .listConsumerGroupOffsets(GROUP)
                        .partitionsToOffsetAndMetadata()
                        .get(10, TimeUnit.SECONDS)
                        .get(partition);
                return committed != null && committed.offset() > record.offset();
              });
    }
  }

  /**
   * Runs {@code action} with the Kafka client's class loader as context loader. Kafka loads plugins
   * (metrics reporters) through the context loader, which in a {@code @BeforeAll} of a Quarkus test
   * may be another loader than the one the test's Kafka classes come from (ClassCastException).
   */
  private static <T> T withKafkaLoader(Supplier<T> action) {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(KafkaTestClient.class.getClassLoader());
    try {
      return action.get();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  @Override
  public void close() {
    kafka.close();
  }
}
