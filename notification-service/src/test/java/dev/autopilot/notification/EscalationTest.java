package dev.autopilot.notification;

import static dev.autopilot.notification.NotificationLog.WAIT;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autopilot.notification.HttpReceiver.Request;
import dev.autopilot.platform.event.Topics;
import dev.autopilot.platform.store.Jdbc;
import dev.autopilot.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * On-call escalation against real Kafka and Postgres, pages delivered to the local HTTP peer:
 * on-call member (an override) first, the lead after the ack deadline; an acknowledgement stops it;
 * a timer left by a previous process resumes at its level.
 */
@QuarkusTest
@TestProfile(ChannelsTest.Channels.class)
class EscalationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TestEvents events = TestEvents.shared();
  private final HttpReceiver peer = HttpReceiver.shared();

  @Inject Jdbc jdbc;

  private static String summary() {
    return "Escalating " + UUID.randomUUID().toString().substring(0, 8);
  }

  /**
   * Sends the alert.fired and waits until the service consumed it, so a missing page later points
   * at the escalation or delivery, not at the consumer.
   */
  private void fire(String alertId, String severity, String summary) throws Exception {
    RecordMetadata sent =
        events.send(
            Topics.ALERT_FIRED,
            UUID.randomUUID().toString(),
            alertId,
            ChannelsTest.alert(alertId, "fp-" + alertId, severity, summary, "escalate"));
    TestEvents.awaitConsumed(sent, WAIT);
  }

  private static Map<String, Object> escalation(String alertId) {
    List<Map<String, Object>> rows =
        given()
            .auth()
            .oauth2(TestTokens.VIEWER)
            .queryParam("alertId", alertId)
            .get("/escalations")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("$");
    assertThat(rows).hasSize(1);
    return rows.get(0);
  }

  @Test
  void pagesTheOnCallMemberThenTheLeadAfterTheAckDeadline() throws Exception {
    String summary = summary();
    String alertId = UUID.randomUUID().toString();
    fire(alertId, "P1", summary);

    Request first = peer.await("/page/bob", summary, 1, WAIT).get(0);
    assertThat(JSON.readTree(first.body()).get("subject").asText())
        .isEqualTo("[ESCALATION L1] [FIRING P1] " + summary);
    assertThat(JSON.readTree(first.body()).get("ackLink").asText())
        .startsWith("http://alert.test/ack/");
    assertThat(peer.matching("/page/alice", summary)).isEmpty();

    Request second = peer.await("/page/lead", summary, 1, WAIT).get(0);
    assertThat(JSON.readTree(second.body()).get("subject").asText()).startsWith("[ESCALATION L2] ");
    // P1's ack deadline in this configuration is 2 s.
    assertThat(Duration.between(first.at(), second.at())).isGreaterThan(Duration.ofMillis(1500));
    Awaitility.await()
        .atMost(WAIT)
        .until(() -> "EXHAUSTED".equals(escalation(alertId).get("state")));
    assertThat(escalation(alertId)).containsEntry("paged", 2).containsEntry("policy", "standard");
  }

  @Test
  void anAcknowledgementStopsTheEscalationAtOnce() throws Exception {
    String summary = summary();
    String alertId = UUID.randomUUID().toString();
    // P3's ack deadline here is 6 s: time enough for the acknowledgement to arrive first.
    fire(alertId, "P3", summary);
    peer.await("/page/bob", summary, 1, WAIT);

    Map<String, Object> ack = new LinkedHashMap<>();
    ack.put("alertId", alertId);
    ack.put("by", "bob");
    ack.put("at", Instant.now().toString());
    RecordMetadata sent =
        events.send(
            Topics.ALERT_ACKNOWLEDGED,
            UUID.randomUUID().toString(),
            alertId,
            JSON.writeValueAsString(ack));
    TestEvents.awaitConsumed(sent, WAIT);

    assertThat(escalation(alertId)).containsEntry("state", "ACKNOWLEDGED");
    Awaitility.await()
        .during(Duration.ofSeconds(7))
        .atMost(Duration.ofSeconds(9))
        .until(() -> peer.matching("/page/lead", summary).isEmpty());
  }

  @Test
  void aTimerLeftByAPreviousProcessFiresLevelTwo() {
    // What a process that paged level 1 and then died leaves behind: an ACTIVE row at level 2
    // (index 1) that is due. Nothing in memory knows about it; the worker must find it.
    String summary = summary();
    UUID alertId = UUID.randomUUID();
    insertDueLevelTwo(UUID.randomUUID(), alertId, "[FIRING P2] " + summary, null, "1 second");

    Request page = peer.await("/page/lead", summary, 1, WAIT).get(0);
    assertThat(page.body()).contains("[ESCALATION L2] [FIRING P2] " + summary);
    assertThat(peer.matching("/page/bob", summary)).isEmpty();
    Awaitility.await()
        .atMost(WAIT)
        .until(() -> "EXHAUSTED".equals(escalation(alertId.toString()).get("state")));
  }

  /**
   * An escalation whose paging fails every time (here: its pages violate a constraint, as a bad row
   * would) is the oldest due one, so it is claimed first on every run; it must be put back for a
   * while and the others paged, not stop the worker's run each time.
   */
  @Test
  void anEscalationThatCannotBePagedDoesNotHoldUpTheOthers() {
    String poisonKey = "poison-" + UUID.randomUUID();
    UUID poison = UUID.randomUUID();
    jdbc.update(
        "alter table notification add constraint escalation_test_poison check (dedup_key is"
            + " distinct from '"
            + poisonKey
            + "') not valid");
    try {
      insertDueLevelTwo(
          poison, UUID.randomUUID(), "[FIRING P2] " + summary(), poisonKey, "1 minute");
      String summary = summary();
      insertDueLevelTwo(
          UUID.randomUUID(), UUID.randomUUID(), "[FIRING P2] " + summary, null, "1 second");

      peer.await("/page/lead", summary, 1, WAIT);
      Map<String, Object> deferred =
          jdbc.one(
                  "select state, next_at > now() + interval '10 seconds', paged from escalation"
                      + " where id = ?",
                  rs ->
                      Map.<String, Object>of(
                          "state",
                          rs.getString(1),
                          "later",
                          rs.getBoolean(2),
                          "paged",
                          rs.getInt(3)),
                  poison)
              .orElseThrow();
      assertThat(deferred)
          .as("the failing escalation: still active, not paged, due again later")
          .containsEntry("state", "ACTIVE")
          .containsEntry("paged", 1)
          .containsEntry("later", true);
    } finally {
      jdbc.update("alter table notification drop constraint if exists escalation_test_poison");
      jdbc.update("delete from escalation where id = ?", poison);
    }
  }

  /** An ACTIVE escalation at level 2 of 'standard' (the lead), due since {@code dueFor}. */
  private void insertDueLevelTwo(
      UUID id, UUID alertId, String subject, String dedupKey, String dueFor) {
    jdbc.update(
        "insert into escalation (id, alert_id, policy, event_id, severity, dedup_key, subject,"
            + " body_text, body_html, level, cycle, state, next_at, paged, created_at) values (?,"
            + " ?, 'standard', ?, 'P2', ?, ?, 'text', '<p>html</p>', 1, 0, 'ACTIVE', now() -"
            + " cast(? as interval), 1, now() - interval '5 minutes')",
        id,
        alertId,
        "previous-process-" + alertId,
        dedupKey,
        subject,
        dueFor);
  }

  @Test
  void onCallIsReadable() {
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .get("/oncall/primary")
        .then()
        .statusCode(200)
        .body("receiver", org.hamcrest.Matchers.equalTo("bob"));
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .queryParam("at", "yesterday")
        .get("/oncall/primary")
        .then()
        .statusCode(400);
    given().auth().oauth2(TestTokens.VIEWER).get("/oncall/nobody").then().statusCode(404);
    given().get("/escalations").then().statusCode(401);
  }
}
