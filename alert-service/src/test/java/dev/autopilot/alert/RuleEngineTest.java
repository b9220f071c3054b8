package dev.autopilot.alert;

import static dev.autopilot.testing.KafkaTestClient.data;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autopilot.alert.rule.RuleCatalog;
import dev.autopilot.alert.rule.RuleEvaluator;
import dev.autopilot.platform.event.Topics;
import dev.autopilot.testing.KafkaTestClient;
import dev.autopilot.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Rules end to end: REST CRUD, samples/events/prometheus sources, pending → firing → resolved. */
@QuarkusTest
@QuarkusTestResource(AlertServiceTestResource.class)
class RuleEngineTest {
  private static final Duration WAIT = Duration.ofSeconds(40);
  private static final KafkaTestClient kafka = KafkaTestClient.shared();

  @Inject RuleCatalog catalog;
  @Inject RuleEvaluator evaluator;

  @Test
  void samplesRatioRuleGoesPendingThenFiringThenResolves() {
    String svc = "api" + UUID.randomUUID().toString().substring(0, 8).replace("-", "");
    String group = "g" + svc;
    createRule(
        "{\"name\":\"HighErrorRatio\",\"group\":\""
            + group
            + "\",\"source\":\"samples\",\"samples\":{\"function\":\"sum\",\"metric\":\"errors\","
            + "\"matchers\":[\"service=\\\""
            + svc
            + "\\\"\"],\"window\":\"30s\",\"by\":[\"service\"],\"denominator\":{\"function\":\"sum\","
            + "\"metric\":\"requests\",\"matchers\":[\"service=\\\""
            + svc
            + "\\\"\"],\"window\":\"30s\"}},\"comparison\":\">\",\"threshold\":0.05,"
            + "\"for\":\"3s\",\"interval\":\"1s\",\"severity\":\"P1\","
            + "\"labels\":{\"team\":\"web\"},\"annotations\":{\"summary\":"
            + "\"{{ $labels.service }} errors at {{ $value }}\"}}");

    // 10 errors of 100 requests: 10% > 5%.
    push(svc, "errors", 10);
    push(svc, "requests", 100);
    JsonNode fired =
        data(
            kafka
                .awaitRecords(
                    Topics.ALERT_FIRED,
                    r -> svc.equals(data(r).path("labels").path("service").asText()),
                    1,
                    WAIT)
                .get(0));
    String pendingId = fired.get("alertId").asText();
    // It was PENDING for the whole `for` (3 s) before it fired.
    List<Map<String, Object>> transitions =
        given()
            .auth()
            .oauth2(TestTokens.VIEWER)
            .get("/alerts/" + pendingId + "/history")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("transitions");
    assertThat(transitions).extracting(t -> t.get("to")).containsExactly("PENDING", "FIRING");
    assertThat(
            Duration.between(
                Instant.parse((String) transitions.get(0).get("at")),
                Instant.parse((String) transitions.get(1).get("at"))))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(3));
    assertThat(fired.get("name").asText()).isEqualTo("HighErrorRatio");
    assertThat(fired.get("severity").asText()).isEqualTo("P1");
    assertThat(fired.path("labels").path("team").asText()).isEqualTo("web");
    assertThat(fired.path("annotations").path("summary").asText())
        .isEqualTo(svc + " errors at 0.1");
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .get("/rules/" + group + "/HighErrorRatio")
        .then()
        .statusCode(200)
        .body("health", equalTo("ok"))
        .body("state", equalTo("firing"))
        .body("alerts[0].labels.service", equalTo(svc))
        .body("origin", equalTo("api"));

