package dev.autopilot.deploy.request;

import dev.autopilot.deploy.store.AuditRepository;
import dev.autopilot.deploy.store.DeploymentRecord;
import dev.autopilot.deploy.store.DeploymentRepository;
import dev.autopilot.deploy.store.TargetRepository;
import dev.autopilot.deploy.target.TargetConfig;
import dev.autopilot.platform.event.v1.DeployRejected;
import dev.autopilot.platform.event.v1.DeployRequested;
import dev.autopilot.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns a (pattern-validated) request into a QUEUED deployment, the same way for the API and for
 * events: refuses unknown services and environments and a checklist missing a required item, and
 * deduplicates by idempotency key. Freezes, maintenance windows and the alert gate are checked by
 * VALIDATE when the deployment starts.
 */
@ApplicationScoped
public class DeploymentRequests {
  private static final int MAX_REQUESTED_BY = 200;

  private final DeploymentRepository deployments;
  private final TargetRepository targets;
  private final AuditRepository audit;
  private final Outbox outbox;

  public DeploymentRequests(
      DeploymentRepository deployments,
      TargetRepository targets,
      AuditRepository audit,
      Outbox outbox) {
    this.deployments = deployments;
    this.targets = targets;
    this.audit = audit;
    this.outbox = outbox;
  }

  /**
   * An admin's override of the alert gate and freezes for one deployment, with the reason.
   *
   * @param by the admin
   */
  public record Override(String by, String reason) {}

  /** Accepts a request without override. */
  @Transactional
  public Submission submit(DeployRequested request, String requestedBy) {
    return submit(request, requestedBy, null);
  }

  /**
   * Accepts a request: a new QUEUED deployment, or the existing one its idempotency key names.
   * Refuses unknown targets, missing checklist items, and a key that names a different deployment.
   * An override is audited when it creates a deployment.
   */
  @Transactional
  public Submission submit(DeployRequested request, String requestedBy, Override override) {
    Optional<TargetConfig> target = targets.find(request.service(), request.environment());
    if (target.isEmpty()) {
      List<String> environments = targets.environmentsOf(request.service());
      if (environments.isEmpty()) {
        return new Submission.Refused(
            "service",
            "'"
                + request.service()
                + "' is not a configured service (configured: "
                + String.join(", ", targets.services())
                + ")",
            false);
      }
      return new Submission.Refused(
          "environment",
          "'"
              + request.environment()
              + "' is not an environment of "
              + request.service()
              + " "
              + environments,
          false);
    }
    Optional<Submission.Refused> checklist = Checklist.missing(target.get(), request.checks());
    if (checklist.isPresent()) {
      return checklist.get();
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
    boolean inserted =
        deployments.insert(
            new DeploymentRepository.NewDeployment(
                id,
                request.service(),
                request.environment(),
                request.version(),
                key,
                by,
                Boolean.TRUE.equals(request.requiresMaintenanceWindow()),
                override == null ? null : override.by(),
                override == null ? null : override.reason()));
    if (!inserted) {
      // A concurrent request with the same key won the insert; it has committed by now.
      return sameOrConflict(deployments.findByIdempotencyKey(key).orElseThrow(), request);
    }
    if (override != null) {
      audit.record(
          override.by(),
          "override-gates",
          "deployment " + id + " of " + request.service() + "/" + request.environment(),
          override.reason());
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
}
