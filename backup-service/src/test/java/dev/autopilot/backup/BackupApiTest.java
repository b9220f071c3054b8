package dev.autopilot.backup;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.notNullValue;

import dev.autopilot.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** POST /backups (operator), GET /backups[/{id}] (viewer), and the last-success gauge. */
@QuarkusTest
@QuarkusTestResource(BackupServiceTestResource.class)
class BackupApiTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @Test
  void requestingNeedsATokenAndTheOperatorRole() {
    given()
        .contentType(ContentType.JSON)
        .body("{\"source\":\"shop\"}")
        .post("/backups")
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .header("WWW-Authenticate", containsString("Bearer"));
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .contentType(ContentType.JSON)
        .body("{\"source\":\"shop\"}")
        .post("/backups")
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
    given()
        .auth()
        .oauth2(TestTokens.jwt("viewer"))
        .contentType(ContentType.JSON)
        .body("{\"source\":\"shop\"}")
        .post("/backups")
        .then()
        .statusCode(403);
    given().get("/backups").then().statusCode(401);
    given().get("/backups/" + UUID.randomUUID()).then().statusCode(401);
  }

  @Test
  void operatorRequestIsAcceptedAndCompletes() {
    Response accepted =
        given()
            .auth()
            .oauth2(TestTokens.OPERATOR)
            .contentType(ContentType.JSON)
            .body("{\"source\":\"shop\"}")
            .post("/backups");
    accepted
        .then()
        .statusCode(202)
        .body("status", equalTo("PENDING"))
        .body("source", equalTo("shop"))
        .body("reason", equalTo("MANUAL"))
        .body("requestedBy", equalTo("token:test-operator"));
    String id = accepted.path("id");
    assertThat(accepted.header("Location")).endsWith("/backups/" + id);

    Awaitility.await()
        .atMost(WAIT)
        .until(
            () ->
                "COMPLETED"
                    .equals(
                        given()
                            .auth()
                            .oauth2(TestTokens.VIEWER)
                            .get(accepted.header("Location"))
                            .path("status")));
    given()
        .auth()
        .oauth2(TestTokens.jwt("viewer"))
        .get("/backups/" + id)
        .then()
        .statusCode(200)
        .body("sha256", notNullValue())
        .body("location", containsString("/shop/"))
        .body("attempts", equalTo(1));

    // Newest first, filtered by source.
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .queryParam("source", "shop")
        .get("/backups")
        .then()
        .statusCode(200)
        .body("source", everyItem(equalTo("shop")));
    given()
        .auth()
        .oauth2(TestTokens.OPERATOR)
        .contentType(ContentType.JSON)
        .body("{\"source\":\"shop\",\"reason\":\"SCHEDULED\"}")
        .post("/backups")
        .then()
        .statusCode(202);
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .queryParam("source", "shop")
        .queryParam("limit", 1)
        .get("/backups")
        .then()
        .statusCode(200)
        .body("size()", equalTo(1))
        .body("[0].reason", equalTo("SCHEDULED"));
  }

  @Test
  void lastSuccessGaugeReportsCompletedBackupsPerSource() {
    given()
        .auth()
        .oauth2(TestTokens.ADMIN)
        .contentType(ContentType.JSON)
        .body("{\"source\":\"shop\"}")
        .post("/backups")
        .then()
        .statusCode(202);
    Awaitility.await().atMost(WAIT).until(() -> gauge("shop") > 0);
    assertThat(gauge("shop") * 1000)
        .isGreaterThan(System.currentTimeMillis() - Duration.ofMinutes(10).toMillis());
    assertThat(gauge("ghost")).isZero();
  }

  @Test
  void unknownSourceIs404AndNothingIsRecorded() {
    given()
        .auth()
        .oauth2(TestTokens.OPERATOR)
        .contentType(ContentType.JSON)
        .body("{\"source\":\"nowhere\"}")
        .post("/backups")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("detail", containsString("nowhere"))
        .body("detail", containsString("shop"));
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .queryParam("source", "nowhere")
        .get("/backups")
        .then()
        .statusCode(200)
        .body("size()", equalTo(0));
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .get("/backups/" + UUID.randomUUID())
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }

  @Test
  void badInputIs400NamingTheField() {
    badRequest("{\"reason\":\"MANUAL\"}", "source");
    badRequest("{\"source\":\"\"}", "source");
    badRequest("{\"source\":\"../etc\"}", "source");
    badRequest("{\"source\":\"shop\",\"reason\":\"WHENEVER\"}", "reason");
    given()
        .auth()
        .oauth2(TestTokens.OPERATOR)
        .contentType(ContentType.JSON)
        .body("{\"source\":")
        .post("/backups")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .queryParam("limit", 0)
        .get("/backups")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("limit"));
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .queryParam("source", "Not A Name")
        .get("/backups")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("source"));
  }

  private static void badRequest(String body, String field) {
    given()
        .auth()
        .oauth2(TestTokens.OPERATOR)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/backups")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo(field));
  }

  private static double gauge(String source) {
    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    Matcher m =
        Pattern.compile(
                "(?m)^autopilot_backup_last_success_timestamp_seconds\\{[^}]*source=\""
                    + source
                    + "\"[^}]*} (\\S+)$")
            .matcher(metrics);
    assertThat(m.find()).as("gauge of %s in%n%s", source, metrics).isTrue();
    return Double.parseDouble(m.group(1));
  }
}
