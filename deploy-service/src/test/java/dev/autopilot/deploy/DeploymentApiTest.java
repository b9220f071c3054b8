package dev.autopilot.deploy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;

import dev.autopilot.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The HTTP API: idempotent requests, validation as problem+json, roles. */
@QuarkusTest
@QuarkusTestResource(DeployServiceTestResource.class)
class DeploymentApiTest {
  private static final String PROBLEM = "application/problem+json";

  @Test
  void sameIdempotencyKeyTwiceIsOneDeployment() {
    String key = "ci-" + UUID.randomUUID();
    String version = SagaFixture.uniqueVersion("1.0.0");
    String body = body("quick", "api", version, key);
    ExtractableResponse<Response> created =
        as(TestTokens.OPERATOR)
            .body(body)
            .post("/deployments")
            .then()
            .statusCode(202)
            .body("state", equalTo("QUEUED"))
            .body("idempotencyKey", equalTo(key))
            .body("requestedBy", equalTo("token:test-operator"))
            .extract();
    String id = created.path("id");
    assertThat(created.header("Location")).endsWith("/deployments/" + id);
    as(TestTokens.OPERATOR)
        .body(body)
        .post("/deployments")
        .then()
        .statusCode(200)
        .header("Location", endsWith("/deployments/" + id))
        .body("id", equalTo(id));
    as(TestTokens.VIEWER)
        .queryParam("service", "quick")
        .queryParam("environment", "api")
        .get("/deployments")
        .then()
        .statusCode(200)
        .body("findAll { it.idempotencyKey == '" + key + "' }.size()", equalTo(1));
    // The same key for another version is a mistake, not a second deployment.
    as(TestTokens.OPERATOR)
        .body(body("quick", "api", version + "-other", key))
        .post("/deployments")
        .then()
        .statusCode(409)
        .contentType(PROBLEM)
        .body("detail", containsString(id));
  }

  @Test
  void jwtOperatorMayDeployAndIsRecordedAsRequester() {
    String id =
        as(TestTokens.jwt("operator"))
            .body("{\"service\":\"quick\",\"environment\":\"api\",\"version\":\"9.9.9\"}")
            .post("/deployments")
            .then()
            .statusCode(202)
            .header("Location", containsString("/deployments/"))
            .extract()
            .path("id");
    as(TestTokens.VIEWER)
        .get("/deployments/" + id)
        .then()
        .statusCode(200)
        .body("id", equalTo(id))
        .body("requestedBy", equalTo("test-operator"))
        .body("service", equalTo("quick"));
  }

  @Test
  void shellMetacharactersInVersionAre400NamingVersion() {
    as(TestTokens.OPERATOR)
        .body("{\"service\":\"quick\",\"environment\":\"api\",\"version\":\"1.0;rm -rf /\"}")
        .post("/deployments")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("errors.field", hasItem("version"));
    as(TestTokens.OPERATOR)
        .body("{\"service\":\"Quick Service\",\"environment\":\"api\",\"version\":\"1.0\"}")
        .post("/deployments")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("service"));
  }

  @Test
  void malformedOrMissingBodyIs400ProblemJson() {
    as(TestTokens.OPERATOR)
        .body("{\"service\": \"quick\", ")
        .post("/deployments")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("title", equalTo("Malformed JSON"));
    as(TestTokens.OPERATOR).post("/deployments").then().statusCode(400).contentType(PROBLEM);
  }

  @Test
  void unknownFieldsAreIgnored() {
    as(TestTokens.OPERATOR)
        .body(
            "{\"service\":\"quick\",\"environment\":\"api\",\"version\":\"1.2.3\","
                + "\"someFutureField\":{\"nested\":true},\"artifact\":\"registry/quick:1.2.3\"}")
        .post("/deployments")
        .then()
        .statusCode(202)
        .body("version", equalTo("1.2.3"));
  }

  @Test
  void unknownServiceOrEnvironmentIs400NamingTheField() {
    as(TestTokens.OPERATOR)
        .body(body("nope", "api", "1.0.0", null))
        .post("/deployments")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("errors[0].field", equalTo("service"))
        .body("detail", containsString("quick"));
    as(TestTokens.OPERATOR)
        .body(body("quick", "moon", "1.0.0", null))
        .post("/deployments")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("environment"));
  }

  @Test
  void listFiltersAndRejectsBadParameters() {
    SagaFixture.request("quick", "production", SagaFixture.uniqueVersion("2.0.0"));
    as(TestTokens.VIEWER)
        .queryParam("service", "quick")
        .queryParam("environment", "production")
        .get("/deployments")
        .then()
        .statusCode(200)
        .body("service", everyItem(equalTo("quick")))
        .body("environment", everyItem(equalTo("production")))
        .body("size()", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
    as(TestTokens.VIEWER)
        .queryParam("state", "FAILED")
        .get("/deployments")
        .then()
        .statusCode(200)
        .body("state", everyItem(equalTo("FAILED")));
    as(TestTokens.VIEWER)
        .queryParam("state", "DONE")
        .get("/deployments")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("errors[0].field", equalTo("state"));
    as(TestTokens.VIEWER)
        .queryParam("limit", 0)
        .get("/deployments")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("limit"));
    as(TestTokens.VIEWER)
        .get("/deployments/" + UUID.randomUUID())
        .then()
        .statusCode(404)
        .contentType(PROBLEM);
  }

  @Test
  void noTokenIs401AndViewerMayReadButNotDeploy() {
    String body = body("quick", "api", "1.0.0", null);
    given()
        .contentType(ContentType.JSON)
        .body(body)
        .post("/deployments")
        .then()
        .statusCode(401)
        .contentType(PROBLEM);
    given().get("/deployments").then().statusCode(401);
    given().get("/deployments/" + UUID.randomUUID()).then().statusCode(401);
    as(TestTokens.VIEWER)
        .body(body)
        .post("/deployments")
        .then()
        .statusCode(403)
        .contentType(PROBLEM);
    as(TestTokens.jwt("viewer")).body(body).post("/deployments").then().statusCode(403);
    as(TestTokens.VIEWER).get("/deployments").then().statusCode(200);
  }

  private static RequestSpecification as(String token) {
    return given().auth().oauth2(token).contentType(ContentType.JSON);
  }

  private static String body(String service, String environment, String version, String key) {
    return "{\"service\":\""
        + service
        + "\",\"environment\":\""
        + environment
        + "\",\"version\":\""
        + version
        + "\""
        + (key == null ? "" : ",\"idempotencyKey\":\"" + key + "\"")
        + "}";
  }
}
