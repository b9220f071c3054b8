package dev.autopilot.alert;

import static dev.autopilot.testing.KafkaTestClient.where;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.autopilot.platform.event.Topics;
import dev.autopilot.testing.KafkaTestClient;
import dev.autopilot.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Inhibit rules managed at runtime ({@code /inhibit-rules}, in Postgres): they apply at once to the
 * alerts already firing, to sources that fire after their targets, and deleting one releases what
 * it held. The file's rules (src/test/resources/inhibit-rules.yml) are listed read-only.
 */
@QuarkusTest
@QuarkusTestResource(AlertServiceTestResource.class)
class InhibitRuleApiTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final KafkaTestClient kafka = KafkaTestClient.shared();

  @Test
  void ruleMadeAtRuntimeInhibitsFiringTargetsAndDeletingItReleasesThem() {
    String run = UUID.randomUUID().toString();
    Map<String, String> source =
        Map.of("alertname", "RtNodeDown", "run", run, "severity", "critical", "node", "n1");
    String sourceId = TestAlerts.fire(source);
    String target = TestAlerts.fire(Map.of("alertname", "RtDiskSlow", "run", run, "node", "n1"));
    String otherNode =
        TestAlerts.only("RtDiskSlow", fireAndRun("RtDiskSlow", run + "-n2", "n2"), "run");
    kafka.awaitEvent(Topics.ALERT_FIRED, "alertId", target, WAIT);

    String rule =
        post(
                TestTokens.OPERATOR,
                "{\"source_matchers\":[\"alertname=RtNodeDown\",\"run=\\\""
                    + run
                    + "\\\"\"],\"target_matchers\":[\"alertname=~\\\"Rt.*\\\"\","
                    + "\"severity!=critical\"],\"equal\":[\"node\"],\"comment\":\"node down\"}")
            .statusCode(201)
            .body("source_matchers[1]", equalTo("run=\"" + run + "\""))
            .body("equal", equalTo(List.of("node")))
            .body("origin", equalTo("api"))
            .body("createdBy", equalTo("token:test-operator"))
            .extract()
            .path("id");

    // Applied in the same request to the target that already fired; other nodes are untouched.
    assertThat(TestAlerts.state(target)).isEqualTo("SUPPRESSED");
    assertThat(TestAlerts.find("RtDiskSlow", run).get("suppressedReason"))
        .isEqualTo("inhibited-by:" + sourceId);
    assertThat(TestAlerts.state(otherNode)).isEqualTo("FIRING");
    assertThat(TestAlerts.state(sourceId)).isEqualTo("FIRING");
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .get("/inhibit-rules/" + rule)
        .then()
        .statusCode(200)
        .body("comment", equalTo("node down"));

    given()
        .auth()
        .oauth2(TestTokens.OPERATOR)
        .delete("/inhibit-rules/" + rule)
        .then()
        .statusCode(204);
    assertThat(TestAlerts.state(target)).isEqualTo("FIRING");
    kafka.awaitRecords(Topics.ALERT_FIRED, where("alertId", target), 2, WAIT);
    given().auth().oauth2(TestTokens.VIEWER).get("/inhibit-rules/" + rule).then().statusCode(404);
  }

  @Test
  void sourceThatFiresAfterItsTargetInhibitsIt() {
    String run = UUID.randomUUID().toString();
    post(
            TestTokens.OPERATOR,
            "{\"source_matchers\":[\"alertname=LateSource\",\"run="
                + run
                + "\"],\"target_matchers\":[\"alertname=LateTarget\"],\"equal\":[\"run\"]}")
        .statusCode(201);
    String target = TestAlerts.fire(Map.of("alertname", "LateTarget", "run", run));
    assertThat(TestAlerts.state(target)).isEqualTo("FIRING");
    String source = TestAlerts.fire(Map.of("alertname", "LateSource", "run", run));
    Awaitility.await().atMost(WAIT).until(() -> "SUPPRESSED".equals(TestAlerts.state(target)));
    assertThat(TestAlerts.find("LateTarget", run).get("suppressedReason"))
        .isEqualTo("inhibited-by:" + source);
  }

  @Test
  void updateReplacesTheRuleAndReleasesWhatItNoLongerHolds() {
    String run = UUID.randomUUID().toString();
    String base = "{\"source_matchers\":[\"alertname=UpdSource\",\"run=" + run + "\"],";
    String rule =
        post(TestTokens.OPERATOR, base + "\"target_matchers\":[\"alertname=UpdTarget\"]}")
            .statusCode(201)
            .extract()
            .path("id");
    TestAlerts.fire(Map.of("alertname", "UpdSource", "run", run));
    String target = TestAlerts.fire(Map.of("alertname", "UpdTarget", "run", run));
    assertThat(TestAlerts.state(target)).isEqualTo("SUPPRESSED");
    given()
        .auth()
        .oauth2(TestTokens.OPERATOR)
        .contentType(ContentType.JSON)
        .body(base + "\"target_matchers\":[\"alertname=SomethingElse\"]}")
        .put("/inhibit-rules/" + rule)
        .then()
        .statusCode(200)
        .body("target_matchers[0]", equalTo("alertname=SomethingElse"));
    assertThat(TestAlerts.state(target)).isEqualTo("FIRING");
  }

  @Test
  void fileRulesAreListedReadOnly() {
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .get("/inhibit-rules")
        .then()
        .statusCode(200)
        .body("id", hasItem("file:0"))
        .body("find { it.id == 'file:0' }.origin", containsString("inhibit-rules.yml"))
        .body("find { it.id == 'file:0' }.equal", equalTo(List.of("cluster")));
    given()
        .auth()
        .oauth2(TestTokens.OPERATOR)
        .delete("/inhibit-rules/file:0")
        .then()
        .statusCode(409)
        .contentType("application/problem+json");
    given()
        .auth()
        .oauth2(TestTokens.OPERATOR)
        .contentType(ContentType.JSON)
        .body("{\"source_matchers\":[\"a=b\"],\"target_matchers\":[\"c=d\"]}")
        .put("/inhibit-rules/file:0")
        .then()
        .statusCode(409);
    given()
        .auth()
        .oauth2(TestTokens.OPERATOR)
        .delete("/inhibit-rules/" + UUID.randomUUID())
        .then()
        .statusCode(404);
    given().auth().oauth2(TestTokens.VIEWER).get("/inhibit-rules/file:9").then().statusCode(404);
  }

  @Test
  void badRulesAre400NamingTheField() {
    post(
            TestTokens.OPERATOR,
            "{\"source_matchers\":[\"alertname=A\",\"job=~\\\"(unclosed\\\"\"],"
                + "\"target_matchers\":[\"b=c\"]}")
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("source_matchers[1]"))
        .body("errors[0].message", containsString("(unclosed"));
    post(
            TestTokens.OPERATOR,
            "{\"source_matchers\":[\"a=b\"],\"target_matchers\":[\"nooperator\"]}")
        .statusCode(400)
        .body("errors[0].field", equalTo("target_matchers[0]"));
    post(TestTokens.OPERATOR, "{\"source_matchers\":[\"a=b\"]}")
        .statusCode(400)
        .body("errors[0].field", equalTo("target_matchers"));
    post(
            TestTokens.OPERATOR,
            "{\"source_matchers\":[\"a=b\"],\"target_matchers\":[\"c=d\"],\"equal\":[\"ok\",\"bad-name\"]}")
        .statusCode(400)
        .body("errors[0].field", equalTo("equal[1]"));
  }

  @Test
  void writesNeedAnOperatorAndReadsAViewer() {
    String body = "{\"source_matchers\":[\"a=b\"],\"target_matchers\":[\"c=d\"]}";
    post(TestTokens.VIEWER, body).statusCode(403);
    given().contentType(ContentType.JSON).body(body).post("/inhibit-rules").then().statusCode(401);
    given().get("/inhibit-rules").then().statusCode(401);
    String id = UUID.randomUUID().toString();
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .contentType(ContentType.JSON)
        .body(body)
        .put("/inhibit-rules/" + id)
        .then()
        .statusCode(403);
    given().auth().oauth2(TestTokens.VIEWER).delete("/inhibit-rules/" + id).then().statusCode(403);
    given().delete("/inhibit-rules/" + id).then().statusCode(401);
  }

  /** Fires alert {@code name} with {@code run} and {@code node}; returns the run. */
  private static String fireAndRun(String name, String run, String node) {
    TestAlerts.post("firing", Map.of("alertname", name, "run", run, "node", node));
    return run;
  }

  private static ValidatableResponse post(String token, String body) {
    return given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/inhibit-rules")
        .then();
  }
}
