package dev.autopilot.notification;

import static dev.autopilot.notification.NotificationLog.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autopilot.notification.HttpReceiver.Request;
import dev.autopilot.platform.event.Topics;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A route with group_by [service], group_wait 3s, group_interval 3s: three alerts of one service
 * become one message after group_wait; a fourth, later one its own message a group_interval after.
 */
@QuarkusTest
@TestProfile(ChannelsTest.Channels.class)
class GroupingTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TestEvents events = TestEvents.shared();
  private final HttpReceiver peer = HttpReceiver.shared();

  private static String alert(String service, String summary) throws Exception {
    String alertId = UUID.randomUUID().toString();
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("alertId", alertId);
    data.put("fingerprint", "fp-" + alertId);
    data.put("name", "TargetUnhealthy");
    data.put("severity", "P2");
    data.put("labels", Map.of("case", "grouped", "service", service));
    data.put("annotations", Map.of("summary", summary));
    return JSON.writeValueAsString(data);
  }

  @Test
  void alertsOfOneGroupAreToldTogether() throws Exception {
    String service = "svc-" + UUID.randomUUID().toString().substring(0, 8);
    for (int i = 1; i <= 3; i++) {
      events.send(Topics.ALERT_FIRED, service + i, alert(service, service + " check " + i));
    }
    Request batch = peer.await("/grouped", service, 1, WAIT).get(0);
    JsonNode body = JSON.readTree(batch.body());
    assertThat(body.get("subject").asText()).isEqualTo("[FIRING:3] service=" + service);
    assertThat(body.get("text").asText())
        .contains("[FIRING P2] " + service + " check 1")
        .contains("[FIRING P2] " + service + " check 2")
        .contains("[FIRING P2] " + service + " check 3");

    events.send(Topics.ALERT_FIRED, service + 4, alert(service, service + " check 4"));
    List<Request> both = peer.await("/grouped", service, 2, WAIT);
    assertThat(both).hasSize(2);
    assertThat(JSON.readTree(both.get(1).body()).get("subject").asText())
        .isEqualTo("[FIRING P2] " + service + " check 4");
    assertThat(both.get(1).body()).doesNotContain(service + " check 1");
    // The second message waited for the group_interval after the first.
    assertThat(Duration.between(both.get(0).at(), both.get(1).at()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(2500));
  }

  @Test
  void deployAndBackupEventsGroupOnTheirOwnLabels() throws Exception {
    String service = "svc-" + UUID.randomUUID().toString().substring(0, 8);
    for (String version : List.of("1.0.1", "1.0.2", "1.0.3")) {
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("deploymentId", UUID.randomUUID().toString());
      data.put("service", service);
      data.put("environment", "grouping");
      data.put("version", version);
      events.send(Topics.DEPLOY_SUCCEEDED, service + "/grouping", JSON.writeValueAsString(data));
    }
    Request batch = peer.await("/grouped", service, 1, WAIT).get(0);
    JsonNode body = JSON.readTree(batch.body());
    assertThat(body.get("subject").asText())
        .isEqualTo("[3 deploy.succeeded] environment=grouping service=" + service);
    assertThat(body.get("eventType").asText()).isEqualTo("deploy.succeeded");
    assertThat(body.get("text").asText())
        .contains("Deployed " + service + " 1.0.1 to grouping")
        .contains("Deployed " + service + " 1.0.2 to grouping")
        .contains("Deployed " + service + " 1.0.3 to grouping");
    // Each event was told once, in the group's message, not on its own.
    assertThat(peer.matching("/grouped", service)).hasSize(1);
  }
}
