package dev.autopilot.platform.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiTokenStoreTest {
  @Test
  void parsesHashesAndIgnoresBadLines() {
    String ci = ApiTokenStore.sha256("ap_ci");
    Map<String, ApiTokenStore.ApiToken> tokens =
        ApiTokenStore.parse(
            List.of(
                "# comment",
                "",
                "ci operator " + ci,
                "bad superuser " + ApiTokenStore.sha256("x"),
                "short viewer abc",
                "too many parts here " + ci));
    assertEquals(Map.of(ci, new ApiTokenStore.ApiToken("ci", "operator")), tokens);
  }

  @Test
  void sha256IsLowercaseHex() {
    assertEquals(
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        ApiTokenStore.sha256(""));
  }

  @Test
  void rolesImplyTheOnesBelow() {
    assertTrue(Roles.implied("admin").containsAll(List.of("admin", "operator", "viewer")));
    assertEquals(java.util.Set.of("viewer"), Roles.implied("viewer"));
    assertTrue(Roles.implied("root").isEmpty());
  }
}
