package dev.autopilot.notification;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;

import dev.autopilot.platform.event.Topics;
import dev.autopilot.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The notification log's API: who may read and retry, and what bad requests get back. */
@QuarkusTest
@QuarkusTestResource(NotificationServiceTestResource.class)
class NotificationApiTest {
  private static final TestEvents events = TestEvents.shared();

  @Test
  void noTokenIs401ProblemJson() {
    given()
        .get("/notifications")
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .header("WWW-Authenticate", containsString("Bearer"));
    given().get("/notifications/" + UUID.randomUUID()).then().statusCode(401);
    given()
        .post("/notifications/" + UUID.randomUUID() + "/retry")
        .then()
        .statusCode(401)
        .contentType("application/problem+json");
    given()
        .auth()
        .oauth2(TestTokens.expiredJwt("operator"))
        .post("/notifications/" + UUID.randomUUID() + "/retry")
        .then()
        .statusCode(401);
  }

  @Test
  void viewerReadsButCannotRetry() {
    given().auth().oauth2(TestTokens.VIEWER).get("/notifications").then().statusCode(200);
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .post("/notifications/" + UUID.randomUUID() + "/retry")
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
    given()
        .auth()
        .oauth2(TestTokens.jwt("viewer"))
        .post("/notifications/" + UUID.randomUUID() + "/retry")
        .then()
        .statusCode(403);
  }

  @Test
  void unknownNotificationIs404() {
    UUID id = UUID.randomUUID();
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .get("/notifications/" + id)
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("detail", containsString(id.toString()));
    given()
        .auth()
        .oauth2(TestTokens.OPERATOR)
        .post("/notifications/" + id + "/retry")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }

  @Test
  void retryingASentNotificationIs409AndReadsShowIt() {
    String service = "api-" + UUID.randomUUID().toString().substring(0, 8);
    String eventId =
        events.send(
            Topics.DEPLOY_SUCCEEDED,
            service + "/local",
            "{\"deploymentId\":\""
                + UUID.randomUUID()
                + "\",\"service\":\""
                + service
                + "\",\"environment\":\"local\",\"version\":\"2.0.0\"}");
    String id = (String) NotificationLog.await(eventId, 2, "SENT").get(0).get("id");

    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .get("/notifications/" + id)
        .then()
        .statusCode(200)
        .body("status", equalTo("SENT"))
        .body("subject", equalTo("Deployed " + service + " 2.0.0 to local"))
        .body("bodyText", containsString(service + " 2.0.0 is live in local"))
        .body("bodyHtml", containsString("<strong>" + service + " 2.0.0</strong>"));
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .queryParam("status", "sent")
        .queryParam("limit", 5)
        .get("/notifications")
        .then()
        .statusCode(200)
        .body("status", everyItem(equalTo("SENT")));
    given()
        .auth()
        .oauth2(TestTokens.OPERATOR)
        .post("/notifications/" + id + "/retry")
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("detail", containsString("is SENT"));
  }

  @Test
  void badParametersAre400NamingTheParameter() {
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .queryParam("status", "LOST")
        .get("/notifications")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("status"))
        .body("errors[0].message", containsString("PENDING"));
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .queryParam("limit", 0)
        .get("/notifications")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("limit"));
  }

  @Test
  void probesAndDocsArePublic() {
    given().get("/q/health/ready").then().statusCode(200);
    given().get("/q/health/live").then().statusCode(200);
    given().get("/q/openapi").then().statusCode(200).body(containsString("/notifications"));
  }
}
