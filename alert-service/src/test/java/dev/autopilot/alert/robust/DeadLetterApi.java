package dev.autopilot.alert.robust;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autopilot.testing.TestTokens;
import java.util.ArrayList;
import java.util.List;

/** Reads this service's dead letters through its admin API, as an operator would. */
final class DeadLetterApi {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DeadLetterApi() {}

  /** The newest 500 dead letters of {@code topic}. */
  static List<JsonNode> list(String topic) throws JsonProcessingException {
    String body =
        given()
            .auth()
            .oauth2(TestTokens.ADMIN)
            .queryParam("topic", topic)
            .queryParam("limit", 500)
            .get("/admin/dead-letters")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    List<JsonNode> letters = new ArrayList<>();
    JSON.readTree(body).forEach(letters::add);
    return letters;
  }
}
