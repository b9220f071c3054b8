package dev.autopilot.alert.ingest;

import dev.autopilot.alert.rule.source.SampleIngest;
import dev.autopilot.platform.config.PlatformConfig;
import dev.autopilot.platform.consume.PermanentEventException;
import dev.autopilot.platform.dlq.DeadLetters;
import dev.autopilot.platform.event.CloudEventCodec;
import dev.autopilot.platform.event.v1.MetricsSamples;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads {@code metrics.samples} (CloudEvents or plain JSON) into the sample store. Every replica
 * reads every record (its own consumer group), so the platform's inbox, which would let only one
 * replica process an event, is not used; a redelivered sample is ignored by the store (not newer
 * than the last one of its series). Bad records are dead-lettered.
 */
@ApplicationScoped
public class SamplesConsumer {
  private final CloudEventCodec codec;
  private final DeadLetters deadLetters;
  private final SampleIngest ingest;
  private final String consumer;

  public SamplesConsumer(
      CloudEventCodec codec, DeadLetters deadLetters, SampleIngest ingest, PlatformConfig config) {
    this.codec = codec;
    this.deadLetters = deadLetters;
    this.ingest = ingest;
    this.consumer = config.serviceName() + "/metrics.samples";
  }

  @Incoming(Channels.METRICS_SAMPLES)
  @Blocking
  public void onSamples(ConsumerRecord<String, byte[]> record) {
    try {
      ingest.add(codec.decode(record, MetricsSamples.class).data().samples());
    } catch (PermanentEventException e) {
      deadLetters.record(record, consumer, e.getMessage());
    }
  }
}
