package dev.autopilot.alert;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.autopilot.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** 401 without a valid token, 403 for a role too low, problem+json for every error. */
@QuarkusTest
@QuarkusTestResource(AlertServiceTestResource.class)
class AlertApiSecurityTest {
  @Test
  void noTokenIs401ProblemJson() {
    given()
        .get("/alerts")
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .header("WWW-Authenticate", containsString("Bearer"))
        .body("status", equalTo(401));
    given().post("/alerts/" + UUID.randomUUID() + "/ack").then().statusCode(401);
  }

  @Test
  void unknownOrForeignTokensAre401() {
    given().auth().oauth2("ap_not_a_token").get("/alerts").then().statusCode(401);
    given().auth().oauth2(TestTokens.foreignJwt("admin")).get("/alerts").then().statusCode(401);
    given().auth().oauth2(TestTokens.expiredJwt("admin")).get("/alerts").then().statusCode(401);
  }

  @Test
  void viewerReadsButCannotAcknowledge() {
    given().auth().oauth2(TestTokens.VIEWER).get("/alerts").then().statusCode(200);
    given().auth().oauth2(TestTokens.jwt("viewer")).get("/alerts").then().statusCode(200);
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .post("/alerts/" + UUID.randomUUID() + "/ack")
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
    given()
        .auth()
        .oauth2(TestTokens.jwt("viewer"))
        .post("/alerts/" + UUID.randomUUID() + "/ack")
        .then()
        .statusCode(403);
  }

  @Test
  void operatorAcknowledgingUnknownAlertIs404Problem() {
    UUID id = UUID.randomUUID();
    given()
        .auth()
        .oauth2(TestTokens.OPERATOR)
        .post("/alerts/" + id + "/ack")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("detail", containsString(id.toString()));
    given()
        .auth()
        .oauth2(TestTokens.jwt("admin"))
        .post("/alerts/" + id + "/ack")
        .then()
        .statusCode(404);
  }

  @Test
  void badParametersAre400NamingTheParameter() {
    given().auth().oauth2(TestTokens.VIEWER).get("/alerts/not-a-uuid").then().statusCode(404);
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .queryParam("limit", 0)
        .get("/alerts")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("limit"));
  }

  @Test
  void probesAndDocsArePublic() {
    given().get("/q/health/ready").then().statusCode(200);
    given().get("/q/health/live").then().statusCode(200);
    given().get("/q/openapi").then().statusCode(200);
    given().get("/q/metrics").then().statusCode(200).body(containsString("autopilot_outbox"));
  }
}
