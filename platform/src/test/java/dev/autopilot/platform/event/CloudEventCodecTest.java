package dev.autopilot.platform.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.autopilot.platform.consume.PermanentEventException;
import dev.autopilot.platform.event.v1.DeployRequested;
import dev.autopilot.platform.event.v1.HealthDegraded;
import jakarta.validation.Validation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CloudEventCodecTest {
  private final CloudEventCodec codec =
      new CloudEventCodec(
          new ObjectMapper().registerModule(new JavaTimeModule()),
          Validation.byDefaultProvider()
              .configure()
              .messageInterpolator(new ParameterMessageInterpolator())
              .buildValidatorFactory()
              .getValidator());

  @Test
  void roundTripKeepsAttributesAndData() {
    HealthDegraded data =
        new HealthDegraded(
            "api-ready", "api", "prod", null, "timeout", 3, Instant.EPOCH, null, null, null, null);
    Map<String, String> headers =
        codec.headers(
            data,
            "id-1",
            "/health-service",
            Instant.EPOCH,
            "00-" + "a".repeat(32) + "-" + "b".repeat(16) + "-01");
    CloudEvent<HealthDegraded> event =
        codec.decode(
            record(Topics.HEALTH_DEGRADED, codec.encode(data), headers), HealthDegraded.class);
    assertEquals("id-1", event.id());
    assertEquals("dev.autopilot.health.degraded.v1", event.type());
    assertEquals("api-ready", event.subject());
    assertEquals(data, event.data());
    assertFalse(event.plainJson());
  }

  @Test
  void plainJsonIsAcceptedOnlyWhereOutsideSystemsWrite() {
    byte[] json =
        "{\"service\":\"api\",\"environment\":\"prod\",\"version\":\"1.2.3\",\"x\":1}"
            .getBytes(StandardCharsets.UTF_8);
    CloudEvent<DeployRequested> event =
        codec.decode(record(Topics.DEPLOY_REQUESTED, json, Map.of()), DeployRequested.class);
    assertTrue(event.plainJson());
    assertEquals("1.2.3", event.data().version());
    // Same record, same derived id: redelivery is recognised.
    assertEquals(
        event.id(),
        codec.decode(record(Topics.DEPLOY_REQUESTED, json, Map.of()), DeployRequested.class).id());
    PermanentEventException e =
        assertThrows(
            PermanentEventException.class,
            () ->
                codec.decode(record(Topics.HEALTH_DEGRADED, json, Map.of()), HealthDegraded.class));
    assertTrue(e.getMessage().contains("ce_specversion"), e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "missing required field | {\"service\":\"api\"}                       | | targetId must not be blank",
        "malformed JSON         | {\"targetId\":                             | | malformed JSON",
        "wrong type             | {\"targetId\":\"t\",\"consecutiveFailures\":\"x\"} | | consecutiveFailures",
        "JSON null              | null                                       | | JSON null",
        "wrong ce_type          | {\"targetId\":\"t\"}                       | dev.autopilot.alert.fired.v1 | is not dev.autopilot.health.degraded.v1",
      })
  void badRecordsArePermanentWithAReason(String name, String json, String type, String reason) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("ce_specversion", "1.0");
    headers.put("ce_id", "x");
    headers.put("ce_source", "/test");
    headers.put("ce_type", type == null ? Topics.typeOf(Topics.HEALTH_DEGRADED) : type);
    PermanentEventException e =
        assertThrows(
            PermanentEventException.class,
            () ->
                codec.decode(
                    record(Topics.HEALTH_DEGRADED, json.getBytes(StandardCharsets.UTF_8), headers),
                    HealthDegraded.class));
    assertTrue(e.getMessage().contains(reason), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({"1.0;rm -rf /", "'$(reboot)'", "../../etc/passwd", "-rf"})
  void deployVersionsThatCouldReachACommandAreRejected(String version) {
    byte[] json =
        ("{\"service\":\"api\",\"environment\":\"prod\",\"version\":\"" + version + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    PermanentEventException e =
        assertThrows(
            PermanentEventException.class,
            () ->
                codec.decode(
                    record(Topics.DEPLOY_REQUESTED, json, Map.of()), DeployRequested.class));
    assertTrue(e.getMessage().contains("version"), e.getMessage());
  }

  private static ConsumerRecord<String, byte[]> record(
      String topic, byte[] value, Map<String, String> headers) {
    ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(topic, 0, 7L, "key", value);
    headers.forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
    return record;
  }
}
