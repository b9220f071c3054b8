package dev.autopilot.alert;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.autopilot.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * POST /config/reload reads the rule files and the inhibit rules file again (Prometheus's and
 * Alertmanager's reload): valid files take effect at once, an invalid one changes nothing and the
 * answer names its file, line and field.
 */
@QuarkusTest
@QuarkusTestResource(AlertServiceTestResource.class)
@TestProfile(ConfigReloadTest.OwnFiles.class)
class ConfigReloadTest {
  // A fixed place: the profile and the test may see this class in different class loaders.
  private static final Path DIR = Path.of("target", "config-reload-test").toAbsolutePath();
  private static final Path RULES = DIR.resolve("rules");
  private static final Path INHIBIT = DIR.resolve("inhibit.yml");

  /** Rule and inhibit files of this test's own, in a temporary directory. */
  public static class OwnFiles implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      try {
        Files.deleteIfExists(RULES.resolve("b.yml")); // left by an earlier run
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      write(RULES.resolve("a.yml"), rule("ReloadFirst"));
      write(INHIBIT, "inhibit_rules: []\n");
      return Map.of(
          "alert.rules.files", RULES.toString(), "alert.inhibit.rules-file", INHIBIT.toString());
    }
  }

  @Test
  void validFilesTakeEffectInvalidOnesChangeNothing() {
    rules().body("name", hasItem("ReloadFirst"));

    write(RULES.resolve("a.yml"), rule("ReloadSecond"));
    write(
        INHIBIT,
        "inhibit_rules:\n"
            + "  - source_matchers: [alertname=ReloadRoot]\n"
            + "    target_matchers: [alertname=ReloadLeaf]\n"
            + "    equal: [service]\n");
    reload(TestTokens.ADMIN)
        .statusCode(200)
        .body("ruleFileRules", equalTo(1))
        .body("removedRules", equalTo(1))
        .body("inhibitFileRules", equalTo(1));
    rules().body("name", hasItem("ReloadSecond")).body("name", not(hasItem("ReloadFirst")));
    given()
        .auth()
        .oauth2(TestTokens.VIEWER)
        .get("/inhibit-rules")
        .then()
        .statusCode(200)
        .body("find { it.id == 'file:0' }.source_matchers[0]", equalTo("alertname=ReloadRoot"));

    // A broken rule file: 422 naming file, line and field; the rules in effect stay.
    write(
        RULES.resolve("b.yml"),
        "groups:\n  - name: reload\n    rules:\n      - alert: Broken\n        expr: up\n"
            + "        for: 5x\n");
    reload(TestTokens.ADMIN)
        .statusCode(422)
        .contentType("application/problem+json")
        .body("detail", containsString("b.yml:6"))
        .body("detail", containsString("groups[0].rules[0].for"));
    rules().body("name", hasItem("ReloadSecond")).body("name", not(hasItem("Broken")));
    given()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(containsString("autopilot_alert_config_last_reload_successful 0.0"));

    // A broken inhibit file is refused just the same, and the rule files are not half applied.
    write(RULES.resolve("b.yml"), rule("ReloadThird"));
    write(INHIBIT, "inhibit_rules:\n  - source_matchers: ['alertname=~\"(\"']\n");
    reload(TestTokens.ADMIN).statusCode(422).body("detail", containsString("inhibit.yml"));
    rules().body("name", not(hasItem("ReloadThird")));

    write(INHIBIT, "inhibit_rules: []\n");
    reload(TestTokens.ADMIN).statusCode(200).body("ruleFileRules", equalTo(2));
    rules().body("name", hasItem("ReloadThird"));
  }

  @Test
  void onlyAdminsReload() {
    given().post("/config/reload").then().statusCode(401);
    reload(TestTokens.OPERATOR).statusCode(403).contentType("application/problem+json");
  }

  private static ValidatableResponse reload(String token) {
    return given().auth().oauth2(token).post("/config/reload").then();
  }

  private static ValidatableResponse rules() {
    return given().auth().oauth2(TestTokens.VIEWER).get("/rules").then().statusCode(200);
  }

  private static String rule(String name) {
    return "groups:\n  - name: reload-"
        + name.toLowerCase()
        + "\n    rules:\n      - alert: "
        + name
        + "\n        expr: vector(0) > 1\n";
  }

  private static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
