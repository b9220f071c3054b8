package dev.autopilot.alert.ingest;

import dev.autopilot.alert.rule.source.SampleIngest;
import dev.autopilot.platform.consume.EventConsumer;
import dev.autopilot.platform.event.v1.MetricsSamples;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads {@code metrics.samples} (CloudEvents or plain JSON) into the sample store. Every replica
 * reads every record (its own consumer group), so the platform's inbox, which would let only one
 * replica process an event, is not used ({@link EventConsumer#handleEach}); a redelivered sample is
 * ignored by the store (not newer than the last one of its series). Bad records are dead-lettered;
 * while the database is unreachable (a dead letter cannot be recorded) the consumer waits, as every
 * other consumer does, rather than failing the channel.
 */
@ApplicationScoped
public class SamplesConsumer {
  private final EventConsumer consumer;
  private final SampleIngest ingest;

  public SamplesConsumer(EventConsumer consumer, SampleIngest ingest) {
    this.consumer = consumer;
    this.ingest = ingest;
  }

  @Incoming(Channels.METRICS_SAMPLES)
  @Blocking
  public void onSamples(ConsumerRecord<String, byte[]> record) {
    consumer.handleEach(record, MetricsSamples.class, e -> ingest.add(e.data().samples()));
  }
}
