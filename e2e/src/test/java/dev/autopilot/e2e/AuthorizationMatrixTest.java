package dev.autopilot.e2e;

import dev.autopilot.e2e.OpenApi.Operation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
  private static final List<String> ROLES = OpenApi.ROLES;

  /**
   * Operations without a bearer role on purpose, because the request carries its own credential (a
   * forged or missing one is refused with 401/403, never a 5xx), with the reason.
   */
  private static final Map<String, String> PUBLIC_BY_DESIGN =
      Map.of(
          "GET /ack/{token}", "the signed one-time link in a page is the credential",
          "POST /ack/{token}", "the signed one-time link in a page is the credential",
          "POST /integrations/pagerduty/webhook", "PagerDuty's HMAC signature is the credential");

  private static final Set<String> MUTATING = OpenApi.MUTATING;
  private static final Map<String, String> tokens = new LinkedHashMap<>();

  @BeforeAll
  static void tokens() throws Exception {
    Suite suite = Suite.get();
    for (String role : ROLES) {
      tokens.put(role, suite.createToken(role));
    }
  }

  static Stream<Arguments> operations() throws Exception {
    return OpenApi.operations().stream().map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("operations")
  void everyRoleGetsWhatTheDocumentPromises(Operation op) throws Exception {
    SoftAssertions soft = new SoftAssertions();
    String body = MUTATING.contains(op.method()) ? "{\"malformed\": " : null;
    Http.Reply anonymous = Http.send(op.method().toUpperCase(), op.port(), op.path(), null, body);
    if (op.requiredRole() == null) {
      String key = op.method().toUpperCase() + " " + op.template();
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
}
