package dev.autopilot.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.autopilot.platform.event.CloudEvent;
import dev.autopilot.platform.event.CloudEventCodec;
import dev.autopilot.platform.event.Topics;
import dev.autopilot.platform.event.v1.HealthDegraded;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the platform's consumer path costs per record: CloudEvents header checks, JSON binding and
 * Bean Validation, against the reference of a bare Jackson parse of the same bytes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CodecBenchmark {
  private ObjectMapper mapper;
  private CloudEventCodec codec;
  private ConsumerRecord<String, byte[]> record;
  private byte[] json;

  @Setup
  public void setUp() {
    mapper = new ObjectMapper().registerModule(new JavaTimeModule());
    Validator validator =
        Validation.byDefaultProvider()
            .configure()
            .messageInterpolator(new ParameterMessageInterpolator())
            .buildValidatorFactory()
            .getValidator();
    codec = new CloudEventCodec(mapper, validator);
    HealthDegraded data =
        new HealthDegraded(
            "api-ready",
            "api",
            "prod",
            null,
            "connection refused",
            3,
            Instant.now(),
            null,
            null,
            null,
            null);
    json = codec.encode(data);
    record = new ConsumerRecord<>(Topics.HEALTH_DEGRADED, 0, 42L, "api-ready", json);
    Map<String, String> headers =
        codec.headers(data, UUID.randomUUID().toString(), "/health-service", Instant.now(), null);
    headers.forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
  }

  /** The reference: Jackson alone binding the same bytes. */
  @Benchmark
  public HealthDegraded referenceJacksonOnly() throws Exception {
    return mapper.readValue(json, HealthDegraded.class);
  }

  /** The platform's decode: headers, binding, validation. */
  @Benchmark
  public CloudEvent<HealthDegraded> platformDecode() {
    return codec.decode(record, HealthDegraded.class);
  }
}
