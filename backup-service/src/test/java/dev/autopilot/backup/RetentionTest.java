package dev.autopilot.backup;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.autopilot.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Retention over real backups: the preview lists what would go and why the rest stays, and deletes
 * nothing; apply deletes the objects and marks the rows EXPIRED.
 */
@QuarkusTest
@QuarkusTestResource(BackupServiceTestResource.class)
class RetentionTest {
  private static final Duration WAIT = Duration.ofSeconds(90);

  @Test
  void previewThenApplyOnRealBackups() throws Exception {
    String preDeploy = backup("PRE_DEPLOY");
    String verified = backup("MANUAL");
    RestoreTest.sql(
        "backup", "update backup set status = 'VERIFIED' where id = '" + verified + "'");
    String dropped = backup("MANUAL");
    String second = backup("MANUAL");
    String newest = backup("MANUAL");

    JsonPath preview =
        given()
            .auth()
            .oauth2(TestTokens.VIEWER)
            .queryParam("source", "archive")
            .get("/retention/preview")
            .then()
            .statusCode(200)
            .body("size()", equalTo(1))
            .body("[0].source", equalTo("archive"))
            .body("[0].policy", equalTo("keep 2 latest"))
            .extract()
            .jsonPath();
    assertThat(preview.getList("[0].keep.backup.id"))
        .containsExactly(newest, second, verified, preDeploy);
    assertThat(preview.getList("[0].keep.matches"))
        .containsExactly(
            List.of("last snapshot"),
            List.of("last snapshot"),
            List.of("newest verified backup"),
            List.of("pre-deploy backup kept 30 days"));
    assertThat(preview.getList("[0].remove.id")).containsExactly(dropped);
    String droppedLocation = location(dropped);
    assertThat(DumpFiles.path(droppedLocation)).exists();

    given()
        .auth()
        .oauth2(TestTokens.OPERATOR)
        .queryParam("source", "archive")
        .post("/retention/apply")
        .then()
        .statusCode(403);
    given().queryParam("source", "archive").post("/retention/apply").then().statusCode(401);
    JsonPath applied =
        given()
            .auth()
            .oauth2(TestTokens.ADMIN)
            .queryParam("source", "archive")
            .post("/retention/apply")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(applied.getList("expired")).containsExactly(dropped);
    assertThat(applied.getList("failures")).isEmpty();
    assertThat(DumpFiles.path(droppedLocation)).doesNotExist();
    Map<String, Object> row =
        given()
            .auth()
            .oauth2(TestTokens.VIEWER)
            .get("/backups/" + dropped)
            .then()
            .extract()
            .path("$");
    assertThat(row.get("status")).isEqualTo("EXPIRED");
    for (String kept : List.of(newest, second, verified, preDeploy)) {
      assertThat(Files.exists(DumpFiles.path(location(kept)))).as(kept).isTrue();
    }
    // Applying again changes nothing; an expired backup cannot be restored.
    given()
        .auth()
        .oauth2(TestTokens.ADMIN)
        .queryParam("source", "archive")
        .post("/retention/apply")
        .then()
        .statusCode(200)
        .body("expired.size()", equalTo(0));
    given()
        .auth()
        .oauth2(TestTokens.ADMIN)
        .contentType(ContentType.JSON)
        .body("{\"mode\":\"original\"}")
        .post("/backups/" + dropped + "/restore")
        .then()
        .statusCode(409);
  }

  @Test
  void unknownSourceIs404AndBadNameIs400() {
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .queryParam("source", "nope")
        .get("/retention/preview")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .queryParam("source", "Bad Name")
        .get("/retention/preview")
        .then()
        .statusCode(400);
    given().get("/retention/preview").then().statusCode(401);
  }

  private static String backup(String reason) {
    String id =
        given()
            .auth()
            .oauth2(TestTokens.OPERATOR)
            .contentType(ContentType.JSON)
            .body("{\"source\":\"archive\",\"reason\":\"" + reason + "\"}")
            .post("/backups")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    Awaitility.await()
        .atMost(WAIT)
        .until(
            () ->
                "COMPLETED"
                    .equals(
                        given()
                            .auth()
                            .oauth2(TestTokens.VIEWER)
                            .get("/backups/" + id)
                            .path("status")));
    return id;
  }

  private static String location(String id) {
    return given().auth().oauth2(TestTokens.VIEWER).get("/backups/" + id).path("location");
  }
}