    // The samples leave the 30 s window: the rule resolves the alert.
    kafka.awaitEvent(Topics.ALERT_RESOLVED, "alertId", pendingId, Duration.ofSeconds(60));
    assertThat(TestAlerts.state(pendingId)).isEqualTo("RESOLVED");
    deleteRule(group, "HighErrorRatio");
  }

  @Test
  void prometheusRuleOpensOneAlertPerSeriesAndShowsQueryErrorsInHealth() {
    String group = "prom" + UUID.randomUUID().toString().substring(0, 8);
    String job = "job" + UUID.randomUUID().toString().substring(0, 8);
    FakePrometheus.answer(
        200,
        "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
            + "{\"metric\":{\"__name__\":\"up\",\"job\":\""
            + job
            + "\",\"instance\":\"a:9100\"},\"value\":[1700000000,\"0\"]},"
            + "{\"metric\":{\"job\":\""
            + job
            + "\",\"instance\":\"b:9100\"},\"value\":[1700000000,\"0\"]}]}}");
    createRule(
        "{\"name\":\"BackendDown\",\"group\":\""
            + group
            + "\",\"source\":\"prometheus\",\"expr\":\"up{job=\\\""
            + job
            + "\\\"} == 0\",\"interval\":\"1s\",\"severity\":\"P0\","
            + "\"annotations\":{\"summary\":\"{{ $labels.instance }} is down\"}}");
    List<JsonNode> fired =
        kafka
            .awaitRecords(
                Topics.ALERT_FIRED,
                r -> job.equals(data(r).path("labels").path("job").asText()),
                2,
                WAIT)
            .stream()
            .map(KafkaTestClient::data)
            .toList();
    assertThat(fired)
        .extracting(f -> f.path("annotations").path("summary").asText())
        .containsExactlyInAnyOrder("a:9100 is down", "b:9100 is down");
    assertThat(fired).allSatisfy(f -> assertThat(f.path("labels").has("__name__")).isFalse());
    assertThat(FakePrometheus.QUERIES)
        .anySatisfy(
            q -> assertThat(q).contains("query=up{job=\"" + job + "\"} == 0").contains("&time="));

    FakePrometheus.answer(
        400, "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"parse error\"}");
    Awaitility.await().atMost(WAIT).until(() -> "err".equals(rule(group).path("health").asText()));
    JsonNode health = rule(group);
    assertThat(health.path("lastError").asText()).contains("bad_data").contains("parse error");
    // A failed evaluation changes no alert.
    assertThat(health.path("state").asText()).isEqualTo("firing");

    FakePrometheus.answer(
        200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}");
    for (JsonNode f : fired) {
      kafka.awaitEvent(Topics.ALERT_RESOLVED, "alertId", f.get("alertId").asText(), WAIT);
    }
    deleteRule(group, "BackendDown");
  }

  @Test
  void eventsRuleFiresOnFailedBackupAndResolvesOnTheNextCompletedOne() {
    String source = "db" + UUID.randomUUID().toString().substring(0, 8);
    String group = "ev" + source;
    createRule(
        "{\"name\":\"BackupFailed\",\"group\":\""
            + group
            + "\",\"source\":\"events\",\"event\":{\"kind\":\"backup_failed\"},"
            + "\"comparison\":\">\",\"threshold\":0,\"interval\":\"1s\",\"severity\":\"P1\","
            + "\"annotations\":{\"summary\":\"backup of {{ $labels.source }} failed\"}}");
    kafka.sendCloudEvent(
        Topics.BACKUP_FAILED,
        Topics.typeOf(Topics.BACKUP_FAILED),
        "/backup-service",
        source,
        "{\"source\":\"" + source + "\",\"reason\":\"disk full\"}");
    JsonNode fired =
        data(
            kafka
                .awaitRecords(
                    Topics.ALERT_FIRED,
                    r -> source.equals(data(r).path("labels").path("source").asText()),
                    1,
                    WAIT)
                .get(0));
    assertThat(fired.path("annotations").path("summary").asText())
        .isEqualTo("backup of " + source + " failed");
    kafka.sendCloudEvent(
        Topics.BACKUP_COMPLETED,
        Topics.typeOf(Topics.BACKUP_COMPLETED),
        "/backup-service",
        source,
        "{\"backupId\":\"" + UUID.randomUUID() + "\",\"source\":\"" + source + "\"}");
    kafka.awaitEvent(Topics.ALERT_RESOLVED, "alertId", fired.get("alertId").asText(), WAIT);
    deleteRule(group, "BackupFailed");
  }

  @Test
  void twoReplicasEvaluatingTheSameGroupAtOnceFireOnce() throws Exception {
    String svc = "dup" + UUID.randomUUID().toString().substring(0, 8);
    String group = "g" + svc;
    // interval 1h: the scheduler evaluates it once; then two "replicas" race for the next one.
    createRule(
        "{\"name\":\"Dup\",\"group\":\""
            + group
            + "\",\"source\":\"samples\",\"samples\":{\"function\":\"max\",\"metric\":\"queue\","
            + "\"matchers\":[\"service=\\\""
            + svc
            + "\\\"\"],\"window\":\"3h\",\"by\":[\"service\"]},\"comparison\":\">\","
            + "\"threshold\":1000,\"interval\":\"1h\"}");
    Awaitility.await().atMost(WAIT).until(() -> "ok".equals(rule(group).path("health").asText()));
    push(svc, "queue", 5000);
    RuleCatalog.Group g =
        catalog.groups().stream().filter(x -> x.name().equals(group)).findFirst().orElseThrow();
    Instant later = Instant.now().plus(Duration.ofHours(2));
    CyclicBarrier start = new CyclicBarrier(2);
    Callable<Boolean> replica =
        () -> {
          start.await();
          return evaluator.evaluateIfDue(g, later, Duration.ZERO);
        };
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<Boolean> a = pool.submit(replica);
      Future<Boolean> b = pool.submit(replica);
      assertThat(List.of(a.get(), b.get())).containsExactlyInAnyOrder(true, false);
    } finally {
      pool.shutdown();
    }
    String id = TestAlerts.only("Dup", svc, "service");
    assertThat(TestAlerts.state(id)).isEqualTo("FIRING");
    kafka.awaitEvent(Topics.ALERT_FIRED, "alertId", id, WAIT);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                kafka.awaitRecords(
                    Topics.ALERT_FIRED,
                    r -> svc.equals(data(r).path("labels").path("service").asText()),
                    2,
                    Duration.ofSeconds(3)))
        .hasMessageContaining("got 1");
    deleteRule(group, "Dup");
    assertThat(TestAlerts.state(id)).isEqualTo("RESOLVED");
  }

  @Test
  void ruleApiNeedsAdminAndNamesBadFields() {
    String ok =
        "{\"name\":\"X\",\"source\":\"samples\",\"samples\":{\"function\":\"avg\",\"metric\":\"m\","
            + "\"window\":\"5m\"},\"comparison\":\">\",\"threshold\":1}";
    given().contentType(ContentType.JSON).body(ok).post("/rules").then().statusCode(401);
    given()
        .auth()
        .oauth2(TestTokens.OPERATOR)
        .contentType(ContentType.JSON)
        .body(ok)
        .post("/rules")
        .then()
        .statusCode(403);
    badRule(ok.replace("\"avg\"", "\"median\""), "samples.function");
    badRule(ok.replace("\"5m\"", "\"5x\""), "samples.window");
    badRule(ok.replace("\"comparison\":\">\",", "\"comparison\":\"=>\","), "comparison");
    badRule(ok.replace("\"name\":\"X\"", "\"name\":\"bad name\""), "name");
    badRule(ok.replace("\"threshold\":1}", "\"threshold\":1,\"for\":\"soon\"}"), "for");
    badRule("{\"name\":\"P\",\"source\":\"prometheus\"}", "expr");
    badRule(
        ok.replace("\"window\":\"5m\"}", "\"window\":\"5m\",\"matchers\":[\"a=~\\\"(\\\"\"]}"),
        "samples.matchers");
    given().auth().oauth2(TestTokens.VIEWER).get("/rules/none/Nope").then().statusCode(404);
    given().auth().oauth2(TestTokens.ADMIN).delete("/rules/none/Nope").then().statusCode(404);
  }

  private static void badRule(String body, String field) {
    given()
        .auth()
        .oauth2(TestTokens.ADMIN)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/rules")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", hasItem(field));
  }

  private static void createRule(String body) {
    given()
        .auth()
        .oauth2(TestTokens.ADMIN)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/rules")
        .then()
        .statusCode(201);
  }

  private static void deleteRule(String group, String name) {
    given()
        .auth()
        .oauth2(TestTokens.ADMIN)
        .delete("/rules/" + group + "/" + name)
        .then()
        .statusCode(204);
  }

  private static JsonNode rule(String group) {
    List<Map<String, Object>> rules =
        given()
            .auth()
            .oauth2(TestTokens.VIEWER)
            .get("/rules")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("$");
    Map<String, Object> mine =
        rules.stream().filter(r -> group.equals(r.get("group"))).findFirst().orElseThrow();
    return new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(mine);
  }

  private static void push(String service, String metric, double value) {
    given()
        .auth()
        .oauth2(TestTokens.OPERATOR)
        .contentType(ContentType.JSON)
        .body(
            "{\"samples\":[{\"name\":\""
                + metric
                + "\",\"labels\":{\"service\":\""
                + service
                + "\",\"instance\":\"i1\"},\"value\":"
                + value
                + "}]}")
        .post("/samples")
        .then()
        .statusCode(200)
        .body("stored", equalTo(1));
  }
}
