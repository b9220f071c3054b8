package dev.autopilot.deploy.request;

import dev.autopilot.deploy.store.DeploymentRecord;

/** What became of a deployment request: accepted (new or already known), or refused. */
public sealed interface Submission {
  /**
   * The request names a deployment.
   *
   * @param created false when its idempotency key named an existing deployment
   */
  record Accepted(DeploymentRecord deployment, boolean created) implements Submission {}

  /**
   * The request cannot be carried out.
   *
   * @param field the request field at fault
   * @param conflict true when the idempotency key already names a different deployment
   */
  record Refused(String field, String message, boolean conflict) implements Submission {
    /** "field message", as a reason for humans. */
    public String reason() {
      return field + " " + message;
    }
  }
}
