package dev.autopilot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The suite's events as they are on the broker: a topic read from its beginning to its end, and
 * CloudEvents published as another service would. The fault drills count effects with it: a record
 * published again by an outbox after a crash keeps its CloudEvent id (the consumers' inbox absorbs
 * it), so distinct ids are distinct events and a second id for one effect is a duplicate.
 */
final class Events {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One record: its CloudEvent id ({@code ce_id}), its JSON data, and when the broker took it.
   *
   * @param copies how many records of the topic carry this id (more than 1: re-published)
   */
  record Event(String id, JsonNode data, Instant at, int copies) {}

  private Events() {}

  /**
   * The events of {@code topic} whose data matches, one per CloudEvent id, in the order first
   * published.
   */
  static List<Event> read(String topic, Predicate<JsonNode> which) {
    Map<String, Event> byId = new LinkedHashMap<>();
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + Suite.KAFKA);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-events-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(20)).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(20));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        assertThat(System.nanoTime()).as("reading %s to its end", topic).isLessThan(deadline);
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          JsonNode data = json(record.value());
          Header ceId = record.headers().lastHeader("ce_id");
          if (data == null || ceId == null || !which.test(data)) {
            continue;
          }
          String id = new String(ceId.value(), StandardCharsets.UTF_8);
          Event first = byId.get(id);
          byId.put(
              id,
              first == null
                  ? new Event(id, data, Instant.ofEpochMilli(record.timestamp()), 1)
                  : new Event(id, first.data(), first.at(), first.copies() + 1));
        }
      }
    }
    return new ArrayList<>(byId.values());
  }

  /** Distinct events per value of {@code field} of their data (e.g. per backupId). */
  static Map<String, Long> perField(List<Event> events, Function<JsonNode, String> field) {
    Map<String, Long> count = new LinkedHashMap<>();
    for (Event e : events) {
      count.merge(field.apply(e.data()), 1L, Long::sum);
    }
    return count;
  }

  /** Records that repeated an id already on the topic (an outbox's at-least-once re-send). */
  static int republished(Collection<Event> events) {
    return events.stream().mapToInt(e -> e.copies() - 1).sum();
  }

  /**
   * Publishes a CloudEvent in Kafka binary mode, as a service's outbox does: {@code ce_*} headers,
   * JSON data as the value, keyed by its subject; waits for the broker's acknowledgement.
   */
  static void publish(String topic, String ceId, String key, String json) throws Exception {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + Suite.KAFKA);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, json);
      header(record, "ce_specversion", "1.0");
      header(record, "ce_id", ceId);
      header(record, "ce_source", "/e2e/kill-drill");
      header(record, "ce_type", "dev.autopilot." + topic + ".v1");
      header(record, "ce_subject", key);
      header(record, "ce_time", Instant.now().toString());
      header(record, "content-type", "application/json");
      producer.send(record).get(30, TimeUnit.SECONDS);
    }
  }

  private static void header(ProducerRecord<String, String> record, String name, String value) {
    record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
  }

  private static JsonNode json(String text) {
    if (text == null) {
      return null;
    }
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      return null; // garbage another test produced: not an event of ours
    }
  }
}
