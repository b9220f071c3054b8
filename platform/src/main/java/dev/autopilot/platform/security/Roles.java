package dev.autopilot.platform.security;

import java.util.List;
import java.util.Set;

/** The three roles; each implies the ones below it (admin ⊃ operator ⊃ viewer). */
public final class Roles {
  /** Read anything but secrets. */
  public static final String VIEWER = "viewer";

  /** Act: acknowledge, silence, deploy, back up. */
  public static final String OPERATOR = "operator";

  /** Restore, rules, config, tokens, dead letters. */
  public static final String ADMIN = "admin";

  /** All roles, lowest first. */
  public static final List<String> ALL = List.of(VIEWER, OPERATOR, ADMIN);

  private Roles() {}

  /** A role and every role it implies; empty for an unknown role. */
  public static Set<String> implied(String role) {
    return switch (role) {
      case ADMIN -> Set.of(ADMIN, OPERATOR, VIEWER);
      case OPERATOR -> Set.of(OPERATOR, VIEWER);
      case VIEWER -> Set.of(VIEWER);
      default -> Set.of();
    };
  }
}
