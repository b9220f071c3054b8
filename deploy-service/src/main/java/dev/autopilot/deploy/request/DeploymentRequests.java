package dev.autopilot.deploy.request;

import dev.autopilot.deploy.config.DeployConfig;
import dev.autopilot.deploy.store.DeploymentRecord;
import dev.autopilot.deploy.store.DeploymentRepository;
import dev.autopilot.platform.event.v1.DeployRejected;
import dev.autopilot.platform.event.v1.DeployRequested;
import dev.autopilot.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Turns a (pattern-validated) request into a QUEUED deployment, the same way for the API and for
 * events. The checklist, freezes, maintenance windows and the alert gate will refuse requests here
 * too; today only unknown services and environments are refused.
 */
@ApplicationScoped
public class DeploymentRequests {
  private static final int MAX_REQUESTED_BY = 200;

  private final DeploymentRepository deployments;
  private final DeployConfig config;
  private final Outbox outbox;

  public DeploymentRequests(DeploymentRepository deployments, DeployConfig config, Outbox outbox) {
    this.deployments = deployments;
    this.config = config;
    this.outbox = outbox;
  }

  /**
   * Accepts a request: a new QUEUED deployment, or the existing one its idempotency key names.
   * Refuses unknown services and environments, and a key that names a different deployment.
   */
  @Transactional
  public Submission submit(DeployRequested request, String requestedBy) {
    DeployConfig.Service service = config.services().get(request.service());
    if (service == null) {
      return new Submission.Refused(
          "service", "'" + request.service() + "' is not a configured service " + known(), false);
    }
    if (!service.environments().contains(request.environment())) {
      return new Submission.Refused(
          "environment",
          "'"
              + request.environment()
              + "' is not an environment of "
              + request.service()
              + " "
              + new TreeSet<>(service.environments()),
          false);
    }
    String key = request.idempotencyKey();
    if (key != null) {
      Optional<DeploymentRecord> existing = deployments.findByIdempotencyKey(key);
      if (existing.isPresent()) {
        return sameOrConflict(existing.get(), request);
      }
    }
    UUID id = UUID.randomUUID();
    String by =
        requestedBy.length() > MAX_REQUESTED_BY
            ? requestedBy.substring(0, MAX_REQUESTED_BY)
            : requestedBy;
    if (!deployments.insert(
        id, request.service(), request.environment(), request.version(), key, by)) {
      // A concurrent request with the same key won the insert; it has committed by now.
      return sameOrConflict(deployments.findByIdempotencyKey(key).orElseThrow(), request);
    }
    return new Submission.Accepted(deployments.find(id).orElseThrow(), true);
  }

  /** Announces a refused request on {@code deploy.requested}'s answer topic, deploy.rejected. */
  @Transactional
  public void reject(DeployRequested request, Submission.Refused refused) {
    outbox.append(
        new DeployRejected(
            request.service(),
            request.environment(),
            request.version(),
            refused.reason(),
            request.idempotencyKey()));
  }

  private static Submission sameOrConflict(DeploymentRecord existing, DeployRequested request) {
    boolean same =
        existing.service().equals(request.service())
            && existing.environment().equals(request.environment())
            && existing.version().equals(request.version());
    if (same) {
      return new Submission.Accepted(existing, false);
    }
    return new Submission.Refused(
        "idempotencyKey",
        "already names deployment "
            + existing.id()
            + " of "
            + existing.target()
            + " version "
            + existing.version(),
        true);
  }

  private String known() {
    return "(configured: " + String.join(", ", new TreeSet<>(config.services().keySet())) + ")";
  }
}
