package dev.autopilot.notification;

import static dev.autopilot.notification.NotificationLog.WAIT;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autopilot.platform.event.Topics;
import dev.autopilot.testing.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

/**
 * maintenance.started mutes notifications about the services it covers (P0 pages included),
 * recorded as MUTED in the delivery log, until maintenance.ended; the state lives in Postgres.
 * Started/ended are told once even when the scheduled window's announcement exists.
 */
@QuarkusTest
@QuarkusTestResource(NotificationServiceTestResource.class)
class MaintenanceMuteTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TestEvents events = TestEvents.shared();
  private final Mailbox mailbox = Mailbox.shared();

  @Inject AgroalDataSource dataSource;

  private static String window(String windowId, String service, String environment, Instant ends)
      throws Exception {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("windowId", windowId);
    data.put("services", List.of(service));
    data.put("environment", environment);
    if (ends != null) {
      data.put("endsAt", ends.toString());
    }
    data.put("description", "database upgrade");
    return JSON.writeValueAsString(data);
  }

  private static String alert(String alertId, String severity, String service, String env)
      throws Exception {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("alertId", alertId);
    data.put("fingerprint", "fp-" + alertId);
    data.put("name", "TargetUnhealthy");
    data.put("severity", severity);
    data.put("labels", Map.of("service", service, "environment", env));
    data.put("annotations", Map.of("summary", "Target of " + service + " in " + env + " is DOWN"));
    return JSON.writeValueAsString(data);
  }

  @Test
  void aRunningWindowMutesItsServicesUntilItEnds() throws Exception {
    String service = "orders-" + UUID.randomUUID().toString().substring(0, 8);
    String windowId = UUID.randomUUID().toString();
    RecordMetadata started =
        events.send(
            Topics.MAINTENANCE_STARTED,
            UUID.randomUUID().toString(),
            windowId,
            window(windowId, service, "prod", Instant.now().plus(Duration.ofHours(1))));
    mailbox.await("[MAINTENANCE started] " + service + " in prod", 2);
    TestEvents.awaitConsumed(started, WAIT);

    // A P0 page about a covered service: recorded as MUTED for both receivers, never sent.
    String p0 = UUID.randomUUID().toString();
    String p0Event = events.send(Topics.ALERT_FIRED, p0, alert(p0, "P0", service, "prod"));
    List<Map<String, Object>> muted = NotificationLog.await(p0Event, 2, "MUTED");
    for (Map<String, Object> row : muted) {
      assertThat((String) row.get("lastError")).contains("maintenance window " + windowId);
      List<Map<String, Object>> log = attempts((String) row.get("id"));
      assertThat(log).hasSize(1);
      assertThat(log.get(0)).containsEntry("outcome", "MUTED").containsEntry("attempt", 0);
      assertThat((String) log.get(0).get("error")).contains(windowId).contains(service);
    }
    // A deployment failing there is muted too; the same service in another environment is not.
    String deployEvent =
        events.send(
            Topics.DEPLOY_FAILED,
            service + "/prod",
            "{\"deploymentId\":\""
                + UUID.randomUUID()
                + "\",\"service\":\""
                + service
                + "\",\"environment\":\"prod\",\"reason\":\"boom\"}");
    NotificationLog.await(deployEvent, 2, "MUTED");
    String staging = UUID.randomUUID().toString();
    events.send(Topics.ALERT_FIRED, staging, alert(staging, "P1", service, "staging"));
    mailbox.await("[FIRING P1] Target of " + service + " in staging is DOWN", 2);
    assertThat(mailbox.withSubject("[FIRING P0] Target of " + service + " in prod is DOWN"))
        .isEmpty();

    RecordMetadata ended =
        events.send(
            Topics.MAINTENANCE_ENDED,
            UUID.randomUUID().toString(),
            windowId,
            window(windowId, service, "prod", null));
    mailbox.await("[MAINTENANCE ended] " + service + " in prod", 2);
    TestEvents.awaitConsumed(ended, WAIT);
    String after = UUID.randomUUID().toString();
    events.send(Topics.ALERT_FIRED, after, alert(after, "P1", service, "prod"));
    mailbox.await("[FIRING P1] Target of " + service + " in prod is DOWN", 2);
  }

  @Test
  void alertsTheWindowHeldThatStillFireArePagedOnceWhenItEnds() throws Exception {
    String service = "stock-" + UUID.randomUUID().toString().substring(0, 8);
    String windowId = UUID.randomUUID().toString();
    TestEvents.awaitConsumed(
        events.send(
            Topics.MAINTENANCE_STARTED,
            UUID.randomUUID().toString(),
            windowId,
            window(windowId, service, "prod", Instant.now().plus(Duration.ofHours(1)))),
        WAIT);

    // Held by the window: one that still fires at its end, one that resolves during it.
    String firing = UUID.randomUUID().toString();
    String firingJson = alert(firing, "P1", service, "prod");
    NotificationLog.await(events.send(Topics.ALERT_FIRED, firing, firingJson), 2, "MUTED");
    String resolved = UUID.randomUUID().toString();
    NotificationLog.await(
        events.send(Topics.ALERT_FIRED, resolved, alert(resolved, "P2", service, "prod")),
        2,
        "MUTED");
    Map<String, Object> end = new LinkedHashMap<>();
    end.put("alertId", resolved);
    end.put("fingerprint", "fp-" + resolved);
    end.put("endsAt", Instant.now().toString());
    NotificationLog.await(
        events.send(Topics.ALERT_RESOLVED, resolved, JSON.writeValueAsString(end)), 2, "MUTED");
    // alert-service's own re-fire at the window's end, read here before maintenance.ended (two
    // topics): held too.
    String refire = events.send(Topics.ALERT_FIRED, firing, firingJson);
    NotificationLog.await(refire, 2, "MUTED");
    String subject = "[FIRING P1] Target of " + service + " in prod is DOWN";
    assertThat(mailbox.withSubject(subject)).isEmpty();

    TestEvents.awaitConsumed(
        events.send(
            Topics.MAINTENANCE_ENDED,
            UUID.randomUUID().toString(),
            windowId,
            window(windowId, service, "prod", null)),
        WAIT);
    // Paged now, once per address (the default routing has two), with a fresh acknowledge link.
    List<jakarta.mail.internet.MimeMessage> paged = mailbox.await(subject, 2);
    assertThat(Mailbox.part(paged.get(0), "text/plain")).contains(service);
    NotificationLog.await(refire + "#maintenance-end/" + windowId, 2, "SENT");
    // A re-fire read after the window's end (the other order) is the duplicate dedupe drops; the
    // alert that resolved during the window is not paged at all.
    TestEvents.awaitConsumed(
        events.send(Topics.ALERT_FIRED, UUID.randomUUID().toString(), firing, firingJson), WAIT);
    org.awaitility.Awaitility.await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                mailbox.withSubject(subject).size() == 2
                    && mailbox
                        .withSubject("[FIRING P2] Target of " + service + " in prod is DOWN")
                        .isEmpty());
  }

  @Test
  void aWindowLeftInPostgresByAnotherProcessStillMutes() throws Exception {
    // As a previous process (or another replica) left it: the mute state is read from Postgres.
    String service = "billing-" + UUID.randomUUID().toString().substring(0, 8);
    try (Connection c = dataSource.getConnection();
        PreparedStatement insert =
            c.prepareStatement(
                "insert into maintenance_mute (window_id, services, environment, ends_at,"
                    + " started_at) values (?, ?::jsonb, null, now() + interval '1 hour', now())")) {
      insert.setObject(1, UUID.randomUUID());
      insert.setString(2, JSON.writeValueAsString(List.of(service)));
      insert.executeUpdate();
    }
    String alertId = UUID.randomUUID().toString();
    String eventId = events.send(Topics.ALERT_FIRED, alertId, alert(alertId, "P0", service, "any"));
    NotificationLog.await(eventId, 2, "MUTED");
  }

  @Test
  void startAndEndAreToldOnceBesideTheScheduledAnnouncements() throws Exception {
    String service = "search-" + UUID.randomUUID().toString().substring(0, 8);
    String windowId = UUID.randomUUID().toString();
    // Ends on exactly half a microsecond: Postgres (half to even) and the JDBC driver (half up)
    // round it apart, which once made the window's news be told twice.
    Instant startsAt =
        Instant.now()
            .plus(Duration.ofHours(2))
            .truncatedTo(ChronoUnit.SECONDS)
            .plusNanos(262_930_500);
    Instant endsAt = startsAt.plus(Duration.ofHours(1));
    Map<String, Object> scheduled = new LinkedHashMap<>();
    scheduled.put("windowId", windowId);
    scheduled.put("services", List.of(service));
    scheduled.put("environment", "prod");
    scheduled.put("startsAt", startsAt.toString());
    scheduled.put("endsAt", endsAt.toString());
    RecordMetadata plan =
        events.send(
            Topics.MAINTENANCE_SCHEDULED,
            UUID.randomUUID().toString(),
            windowId,
            JSON.writeValueAsString(scheduled));
    TestEvents.awaitConsumed(plan, WAIT);

    // deploy-service starts the window early: the event tells it and the START announcement, not
    // yet due, is superseded; a second maintenance.started (a replay with a new id) tells nobody.
    String started = window(windowId, service, "prod", endsAt);
    events.send(Topics.MAINTENANCE_STARTED, UUID.randomUUID().toString(), windowId, started);
    String subject = "[MAINTENANCE started] " + service + " in prod";
    mailbox.await(subject, 2);
    String againId = UUID.randomUUID().toString();
    RecordMetadata again = events.send(Topics.MAINTENANCE_STARTED, againId, windowId, started);
    TestEvents.awaitConsumed(again, WAIT);
    // Consumed and committed: whatever it caused is in the notification log, and that is nothing.
    assertThat(NotificationLog.ofEvent(againId)).isEmpty();
    assertThat(mailbox.withSubject(subject)).hasSize(2);
    try (Connection c = dataSource.getConnection();
        PreparedStatement q =
            c.prepareStatement(
                "select sent_at is not null, superseded_by from announcement"
                    + " where window_id = ? and kind = 'START'")) {
      q.setObject(1, UUID.fromString(windowId));
      try (ResultSet rs = q.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getBoolean(1)).isTrue();
        assertThat(rs.getString(2)).isNotBlank();
      }
    }
  }

  private static List<Map<String, Object>> attempts(String id) {
    return given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .get("/notifications/" + id + "/attempts")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("$");
  }
}
