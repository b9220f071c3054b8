package dev.autopilot.health;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import dev.autopilot.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** targets.yaml: loaded at start, re-imported by an operator, refused whole when invalid. */
@QuarkusTest
@QuarkusTestResource(HealthServiceTestResource.class)
class TargetsFileTest {
  /** A targets file with one liveness target per id against the fake target's /live. */
  static String fileWith(String base, String... ids) {
    StringBuilder yaml = new StringBuilder("targets:\n");
    for (String id : ids) {
      yaml.append("  - id: ")
          .append(id)
          .append("\n    service: filed\n    environment: test\n    role: liveness\n")
          .append("    address: ")
          .append(base)
          .append("/live\n    interval: 1s\n    timeout: 1s\n")
          .append("    conditions: [\"[STATUS] == 200\", \"[RESPONSE_TIME] < 1000\"]\n");
    }
    return yaml.toString();
  }

  private static Path file() {
    return Path.of(ConfigProvider.getConfig().getValue("health.targets-file", String.class));
  }

  private static String base() {
    return ConfigProvider.getConfig().getValue(HealthServiceTestResource.BASE_URL, String.class);
  }

  @AfterEach
  void restore() throws Exception {
    Files.writeString(file(), fileWith(base(), "file-live"));
    given().auth().oauth2(TestTokens.OPERATOR).post("/targets/import").then().statusCode(200);
  }

  @Test
  void theFileIsLoadedAtStartAndProbed() {
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .get("/targets/file-live")
        .then()
        .statusCode(200)
        .body("managedBy", equalTo("file"))
        .body("conditions", hasItem("[RESPONSE_TIME] < 1000"));
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(20))
        .until(() -> "UP".equals(TargetApi.status("file-live")));
  }

  @Test
  void reimportAddsAndRemovesFileTargets() throws Exception {
    Files.writeString(file(), fileWith(base(), "file-a", "file-b"));
    given().auth().oauth2(TestTokens.VIEWER).post("/targets/import").then().statusCode(403);
    given().post("/targets/import").then().statusCode(401);
    given()
        .auth()
        .oauth2(TestTokens.OPERATOR)
        .post("/targets/import")
        .then()
        .statusCode(200)
        .body("targets", equalTo(2))
        .body("removed", hasItem("file-live"));
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .get("/targets")
        .then()
        .body("id", hasItems("file-a", "file-b", "it-ready"));
    given().auth().oauth2(TestTokens.VIEWER).get("/targets/file-live").then().statusCode(404);
  }

  @Test
  void anInvalidFileChangesNothingAndNamesTargetAndField() throws Exception {
    Files.writeString(
        file(),
        fileWith(base(), "file-live")
            + "  - id: file-bad\n    service: filed\n    environment: test\n"
            + "    address: http://127.0.0.1:1/x\n    conditions: [\"[STATUS] == 200\","
            + " \"[BODY].status =! ok\"]\n    interval: 2ms\n");
    var problem =
        given()
            .auth()
            .oauth2(TestTokens.OPERATOR)
            .post("/targets/import")
            .then()
            .statusCode(400)
            .contentType("application/problem+json")
            .body("detail", containsString("file-bad.conditions[1]"))
            .extract()
            .jsonPath();
    assertThat(problem.getList("errors.field", String.class))
        .contains("file-bad.conditions[1]", "file-bad.interval");
    assertThat(problem.getString("errors.find { it.field == 'file-bad.conditions[1]' }.message"))
        .contains("position");
    given().auth().oauth2(TestTokens.VIEWER).get("/targets/file-live").then().statusCode(200);
    given().auth().oauth2(TestTokens.VIEWER).get("/targets/file-bad").then().statusCode(404);
  }
}
