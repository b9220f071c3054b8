package dev.autopilot.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autopilot.platform.event.Topics;
import dev.autopilot.testing.KafkaTestClient;
import dev.autopilot.testing.SharedStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The thresholds end to end: a real HTTP target, real probes every second, events on real Kafka.
 * it-ready has failure-threshold 2 and success-threshold 2.
 */
@QuarkusTest
@QuarkusTestResource(HealthServiceTestResource.class)
class HealthEventsTest {
  private static final String TARGET = "it-ready";
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static KafkaTestClient kafka;

  @Inject DataSource dataSource;

  @BeforeAll
  static void connect() {
    kafka = new KafkaTestClient(SharedStack.get().bootstrapServers());
  }

  @AfterAll
  static void close() {
    kafka.close();
  }

  @Test
  void singleFailureIsSilentThresholdCrossingsEmitExactlyOneEventEach() throws Exception {
    String readyUrl =
        ConfigProvider.getConfig().getValue(HealthServiceTestResource.READY_URL, String.class);
    TargetApi.control(readyUrl, "ready=200");
    await().until(() -> "UP".equals(TargetApi.status(TARGET)));

    // One failure, inside the threshold: counted, but no state change and no event.
    Instant before = Instant.now();
    TargetApi.control(readyUrl, "fail-next=1");
    await().until(() -> failureThenSuccessAfter(TargetApi.probes(TARGET), before));
    assertThat(TargetApi.status(TARGET)).isEqualTo("UP");
    assertThat(outboxRows(Topics.HEALTH_DEGRADED)).isZero();
    assertThat(TopicContents.withKey(bootstrap(), Topics.HEALTH_DEGRADED, TARGET)).isEmpty();

    // Failures past the threshold: DOWN and exactly one health.degraded, however long it stays.
    TargetApi.control(readyUrl, "ready=503");
    await().until(() -> "DOWN".equals(TargetApi.status(TARGET)));
    List<ConsumerRecord<String, byte[]>> degraded =
        kafka.awaitRecords(Topics.HEALTH_DEGRADED, r -> TARGET.equals(r.key()), 1, WAIT);
    ConsumerRecord<String, byte[]> event = degraded.get(0);
    assertThat(KafkaTestClient.headerValue(event, "ce_type"))
        .isEqualTo("dev.autopilot.health.degraded.v1");
    assertThat(KafkaTestClient.headerValue(event, "ce_source")).isEqualTo("/health-service");
    assertThat(KafkaTestClient.headerValue(event, "ce_subject")).isEqualTo(TARGET);
    JsonNode data = JSON.readTree(event.value());
    assertThat(data.get("targetId").asText()).isEqualTo(TARGET);
    assertThat(data.get("service").asText()).isEqualTo("shop");
    assertThat(data.get("environment").asText()).isEqualTo("test");
    assertThat(data.get("status").asText()).isEqualTo("DOWN");
    assertThat(data.get("reason").asText()).isEqualTo("status 503");
    assertThat(data.get("consecutiveFailures").asInt()).isEqualTo(2);
    assertThat(Instant.parse(data.get("since").asText())).isAfter(before);
    assertThat(data.get("severity").asText()).isEqualTo("P0");
    assertThat(data.get("labels").get("service").asText()).isEqualTo("shop");
    assertThat(data.get("labels").get("environment").asText()).isEqualTo("test");
    assertThat(data.get("labels").get("targetId").asText()).isEqualTo(TARGET);
    assertThat(data.path("suppressedBy").asText(null)).isNull();

    await().until(() -> TargetApi.target(TARGET).getInt("state.consecutiveFailures") >= 4);
    assertThat(outboxRows(Topics.HEALTH_DEGRADED)).isEqualTo(1);
    assertThat(TopicContents.withKey(bootstrap(), Topics.HEALTH_DEGRADED, TARGET)).hasSize(1);
    assertThat(TargetApi.target(TARGET).getString("state.lastError")).isEqualTo("status 503");

    // Successes past the threshold: UP and exactly one health.recovered with the time down.
    TargetApi.control(readyUrl, "ready=200");
    await().until(() -> "UP".equals(TargetApi.status(TARGET)));
    List<ConsumerRecord<String, byte[]>> recovered =
        kafka.awaitRecords(Topics.HEALTH_RECOVERED, r -> TARGET.equals(r.key()), 1, WAIT);
    assertThat(KafkaTestClient.headerValue(recovered.get(0), "ce_type"))
        .isEqualTo("dev.autopilot.health.recovered.v1");
    JsonNode back = JSON.readTree(recovered.get(0).value());
    assertThat(back.get("targetId").asText()).isEqualTo(TARGET);
    assertThat(back.get("service").asText()).isEqualTo("shop");
    assertThat(back.get("downSeconds").asLong()).isBetween(2L, 60L);

    await().until(() -> TargetApi.target(TARGET).getInt("state.consecutiveSuccesses") >= 3);
    assertThat(outboxRows(Topics.HEALTH_RECOVERED)).isEqualTo(1);
    assertThat(TopicContents.withKey(bootstrap(), Topics.HEALTH_RECOVERED, TARGET)).hasSize(1);
    assertThat(TopicContents.withKey(bootstrap(), Topics.HEALTH_DEGRADED, TARGET)).hasSize(1);
  }

  /** A 503 probe after {@code since}, followed by a successful one. */
  private static boolean failureThenSuccessAfter(List<Map<String, Object>> probes, Instant since) {
    boolean newerSuccess = false;
    for (Map<String, Object> probe : probes) {
      if (Instant.parse((String) probe.get("at")).isBefore(since)) {
        return false;
      }
      if (Boolean.TRUE.equals(probe.get("ok"))) {
        newerSuccess = true;
      } else if ("status 503".equals(probe.get("error")) && newerSuccess) {
        return true;
      }
    }
    return false;
  }

  /** Events for the target written to the outbox: the same transaction as the state change. */
  private long outboxRows(String topic) throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement("select count(*) from outbox where topic = ? and msg_key = ?")) {
      ps.setString(1, topic);
      ps.setString(2, TARGET);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static String bootstrap() {
    return SharedStack.get().bootstrapServers();
  }

  private static org.awaitility.core.ConditionFactory await() {
    return Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(200));
  }
}
