package dev.autopilot.platform.event.v1;

import dev.autopilot.platform.event.EventData;
import dev.autopilot.platform.event.Topics;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Metric samples pushed by anything without Prometheus; alert-service evaluates rules on them. */
@RegisterForReflection
public record MetricsSamples(@NotEmpty List<@Valid @NotNull Sample> samples) implements EventData {

  /** One sample of one series. */
  @RegisterForReflection
  public record Sample(
      @NotBlank String name,
      Map<String, String> labels,
      @NotNull Double value,
      Instant timestamp) {}

  @Override
  public String topic() {
    return Topics.METRICS_SAMPLES;
  }

  @Override
  public String subject() {
    return samples == null || samples.isEmpty() ? null : samples.get(0).name();
  }
}
