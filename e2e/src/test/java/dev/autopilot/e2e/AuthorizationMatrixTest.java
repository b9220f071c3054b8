package dev.autopilot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every endpoint of every service × no token / viewer / operator / admin, generated from the
 * services' own OpenAPI documents ({@code /q/openapi}), so a new endpoint cannot escape it.
 *
 * <p>The required role of an operation is what its OpenAPI security requirement lists (Quarkus
 * derives it from {@code @RolesAllowed}). Expected: no token → 401 problem+json; a role below the
 * required one → 403; the required role and above → never 401/403 and never a 5xx. Requests carry a
 * malformed JSON body and unknown ids, so an authorized call is refused as bad input or not found
 * instead of changing anything. A mutating operation without a security requirement fails the test
 * unless it is on {@link #PUBLIC_BY_DESIGN}.
 */
@Order(4)
class AuthorizationMatrixTest {
  private static final List<String> ROLES = List.of("viewer", "operator", "admin");

  /**
   * Operations without a bearer role on purpose, because the request carries its own credential (a
   * forged or missing one is refused with 401/403, never a 5xx), with the reason.
   */
  private static final Map<String, String> PUBLIC_BY_DESIGN =
      Map.of(
          "GET /ack/{token}", "the signed one-time link in a page is the credential",
          "POST /ack/{token}", "the signed one-time link in a page is the credential",
          "POST /integrations/pagerduty/webhook", "PagerDuty's HMAC signature is the credential");

  private static final Set<String> MUTATING = Set.of("post", "put", "patch", "delete");
  private static final Map<String, String> tokens = new LinkedHashMap<>();

  @BeforeAll
  static void tokens() throws Exception {
    Suite suite = Suite.get();
    for (String role : ROLES) {
      tokens.put(role, suite.createToken(role));
    }
  }

  record Operation(String service, int port, String method, String path, String requiredRole) {
    @Override
    public String toString() {
      return service + " " + method.toUpperCase() + " " + path;
    }
  }

  static Stream<Arguments> operations() throws Exception {
    Suite.get();
    Map<String, Integer> services = new LinkedHashMap<>();
    services.put("health", Suite.HEALTH);
    services.put("alert", Suite.ALERT);
    services.put("notification", Suite.NOTIFICATION);
    services.put("backup", Suite.BACKUP);
    services.put("deploy", Suite.DEPLOY);
    List<Arguments> all = new ArrayList<>();
    for (Map.Entry<String, Integer> service : services.entrySet()) {
      Http.Reply doc = Http.get(service.getValue(), "/q/openapi?format=json", null);
      assertThat(doc.status()).as("%s /q/openapi", service.getKey()).isEqualTo(200);
      JsonNode paths = doc.body().path("paths");
      int before = all.size();
      for (Iterator<Map.Entry<String, JsonNode>> p = paths.fields(); p.hasNext(); ) {
        Map.Entry<String, JsonNode> path = p.next();
        for (Iterator<Map.Entry<String, JsonNode>> m = path.getValue().fields(); m.hasNext(); ) {
          Map.Entry<String, JsonNode> method = m.next();
          if (!Set.of("get", "post", "put", "patch", "delete").contains(method.getKey())) {
            continue;
          }
          Operation operation =
              new Operation(
                  service.getKey(),
                  service.getValue(),
                  method.getKey(),
                  concrete(path.getKey(), method.getValue(), path.getValue()),
                  requiredRole(method.getValue()));
          all.add(Arguments.of(operation, path.getKey()));
        }
      }
      assertThat(all.size() - before).as("%s has operations", service.getKey()).isPositive();
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("operations")
  void everyRoleGetsWhatTheDocumentPromises(Operation op, String template) throws Exception {
    SoftAssertions soft = new SoftAssertions();
    String body = MUTATING.contains(op.method()) ? "{\"malformed\": " : null;
    Http.Reply anonymous = Http.send(op.method().toUpperCase(), op.port(), op.path(), null, body);
    if (op.requiredRole() == null) {
      String key = op.method().toUpperCase() + " " + template;
      if (MUTATING.contains(op.method())) {
        soft.assertThat(PUBLIC_BY_DESIGN)
            .as("%s mutates without any role; secure it or list it as public by design", op)
            .containsKey(key);
      }
      if (!PUBLIC_BY_DESIGN.containsKey(key)) {
        soft.assertThat(anonymous.status())
            .as("%s anonymous: %s", op, anonymous.text())
            .isNotIn(401, 403);
      }
      soft.assertThat(anonymous.status())
          .as("%s anonymous 5xx: %s", op, anonymous.text())
          .isLessThan(500);
      soft.assertAll();
      return;
    }
    soft.assertThat(anonymous.status())
        .as("%s without a token: %s", op, anonymous.text())
        .isEqualTo(401);
    soft.assertThat(anonymous.text()).as("%s 401 is problem+json", op).contains("\"status\":401");
    int required = ROLES.indexOf(op.requiredRole());
    for (int i = 0; i < ROLES.size(); i++) {
      String role = ROLES.get(i);
      Http.Reply reply =
          Http.send(op.method().toUpperCase(), op.port(), op.path(), tokens.get(role), body);
      if (i < required) {
        soft.assertThat(reply.status()).as("%s as %s: %s", op, role, reply.text()).isEqualTo(403);
      } else {
        soft.assertThat(reply.status())
            .as("%s as %s: %s", op, role, reply.text())
            .isNotIn(401, 403);
        soft.assertThat(reply.status())
            .as("%s as %s 5xx: %s", op, role, reply.text())
            .isLessThan(500);
      }
    }
    soft.assertAll();
  }

  /** The lowest of the roles the operation's security requirement lists; null when public. */
  private static String requiredRole(JsonNode operation) {
    JsonNode security = operation.path("security");
    if (!security.isArray() || security.isEmpty()) {
      return null;
    }
    String lowest = null;
    for (JsonNode requirement : security) {
      for (Iterator<JsonNode> schemes = requirement.elements(); schemes.hasNext(); ) {
        JsonNode scopes = schemes.next();
        if (scopes.isEmpty()) {
          return "viewer"; // any authenticated caller; viewer is the least
        }
        for (JsonNode role : scopes) {
          if (ROLES.contains(role.asText())
              && (lowest == null || ROLES.indexOf(role.asText()) < ROLES.indexOf(lowest))) {
            lowest = role.asText();
          }
        }
      }
    }
    return lowest == null ? "viewer" : lowest;
  }

  /** The path with every parameter replaced by a value that names nothing that exists. */
  private static String concrete(String template, JsonNode operation, JsonNode pathItem) {
    String path = template;
    List<JsonNode> parameters = new ArrayList<>();
    operation.path("parameters").forEach(parameters::add);
    pathItem.path("parameters").forEach(parameters::add);
    for (JsonNode parameter : parameters) {
      if (!"path".equals(parameter.path("in").asText())) {
        continue;
      }
      JsonNode schema = parameter.path("schema");
      String value =
          switch (schema.path("type").asText()) {
            case "integer", "number" -> "987654321";
            default ->
                "uuid".equals(schema.path("format").asText())
                    ? UUID.randomUUID().toString()
                    : "no-such-" + parameter.path("name").asText();
          };
      path = path.replace("{" + parameter.path("name").asText() + "}", value);
    }
    return path.replaceAll("\\{[^}]+}", "no-such-thing");
  }
}
