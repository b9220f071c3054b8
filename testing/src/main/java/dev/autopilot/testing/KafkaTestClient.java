package dev.autopilot.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produces test records (plain or CloudEvents binary mode) and waits for records on a topic. Sends
 * are synchronous; each wait reads the topic from the beginning with a fresh consumer group.
 *
 * <pre>{@code
 * try (KafkaTestClient kafka = new KafkaTestClient(SharedStack.get().bootstrapServers())) {
 *   kafka.sendCloudEvent("health.degraded", "dev.autopilot.health.degraded.v1", "/test", "api", json);
 *   var fired = kafka.awaitRecords("alert.fired", r -> true, 1, Duration.ofSeconds(20));
 * }
 * }</pre>
 */
public final class KafkaTestClient implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final DateTimeFormatter RFC_3339 =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final String bootstrapServers;
  private final KafkaProducer<String, byte[]> producer;

  /** A client of the cluster at {@code bootstrapServers}. */
  private static KafkaTestClient shared;

  /**
   * One client on the shared stack's broker for the whole test JVM (closed when the JVM exits), so
   * a test class needs no set-up or tear-down of its own.
   */
  public static synchronized KafkaTestClient shared() {
    if (shared == null) {
      KafkaTestClient client = new KafkaTestClient(SharedStack.get().bootstrapServers());
      Runtime.getRuntime().addShutdownHook(new Thread(client::close, "kafka-test-client-close"));
      shared = client;
    }
    return shared;
  }

  public KafkaTestClient(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "autopilot-test-producer-" + UUID.randomUUID());
    this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
  }

  /** Sends one record ({@code headers} may be null) and waits for the broker's acknowledgement. */
  public RecordMetadata send(String topic, String key, byte[] value, Map<String, String> headers) {
    ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
    if (headers != null) {
      headers.forEach((name, v) -> record.headers().add(name, v.getBytes(StandardCharsets.UTF_8)));
    }
    try {
      return producer.send(record).get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted sending to " + topic, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot send to " + topic, e);
    }
  }

  /** Sends one record with a UTF-8 text value and waits for the broker's acknowledgement. */
  public RecordMetadata send(String topic, String key, String value, Map<String, String> headers) {
    return send(topic, key, value == null ? null : value.getBytes(StandardCharsets.UTF_8), headers);
  }

  /**
   * Sends a CloudEvent in Kafka binary mode: {@code jsonData} is the value, the attributes are
   * {@code ce_*} headers, {@code content-type} is {@code application/json}, and the record is keyed
   * by the subject. Returns the event id ({@code ce_id}, a random UUID).
   */
  public String sendCloudEvent(
      String topic, String type, String source, String subject, String jsonData) {
    String id = UUID.randomUUID().toString();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("ce_specversion", "1.0");
    headers.put("ce_id", id);
    headers.put("ce_source", source);
    headers.put("ce_type", type);
    if (subject != null) {
      headers.put("ce_subject", subject);
    }
    headers.put("ce_time", RFC_3339.format(Instant.now().truncatedTo(ChronoUnit.MILLIS)));
    headers.put("content-type", "application/json");
    send(topic, subject, jsonData, headers);
    return id;
  }

  /**
   * The first {@code count} records of {@code topic} (read from its beginning) that {@code match},
   * waiting up to {@code timeout} for them.
   *
   * @throws AssertionError if fewer than {@code count} matching records arrive in time
   */
  public List<ConsumerRecord<String, byte[]>> awaitRecords(
      String topic, Predicate<ConsumerRecord<String, byte[]>> match, int count, Duration timeout) {
    List<ConsumerRecord<String, byte[]>> matched = new ArrayList<>();
    int seen = 0;
    long deadline = System.nanoTime() + timeout.toNanos();
    try (KafkaConsumer<String, byte[]> consumer = newConsumer()) {
      consumer.subscribe(List.of(topic));
      while (matched.size() < count) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError(
              "expected "
                  + count
                  + " matching record(s) on "
                  + topic
                  + " within "
                  + timeout
                  + ", got "
                  + matched.size()
                  + " of "
                  + seen
                  + " read");
        }
        Duration poll = Duration.ofNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(250)));
        for (ConsumerRecord<String, byte[]> record : consumer.poll(poll)) {
          seen++;
          if (matched.size() < count && match.test(record)) {
            matched.add(record);
          }
        }
      }
    }
    return matched;
  }

  /** The data of the first event on {@code topic} whose JSON {@code field} equals {@code value}. */
  public JsonNode awaitEvent(String topic, String field, String value, Duration timeout) {
    return data(awaitRecords(topic, where(field, value), 1, timeout).get(0));
  }

  /** Records whose JSON data has a top-level {@code field} equal to {@code value}. */
  public static Predicate<ConsumerRecord<String, byte[]>> where(String field, String value) {
    return record -> value.equals(data(record).path(field).asText(null));
  }

  /** A record's JSON data; an empty object when the value is not JSON (dead letters, tests). */
  public static JsonNode data(ConsumerRecord<?, byte[]> record) {
    try {
      return record.value() == null ? JSON.createObjectNode() : JSON.readTree(record.value());
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }

  /** The last value of header {@code name} as UTF-8 text, or {@code null} if absent. */
  public static String headerValue(ConsumerRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null || header.value() == null
        ? null
        : new String(header.value(), StandardCharsets.UTF_8);
  }

  /** The record's value as UTF-8 text, or {@code null} for a tombstone. */
  public static String valueAsString(ConsumerRecord<?, byte[]> record) {
    return record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8);
  }

  private KafkaConsumer<String, byte[]> newConsumer() {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "autopilot-test-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "true");
    return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
