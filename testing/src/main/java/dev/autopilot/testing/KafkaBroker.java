package dev.autopilot.testing;

import io.github.embeddedkafka.EmbeddedK;
import io.github.embeddedkafka.EmbeddedKafka$;
import io.github.embeddedkafka.EmbeddedKafkaConfig;
import io.github.embeddedkafka.EmbeddedKafkaConfig$;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.FeatureUpdate;
import org.apache.kafka.clients.admin.UpdateFeaturesOptions;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A single-node KRaft Kafka (broker and controller in one) inside this JVM, through embedded-kafka.
 * Both ports are ephemeral: the broker binds port 0 and embedded-kafka reports the bound one.
 */
final class KafkaBroker {
  /** Broker settings for a one-node cluster that tests can use at once. */
  static final Map<String, String> BROKER_PROPERTIES =
      Map.ofEntries(
          Map.entry("auto.create.topics.enable", "true"),
          Map.entry("num.partitions", "2"),
          Map.entry("offsets.topic.replication.factor", "1"),
          Map.entry("transaction.state.log.replication.factor", "1"),
          Map.entry("transaction.state.log.min.isr", "1"),
          Map.entry("min.insync.replicas", "1"),
          Map.entry("group.initial.rebalance.delay.ms", "0"),
          // Speed, not durability: the default here would fsync after every record, and a
          // 50-partition transaction log makes the first transactional producer slow.
          Map.entry("log.flush.interval.messages", Long.toString(Long.MAX_VALUE)),
          Map.entry("transaction.state.log.num.partitions", "1"),
          Map.entry("share.coordinator.state.topic.replication.factor", "1"),
          Map.entry("share.coordinator.state.topic.min.isr", "1"),
          // Few threads: test machines have few cores and run several services' tests.
          Map.entry("num.network.threads", "2"),
          Map.entry("num.io.threads", "2"),
          Map.entry("background.threads", "2"),
          Map.entry("group.coordinator.threads", "1"));

  private final EmbeddedK kafka;

  private KafkaBroker(EmbeddedK kafka) {
    this.kafka = kafka;
  }

  /** Starts the broker with its log directory under {@code logDir}. */
  static KafkaBroker start(Path logDir) {
    try {
      Files.createDirectories(logDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    EmbeddedKafkaConfig requested =
        EmbeddedKafkaConfig$.MODULE$.apply(
            0, 0, scalaMap(BROKER_PROPERTIES), scalaMap(Map.of()), scalaMap(Map.of()));
    KafkaBroker broker = new KafkaBroker(EmbeddedKafka$.MODULE$.startKafka(logDir, requested));
    broker.enableConsumerGroupProtocol();
    return broker;
  }

  /**
   * Finalizes the {@code group.version} feature, which the services' consumers need (they speak the
   * consumer group protocol of KIP-848, see the platform's configuration). {@code kafka-storage
   * format}, as {@code ./autopilot up} runs it, sets it; embedded-kafka writes only
   * meta.properties, so its cluster starts with the feature off, as {@code kafka-features upgrade}
   * would find a cluster upgraded from 3.x.
   */
  private void enableConsumerGroupProtocol() {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    try (Admin admin = Admin.create(props)) {
      admin
          .updateFeatures(
              // Level 1 of group.version turns the consumer group protocol on (Kafka's
              // GroupVersion).
              Map.of(
                  "group.version", new FeatureUpdate((short) 1, FeatureUpdate.UpgradeType.UPGRADE)),
              new UpdateFeaturesOptions())
          .all()
          .get(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while enabling group.version", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not enable group.version on the test broker", e);
    }
  }

  /** {@code localhost:<port>}, the broker's advertised listener. */
  String bootstrapServers() {
    return "localhost:" + kafka.config().kafkaPort();
  }

  /** Shuts the broker and controller down and deletes their logs. */
  void stop() {
    kafka.stop(true);
  }

  private static scala.collection.immutable.Map<String, String> scalaMap(Map<String, String> map) {
    return scala.collection.immutable.Map$.MODULE$.from(CollectionConverters.asScala(map));
  }
}
