package dev.autopilot.alert.rule.source;

import dev.autopilot.platform.event.v1.MetricsSamples;
import dev.autopilot.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/**
 * Samples pushed over HTTP: stored here at once and published on {@code metrics.samples} (outbox)
 * so every other replica has them too; this replica's own copy from Kafka is then ignored (not
 * newer than what it has).
 */
@ApplicationScoped
public class SampleIngest {
  private final SampleStore store;
  private final Outbox outbox;

  public SampleIngest(SampleStore store, Outbox outbox) {
    this.store = store;
    this.outbox = outbox;
  }

  /** Stores and publishes; returns how many samples were kept here. */
  @Transactional
  public int push(MetricsSamples samples) {
    Instant now = Instant.now();
    List<MetricsSamples.Sample> stamped =
        samples.samples().stream()
            .map(
                s ->
                    new MetricsSamples.Sample(
                        s.name(),
                        s.labels(),
                        s.value(),
                        s.timestamp() == null ? now : s.timestamp()))
            .toList();
    outbox.append(new MetricsSamples(stamped));
    return add(stamped);
  }

  /** Stores samples received from Kafka; returns how many were kept. */
  public int add(List<MetricsSamples.Sample> samples) {
    int kept = 0;
    Instant now = Instant.now();
    for (MetricsSamples.Sample s : samples) {
      if (store.add(s.name(), s.labels(), s.value(), s.timestamp() == null ? now : s.timestamp())) {
        kept++;
      }
    }
    return kept;
  }
}
