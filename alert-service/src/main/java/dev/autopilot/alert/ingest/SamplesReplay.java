package dev.autopilot.alert.ingest;

import dev.autopilot.alert.config.AlertConfig;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Refills the {@code samples} windows after a restart: when this replica's (fresh) consumer group
 * is given its {@code metrics.samples} partitions, it seeks each to the first record of the last
 * {@code alert.samples.replay} (Kafka's own time index, {@code offsetsForTimes}) instead of the
 * newest. The work is bounded by that duration and the memory by the sample store's limits; replay
 * is harmless because a series keeps only samples newer than its newest. HTTP-pushed samples are
 * re-published on the topic, so they come back too.
 */
@ApplicationScoped
@Identifier(SamplesReplay.NAME)
public class SamplesReplay implements KafkaConsumerRebalanceListener {
  /** The name {@code consumer-rebalance-listener.name} refers to. */
  public static final String NAME = "samples-replay";

  private static final Logger LOG = Logger.getLogger(SamplesReplay.class);

  private final Duration replay;

  public SamplesReplay(AlertConfig config) {
    this.replay = config.samples().replay();
  }

  @Override
  public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
    if (replay.isZero() || replay.isNegative() || partitions.isEmpty()) {
      return;
    }
    long from = System.currentTimeMillis() - replay.toMillis();
    Map<TopicPartition, Long> query = new HashMap<>();
    partitions.forEach(p -> query.put(p, from));
    Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(query);
    offsets.forEach(
        (partition, offset) -> {
          // null: nothing that recent in this partition; its position stays at the end.
          if (offset != null) {
            consumer.seek(partition, offset.offset());
            LOG.debugf("replaying %s from offset %d", partition, offset.offset());
          }
        });
  }
}
