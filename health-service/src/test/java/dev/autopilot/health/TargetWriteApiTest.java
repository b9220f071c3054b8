package dev.autopilot.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.autopilot.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** Targets over REST: viewers read, operators write, every invalid field is a 400 naming it. */
@QuarkusTest
@QuarkusTestResource(HealthServiceTestResource.class)
class TargetWriteApiTest {
  private static String base() {
    return ConfigProvider.getConfig().getValue(HealthServiceTestResource.BASE_URL, String.class);
  }

  private static String body(String id, String path, String extra) {
    return "{\"id\":\""
        + id
        + "\",\"service\":\"crud\",\"environment\":\"test\",\"address\":\""
        + base()
        + path
        + "\",\"interval\":\"1s\",\"timeout\":\"1s\""
        + extra
        + "}";
  }

  @Test
  void writesNeedAnOperator() {
    String body = body("crud-auth", "/live", "");
    given().contentType(ContentType.JSON).body(body).post("/targets").then().statusCode(401);
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/targets")
        .then()
        .statusCode(403);
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .contentType(ContentType.JSON)
        .body(body)
        .put("/targets/it-live")
        .then()
        .statusCode(403);
    given().auth().oauth2(TestTokens.VIEWER).delete("/targets/it-live").then().statusCode(403);
    given().delete("/targets/it-live").then().statusCode(401);
  }

  @Test
  void createReadReplaceDelete() {
    given()
        .auth()
        .oauth2(TestTokens.OPERATOR)
        .contentType(ContentType.JSON)
        .body(
            body(
                "crud-json",
                "/health/ready",
                ",\"conditions\":[\"[STATUS] == 200\",\"[BODY].status == Healthy\"],"
                    + "\"headers\":[{\"name\":\"Authorization\",\"valueFromEnv\":\"IT_PROBE_TOKEN\"},"
                    + "{\"name\":\"X-Trace\",\"value\":\"probe-123\"}],"
                    + "\"labels\":{\"team\":\"core\"},\"criticality\":\"P2\",\"dependsOn\":[\"it-live\"]"))
        .post("/targets")
        .then()
        .statusCode(201)
        .header("Location", containsString("/targets/crud-json"))
        .body("managedBy", equalTo("api"))
        .body("kind", equalTo("http"))
        .body("criticality", equalTo("P2"))
        .body("labels.team", equalTo("core"))
        .body("headers[0].valueFromEnv", equalTo("IT_PROBE_TOKEN"))
        .body("headers[1].value", equalTo("***"))
        .body(not(containsString("probe-123")))
        .body("state.status", equalTo("UNKNOWN"));
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> "UP".equals(TargetApi.status("crud-json")));

    given()
        .auth()
        .oauth2(TestTokens.OPERATOR)
        .contentType(ContentType.JSON)
        .body(body("crud-json", "/health/ready", ""))
        .post("/targets")
        .then()
        .statusCode(409);
    given()
        .auth()
        .oauth2(TestTokens.OPERATOR)
        .contentType(ContentType.JSON)
        .body(body("ignored", "/ready", ",\"failureThreshold\":5"))
        .put("/targets/crud-json")
        .then()
        .statusCode(200)
        .body("id", equalTo("crud-json"))
        .body("failureThreshold", equalTo(5))
        .body("address", containsString("/ready"));
    given().auth().oauth2(TestTokens.OPERATOR).delete("/targets/crud-json").then().statusCode(204);
    given().auth().oauth2(TestTokens.VIEWER).get("/targets/crud-json").then().statusCode(404);
    given().auth().oauth2(TestTokens.OPERATOR).delete("/targets/crud-json").then().statusCode(404);
  }

  @Test
  void configuredTargetsAreReadOnlyHere() {
    given()
        .auth()
        .oauth2(TestTokens.OPERATOR)
        .contentType(ContentType.JSON)
        .body(body("x", "/live", ""))
        .put("/targets/it-live")
        .then()
        .statusCode(409)
        .body("detail", containsString("managed by config"));
    given().auth().oauth2(TestTokens.OPERATOR).delete("/targets/it-live").then().statusCode(409);
  }

  @Test
  void aBadConditionIs400AtItsIndexAndPosition() {
    given()
        .auth()
        .oauth2(TestTokens.OPERATOR)
        .contentType(ContentType.JSON)
        .body(
            body("crud-bad", "/live", ",\"conditions\":[\"[STATUS] == 200\",\"[BODY].x >= big\"]"))
        .post("/targets")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("conditions[1]"))
        .body("errors[0].message", equalTo("at position 13: >= needs a number, found 'big'"));
  }

  @Test
  void everyInvalidFieldIsNamed() {
    given()
        .auth()
        .oauth2(TestTokens.OPERATOR)
        .contentType(ContentType.JSON)
        .body(
            "{\"id\":\"Bad Id\",\"service\":\"crud\",\"environment\":\"test\","
                + "\"address\":\"http://169.254.169.254/latest/meta-data\",\"interval\":\"2s\","
                + "\"failureThreshold\":0,\"criticality\":\"P9\"}")
        .post("/targets")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("criticality"));
    given()
        .auth()
        .oauth2(TestTokens.OPERATOR)
        .contentType(ContentType.JSON)
        .body(
            "{\"id\":\"Bad Id\",\"service\":\"crud\",\"environment\":\"test\","
                + "\"address\":\"http://169.254.169.254/latest/meta-data\","
                + "\"interval\":\"1s\",\"timeout\":\"1s\",\"failureThreshold\":0}")
        .post("/targets")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("id"))
        .body("errors.field", hasItem("address"))
        .body("errors.field", hasItem("failureThreshold"))
        .body("errors.find { it.field == 'address' }.message", containsString("cloud metadata"));
  }
}
