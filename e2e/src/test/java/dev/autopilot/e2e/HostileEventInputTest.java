package dev.autopilot.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Garbage on every consumed topic (consumers read from the services' own configuration, so a new
 * one is covered without being listed), produced with a plain Kafka client: each consumer of the
 * topic puts the record on {@code <topic>.dlq} with a {@code dead-letter-reason}, and a valid event
 * produced right after it on the same partition is still processed (the consumer's committed offset
 * passes it and it is not dead-lettered), so no consumer is stuck.
 *
 * <p>Each try sends one garbage record, shaped to each topic, to every consumed topic at once.
 * Kinds: {@link HostileRecord}.
 */
class HostileEventInputTest {
  static final int TRIES = 8;
  private static final Duration SETTLE = Duration.ofSeconds(45);
  private static final String DLQ_SUFFIX = ".dlq";

  private static Map<String, List<Consumers>> consumers;
  private static KafkaProducer<byte[], byte[]> producer;
  private static KafkaConsumer<byte[], byte[]> deadLetters;
  private static Admin admin;
  private static final List<ConsumerRecord<byte[], byte[]>> seen = new CopyOnWriteArrayList<>();
  private static int round;

  @BeforeContainer
  static void connect() throws Exception {
    Suite suite = Suite.get();
    HostileHttpInputTest.awaitReady();
    consumers = Consumers.byTopic(suite.root);
    String bootstrap = "127.0.0.1:" + Suite.KAFKA;
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("acks", "all");
    p.put("max.request.size", 2 * 1024 * 1024);
    producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    Properties c = new Properties();
    c.put("bootstrap.servers", bootstrap);
    c.put("enable.auto.commit", "false");
    c.put("max.partition.fetch.bytes", 4 * 1024 * 1024);
    deadLetters = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : consumers.keySet()) {
      deadLetters
          .partitionsFor(topic + DLQ_SUFFIX, Duration.ofSeconds(30))
          .forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
    }
    deadLetters.assign(partitions);
    deadLetters.seekToEnd(partitions);
    partitions.forEach(deadLetters::position);
    Properties a = new Properties();
    a.put("bootstrap.servers", bootstrap);
    admin = Admin.create(a);
  }

  @AfterContainer
  static void close() {
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
      deadLetters.close(Duration.ofSeconds(5));
      admin.close(Duration.ofSeconds(5));
    }
  }

  @Example
  void everyConsumedTopicHasAValidSampleAndConsumers() {
    assertThat(consumers)
        .as("consumed topics found in the services' configuration")
        .hasSizeGreaterThan(15);
    for (String topic : consumers.keySet()) {
      assertThat(valid(topic)).as("a valid sample of %s in this test", topic).isNotNull();
    }
  }

  // Found a defect on its first CI run (2026-11-24, fixed): a ce_source that is no URI made the
  // Kafka connector's own CloudEvents parsing fail the record before the consumer saw it, and the
  // channel stopped. The platform now turns that parsing off and decodes CloudEvents itself.
  @Property(tries = TRIES, shrinking = ShrinkingMode.BOUNDED)
  void everyConsumerDeadLettersGarbageWithAReasonAndGoesOn(@ForAll("garbage") HostileRecord garbage)
      throws Exception {
    Statistics.collect(garbage.getClass().getSimpleName());
    round++;
    Map<String, Sent> sent = new LinkedHashMap<>();
    for (String topic : consumers.keySet()) {
      int partitions = producer.partitionsFor(topic).size();
      int partition = Math.floorMod(round + topic.hashCode(), partitions);
      HostileRecord.Produced bad = garbage.against(topic, valid(topic));
      RecordMetadata badAt = send(topic, partition, bad);
      HostileRecord.Produced good =
          new HostileRecord.Produced(
              HostileRecord.utf8("hostile-probe"),
              HostileRecord.utf8(HostileJson.write(valid(topic))),
              HostileRecord.ceHeaders(topic));
      RecordMetadata goodAt = send(topic, partition, good);
      sent.put(topic, new Sent(partition, badAt.offset(), goodAt.offset(), bad));
    }
    List<String> missing = new ArrayList<>();
    try {
      await()
          .atMost(SETTLE)
          .pollInterval(Duration.ofMillis(500))
          .pollInSameThread() // the Kafka consumer belongs to this thread
          .until(
              () -> {
                missing.clear();
                missing.addAll(unsettled(sent));
                return missing.isEmpty();
              });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      // reported below with what is still missing
    }
    for (Map.Entry<String, Sent> s : sent.entrySet()) {
      for (Consumers c : consumers.get(s.getKey())) {
        if (deadLetter(c, s.getValue().partition, s.getValue().goodOffset) != null) {
          missing.add(c + ": the valid event after the garbage was dead-lettered");
        }
      }
    }
    assertThat(missing)
        .as("garbage %s: consumers that did not dead-letter it with a reason and go on", garbage)
        .isEmpty();
  }

  @Provide
  Arbitrary<HostileRecord> garbage() {
    return HostileRecord.any();
  }

  private record Sent(int partition, long badOffset, long goodOffset, HostileRecord.Produced bad) {}

  private static RecordMetadata send(String topic, int partition, HostileRecord.Produced r)
      throws Exception {
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(topic, partition, r.key(), r.value());
    r.headers().forEach((k, v) -> record.headers().add(k, v));
    return producer.send(record).get(30, TimeUnit.SECONDS);
  }

  /** What is not yet done: dead letters missing (or without reason), offsets not passed. */
  private static List<String> unsettled(Map<String, Sent> sent) throws Exception {
    for (ConsumerRecord<byte[], byte[]> r : deadLetters.poll(Duration.ofMillis(200))) {
      seen.add(r);
    }
    List<String> missing = new ArrayList<>();
    Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = new LinkedHashMap<>();
    for (Map.Entry<String, Sent> s : sent.entrySet()) {
      Sent at = s.getValue();
      for (Consumers c : consumers.get(s.getKey())) {
        ConsumerRecord<byte[], byte[]> letter = deadLetter(c, at.partition, at.badOffset);
        if (letter == null) {
          missing.add(
              c
                  + ": no dead letter for "
                  + at.bad.preview()
                  + " at "
                  + at.partition
                  + "@"
                  + at.badOffset);
        } else if (header(letter, "dead-letter-reason") == null
            || header(letter, "dead-letter-reason").isBlank()) {
          missing.add(c + ": dead letter without a reason");
        }
        TopicPartition tp = new TopicPartition(c.topic(), at.partition);
        for (String group : groups(c)) {
          OffsetAndMetadata offset =
              committed.computeIfAbsent(group, HostileEventInputTest::offsets).get(tp);
          if (offset == null || offset.offset() <= at.goodOffset) {
            missing.add(
                c
                    + ": group "
                    + group
                    + " committed "
                    + (offset == null ? "nothing" : offset.offset())
                    + " on "
                    + tp
                    + ", not past the valid event at "
                    + at.goodOffset
                    + " (stuck?)");
          }
        }
      }
    }
    return missing;
  }

  private static ConsumerRecord<byte[], byte[]> deadLetter(
      Consumers c, int partition, long offset) {
    for (ConsumerRecord<byte[], byte[]> r : seen) {
      if (r.topic().equals(c.topic() + DLQ_SUFFIX)
          && c.deadLetterConsumer().equals(header(r, "dead-letter-consumer"))
          && Integer.toString(partition).equals(header(r, "dead-letter-partition"))
          && Long.toString(offset).equals(header(r, "dead-letter-offset"))) {
        return r;
      }
    }
    return null;
  }

  /** The consumer's group, or every live group of a per-process prefix. */
  private static Collection<String> groups(Consumers c) throws Exception {
    if (!c.group().endsWith("-")) {
      return List.of(c.group());
    }
    List<String> prefixed =
        admin.listConsumerGroups().all().get(10, TimeUnit.SECONDS).stream()
            .map(ConsumerGroupListing::groupId)
            .filter(g -> g.startsWith(c.group()))
            .toList();
    Map<String, ConsumerGroupDescription> described =
        admin.describeConsumerGroups(prefixed).all().get(10, TimeUnit.SECONDS);
    Set<String> live =
        described.values().stream()
            .filter(d -> !d.members().isEmpty())
            .map(ConsumerGroupDescription::groupId)
            .collect(Collectors.toSet());
    return live.isEmpty() ? List.of(c.group() + "(no live group)") : live;
  }

  private static Map<TopicPartition, OffsetAndMetadata> offsets(String group) {
    try {
      return admin
          .listConsumerGroupOffsets(group)
          .partitionsToOffsetAndMetadata()
          .get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      return Map.of();
    }
  }

  private static String header(ConsumerRecord<?, ?> r, String name) {
    Header h = r.headers().lastHeader(name);
    return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  /**
   * A valid event of each consumed topic about things that do not exist ({@code hostile-probe}), so
   * processing it changes nothing another test counts; null for a topic without a sample.
   */
  static JsonNode valid(String topic) {
    ObjectNode o = HostileJson.NODES.objectNode();
    String now = Instant.now().toString();
    String later = Instant.now().plusSeconds(60).toString();
    String id = UUID.randomUUID().toString();
    ObjectNode labels =
        HostileJson.NODES
            .objectNode()
            .put("service", "hostile-probe")
            .put("environment", "hostile");
    switch (topic) {
      case "alert.acknowledged" -> o.put("alertId", id).put("by", "hostile").put("at", now);
      case "alert.suppressed" ->
          o.put("alertId", id).put("reason", "silence:hostile").put("at", now);
      case "alert.fired" -> {
        o.put("alertId", id)
            .put("fingerprint", "hostile-probe")
            .put("name", "HostileProbe")
            .put("severity", "P3");
        o.set("labels", labels);
        o.putObject("annotations").put("summary", "hostile input probe");
        o.put("startsAt", now);
      }
      case "alert.resolved" -> {
        o.put("alertId", id)
            .put("fingerprint", "hostile-probe")
            .put("name", "HostileProbe")
            .put("endsAt", now)
            .put("severity", "P3");
        o.set("labels", labels);
      }
      case "backup.completed" ->
          o.put("backupId", id)
              .put("source", "hostile-probe")
              .put("sizeBytes", 1)
              .put("sha256", "00")
              .put("location", "file:///nonexistent")
              .put("startedAt", now)
              .put("finishedAt", now)
              .put("correlationId", "hostile-" + id);
      case "backup.failed" ->
          o.put("source", "hostile-probe")
              .put("reason", "hostile input probe")
              .put("correlationId", "hostile-" + id);
      case "backup.requested" ->
          o.put("source", "hostile-no-such-source")
              .put("reason", "MANUAL")
              .put("correlationId", "hostile-" + id);
      case "backup.restored" ->
          o.put("backupId", id)
              .put("target", "hostile-probe")
              .put("restoreSeconds", 1.0)
              .put("correlationId", "hostile-" + id)
              .put("source", "hostile-probe")
              .put("ok", true);
      case "backup.verified" -> {
        o.put("backupId", id)
            .put("source", "hostile-probe")
            .put("restoreSeconds", 1.0)
            .put("ok", true);
        o.putArray("checks").add("hostile");
      }
      case "deploy.requested" ->
          o.put("service", "hostile-probe").put("environment", "hostile").put("version", "1.0.0");
      case "deploy.rejected" ->
          o.put("service", "hostile-probe")
              .put("environment", "hostile")
              .put("version", "1.0.0")
              .put("reason", "hostile input probe");
      case "deploy.started" ->
          o.put("deploymentId", id)
              .put("service", "hostile-probe")
              .put("environment", "hostile")
              .put("version", "1.0.0")
              .put("previousVersion", "0.9.0");
      case "deploy.succeeded" ->
          o.put("deploymentId", id)
              .put("service", "hostile-probe")
              .put("environment", "hostile")
              .put("version", "1.0.0")
              .put("durationMs", 1)
              .put("watchUntil", later);
      case "deploy.failed" ->
          o.put("deploymentId", id)
              .put("service", "hostile-probe")
              .put("environment", "hostile")
              .put("version", "1.0.0")
              .put("step", "deploy")
              .put("reason", "hostile input probe");
      case "deploy.rolled_back" ->
          o.put("deploymentId", id)
              .put("service", "hostile-probe")
              .put("environment", "hostile")
              .put("fromVersion", "1.0.1")
              .put("toVersion", "1.0.0")
              .put("reason", "hostile input probe");
      case "health.degraded" -> {
        o.put("targetId", "hostile-probe")
            .put("service", "hostile-probe")
            .put("environment", "hostile")
            .put("status", "DOWN")
            .put("reason", "hostile input probe")
            .put("consecutiveFailures", 3)
            .put("since", now)
            .put("severity", "P3");
        o.set("labels", labels);
      }
      case "health.recovered" ->
          o.put("targetId", "hostile-probe")
              .put("service", "hostile-probe")
              .put("environment", "hostile")
              .put("downSeconds", 1);
      case "maintenance.scheduled", "maintenance.started", "maintenance.ended" -> {
        o.put("windowId", id);
        o.putArray("services").add("hostile-probe");
        o.put("environment", "hostile");
        if (!topic.equals("maintenance.ended")) {
          o.put("startsAt", now).put("endsAt", later).put("description", "hostile input probe");
        }
      }
      case "metrics.samples" ->
          o.putArray("samples")
              .addObject()
              .put("name", "hostile_probe")
              .put("value", 1.0)
              .put("timestamp", now)
              .putObject("labels")
              .put("service", "hostile-probe");
      case "notification.failed" ->
          o.put("notificationId", id)
              .put("channel", "email")
              .put("receiver", "hostile")
              .put("reason", "hostile input probe")
              .put("attempts", 1);
      default -> {
        return null;
      }
    }
    return o;
  }
}
