package dev.autopilot.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autopilot.alert.ingest.SamplesReplay;
import dev.autopilot.testing.SharedStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * After a restart a replica's fresh consumer group starts at the end of metrics.samples; the replay
 * listener moves it back to the first record of the last {@code alert.samples.replay} (1h), on the
 * real broker's time index, so the samples windows refill from the topic.
 */
@QuarkusTest
@QuarkusTestResource(AlertServiceTestResource.class)
class SamplesReplayTest {
  @Inject
  @Identifier(SamplesReplay.NAME)
  KafkaConsumerRebalanceListener replay;

  @Test
  void assignedPartitionsSeekToTheFirstRecordInsideTheReplayWindow() throws Exception {
    String bootstrap = SharedStack.get().bootstrapServers();
    String topic = "replay-test-" + UUID.randomUUID();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
    }
    long now = System.currentTimeMillis();
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
      // Partition 0: two samples older than the window, then two inside it.
      long[] ages = {
        Duration.ofHours(3).toMillis(),
        Duration.ofMinutes(61).toMillis(),
        Duration.ofMinutes(30).toMillis(),
        Duration.ofMinutes(1).toMillis()
      };
      for (long age : ages) {
        producer.send(new ProducerRecord<>(topic, 0, now - age, "k", "{}")).get();
      }
      // Partition 1: only old samples: nothing to replay there.
      producer
          .send(new ProducerRecord<>(topic, 1, now - Duration.ofHours(2).toMillis(), "k", "{}"))
          .get();
    }
    Properties c = new Properties();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    c.put(ConsumerConfig.GROUP_ID_CONFIG, "replay-test-" + UUID.randomUUID());
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    TopicPartition p0 = new TopicPartition(topic, 0);
    TopicPartition p1 = new TopicPartition(topic, 1);
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c)) {
      consumer.assign(List.of(p0, p1));
      replay.onPartitionsAssigned(consumer, List.of(p0, p1));
      assertThat(consumer.position(p0)).isEqualTo(2);
      assertThat(consumer.position(p1)).isEqualTo(1);
      assertThat(consumer.poll(Duration.ofSeconds(10)).records(p0)).hasSize(2);
    }
  }
}
