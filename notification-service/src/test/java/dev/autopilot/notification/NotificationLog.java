package dev.autopilot.notification;

import static io.restassured.RestAssured.given;

import dev.autopilot.testing.TestTokens;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;

/** Reads the notification log through the service's own API, as a viewer. */
final class NotificationLog {
  /** How long a test waits for anything asynchronous. */
  static final Duration WAIT = Duration.ofSeconds(30);

  private NotificationLog() {}

  /** The notifications an event caused. */
  static List<Map<String, Object>> ofEvent(String eventId) {
    return given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .queryParam("eventId", eventId)
        .get("/notifications")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("$");
  }

  /**
   * The newest notifications with this subject, each with its status, attempts and last error; for
   * failure messages (what a test could not read is said instead).
   */
  static String ofSubject(String subject) {
    try {
      return given()
          .auth()
          .oauth2(TestTokens.VIEWER)
          .queryParam("limit", 1000)
          .get("/notifications")
          .then()
          .statusCode(200)
          .extract()
          .jsonPath()
          .<Map<String, Object>>getList("$")
          .stream()
          .filter(row -> subject.equals(row.get("subject")))
          .map(
              row ->
                  row.get("channel")
                      + " to "
                      + row.get("target")
                      + ": "
                      + row.get("status")
                      + " after "
                      + row.get("attempts")
                      + " attempt(s), created "
                      + row.get("createdAt")
                      + ", last error "
                      + row.get("lastError"))
          .toList()
          .toString();
    } catch (RuntimeException | AssertionError e) {
      return "(the notification log could not be read: " + e + ")";
    }
  }

  /** Waits until the event caused {@code count} notifications, each in one of {@code statuses}. */
  static List<Map<String, Object>> await(String eventId, int count, String... statuses) {
    List<String> allowed = List.of(statuses);
    AtomicReference<List<Map<String, Object>>> rows = new AtomicReference<>(List.of());
    Awaitility.await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              rows.set(ofEvent(eventId));
              return rows.get().size() == count
                  && rows.get().stream().allMatch(row -> allowed.contains(row.get("status")))
                  && allowed.stream()
                      .allMatch(
                          s -> rows.get().stream().anyMatch(row -> s.equals(row.get("status"))));
            });
    return rows.get();
  }
}
