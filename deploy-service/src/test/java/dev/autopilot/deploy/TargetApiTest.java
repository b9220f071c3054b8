package dev.autopilot.deploy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.autopilot.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/** Target configuration over REST: admins write, viewers read, bad fields are named. */
@QuarkusTest
@QuarkusTestResource(DeployServiceTestResource.class)
class TargetApiTest {
  private static final String VALID =
      "{\"commands\":{\"deploy\":[\"/opt/deploy/api\",\"--wait\"]},"
          + "\"healthGate\":{\"passes\":3,\"deadline\":\"2m\"},\"bakeTime\":\"10m\","
          + "\"backupSource\":\"api-db\",\"requiresMaintenanceWindow\":true}";

  @Test
  void writesNeedAnAdmin() {
    given()
        .contentType(ContentType.JSON)
        .body(VALID)
        .put("/targets/api/prod")
        .then()
        .statusCode(401);
    given()
        .auth()
        .oauth2(TestTokens.OPERATOR)
        .contentType(ContentType.JSON)
        .body(VALID)
        .put("/targets/api/prod")
        .then()
        .statusCode(403);
    given().auth().oauth2(TestTokens.OPERATOR).delete("/targets/api/prod").then().statusCode(403);
  }

  @Test
  void adminCreatesReplacesAndDeletesViewerReadsWithDefaults() {
    given()
        .auth()
        .oauth2(TestTokens.ADMIN)
        .contentType(ContentType.JSON)
        .body(VALID)
        .put("/targets/api/crud")
        .then()
        .statusCode(201)
        .body("service", equalTo("api"))
        .body("executor", equalTo("command"))
        .body("restoreOnRollback", equalTo(true));
    given()
        .auth()
        .oauth2(TestTokens.ADMIN)
        .contentType(ContentType.JSON)
        .body(VALID)
        .put("/targets/api/crud")
        .then()
        .statusCode(200);
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .get("/targets/api/crud")
        .then()
        .statusCode(200)
        .body("healthGate.source", equalTo("health-service"))
        .body("healthGate.passes", equalTo(3))
        .body("requiredChecks", hasItem("testsPassed"));
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .get("/targets")
        .then()
        .statusCode(200)
        .body("service", hasItem("sample"));
    given().auth().oauth2(TestTokens.ADMIN).delete("/targets/api/crud").then().statusCode(204);
    given().auth().oauth2(TestTokens.VIEWER).get("/targets/api/crud").then().statusCode(404);
  }

  @Test
  void invalidFieldsAreNamed() {
    given()
        .auth()
        .oauth2(TestTokens.ADMIN)
        .contentType(ContentType.JSON)
        .body("{\"commands\":{\"deploy\":[\"/opt/x\"]},\"bakeTime\":\"soon\"}")
        .put("/targets/api/bad")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("bakeTime"));
    given()
        .auth()
        .oauth2(TestTokens.ADMIN)
        .contentType(ContentType.JSON)
        .body("{\"executor\":\"command\"}")
        .put("/targets/api/bad")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("commands.deploy"));
    given()
        .auth()
        .oauth2(TestTokens.ADMIN)
        .contentType(ContentType.JSON)
        .body(VALID)
        .put("/targets/Bad Name/prod")
        .then()
        .statusCode(400);
  }
}
