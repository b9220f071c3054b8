package dev.autopilot.alert.robust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autopilot.alert.AlertServiceTestResource;
import dev.autopilot.platform.outbox.Outbox;
import dev.autopilot.platform.outbox.OutboxRelay;
import dev.autopilot.testing.KafkaTestClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An outbox row the broker can never take (over the 1 MiB record limit, or for a topic whose name
 * Kafka refuses) is set aside as a dead letter with the reason and counted, and the rows after it
 * are published (real Kafka of the shared stack), in order.
 */
@QuarkusTest
@QuarkusTestResource(AlertServiceTestResource.class)
class OutboxSetAsideTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String TOPIC = "robust.outbox-set-aside";
  private static final KafkaTestClient kafka = KafkaTestClient.shared();

  @Inject Outbox outbox;
  @Inject MeterRegistry registry;

  @Test
  void unpublishableRowsAreSetAsideAndLaterRowsFlowInOrder() throws Exception {
    String run = UUID.randomUUID().toString();
    String badTopic = "no such topic!" + run;
    double failedBefore = failed(TOPIC) + failed(badTopic);
    byte[] tooLarge = new byte[2 * 1024 * 1024];
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              outbox.appendRaw(id(), TOPIC, run, headers("first"), bytes(run + "/1"));
              outbox.appendRaw(id(), TOPIC, run, headers("too-large"), tooLarge);
              outbox.appendRaw(id(), badTopic, run, headers("bad-topic"), bytes(run + "/x"));
              outbox.appendRaw(id(), TOPIC, run, headers("after"), bytes(run + "/2"));
            });

    List<String> published =
        kafka.awaitRecords(TOPIC, r -> run.equals(r.key()), 2, WAIT).stream()
            .map(KafkaTestClient::valueAsString)
            .toList();
    assertThat(published).containsExactly(run + "/1", run + "/2");

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              List<JsonNode> tooLargeLetters =
                  DeadLetterApi.list(TOPIC).stream()
                      .filter(l -> run.equals(l.path("key").asText()))
                      .toList();
              assertThat(tooLargeLetters).hasSize(1);
              JsonNode letter = tooLargeLetters.get(0);
              assertThat(letter.path("consumer").asText()).isEqualTo("alert-service/outbox");
              assertThat(letter.path("partition").asInt()).isEqualTo(-1);
              assertThat(letter.path("reason").asText()).contains("RecordTooLargeException");
              assertThat(letter.path("headers").path("test-row").asText()).isEqualTo("too-large");

              List<JsonNode> badTopicLetters = DeadLetterApi.list(badTopic);
              assertThat(badTopicLetters).hasSize(1);
              assertThat(badTopicLetters.get(0).path("reason").asText())
                  .contains("InvalidTopicException");
            });
    assertThat(failed(TOPIC) + failed(badTopic)).isEqualTo(failedBefore + 2);
  }

  private double failed(String topic) {
    var counter = registry.find(OutboxRelay.FAILED).tags("topic", topic).counter();
    return counter == null ? 0 : counter.count();
  }

  private static String id() {
    return UUID.randomUUID().toString();
  }

  private static Map<String, String> headers(String row) {
    return Map.of("test-row", row);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
