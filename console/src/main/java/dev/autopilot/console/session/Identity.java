package dev.autopilot.console.session;

/**
 * What a token may do, as the services answered when asked (see {@link Identities}). Only used to
 * hide actions; the services decide.
 *
 * @param role viewer, operator or admin
 */
public record Identity(String role) {
  /** Acknowledge, silence, approve, cancel, roll back. */
  public boolean canOperate() {
    return "operator".equals(role) || "admin".equals(role);
  }

  /** Admin-only actions. */
  public boolean isAdmin() {
    return "admin".equals(role);
  }
}
