package dev.autopilot.alert.lifecycle;

import dev.autopilot.platform.event.v1.AlertAnnotations;
import dev.autopilot.platform.event.v1.Severity;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * What a source wants to fire.
 *
 * @param fingerprint the identity, when the source has its own (else name + labels)
 * @param deploymentId the deployment it belongs to, when the source knows (else the watch window)
 * @param dependencyTarget the down dependency that causes it (health's {@code suppressedBy})
 */
public record NewAlert(
    String name,
    Severity severity,
    Map<String, String> labels,
    AlertAnnotations annotations,
    Double value,
    String source,
    Instant startsAt,
    String fingerprint,
    UUID deploymentId,
    String dependencyTarget) {

  /** An alert identified by its name and labels. */
  public NewAlert(
      String name,
      Severity severity,
      Map<String, String> labels,
      AlertAnnotations annotations,
      Double value,
      String source,
      Instant startsAt) {
    this(name, severity, labels, annotations, value, source, startsAt, null, null, null);
  }

  /** The fingerprint: the given one, or name + labels. */
  public String identity() {
    return fingerprint != null ? fingerprint : Fingerprint.of(name, labels);
  }
}
