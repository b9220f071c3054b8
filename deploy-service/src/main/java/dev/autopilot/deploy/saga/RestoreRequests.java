package dev.autopilot.deploy.saga;

import dev.autopilot.deploy.peer.BackupServiceClient;
import dev.autopilot.deploy.rollout.StepResult;
import dev.autopilot.deploy.store.DeploymentRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.time.Duration;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Asks backup-service to restore a deployment's restore point into its original database: POST
 * /backups/{id}/restore, then POST /restores/{rid}/confirm with the token it returned (the two-step
 * restore of docs/service-contracts.md). The outcome arrives later as backup.restored, correlated
 * by the deployment id. Unreachable or 5xx is retried a few times; 4xx is final.
 */
@ApplicationScoped
public class RestoreRequests {
  private static final int ATTEMPTS = 3;
  private static final Duration PAUSE = Duration.ofSeconds(2);

  private final BackupServiceClient backups;

  public RestoreRequests(@RestClient BackupServiceClient backups) {
    this.backups = backups;
  }

  /** Requests and confirms the restore; the result's reference is the restore id. */
  public StepResult request(DeploymentRecord d) throws InterruptedException {
    String last = "not tried";
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        BackupServiceClient.Ticket ticket =
            backups.restore(
                d.backupId(), new BackupServiceClient.Restore("original", null, d.id().toString()));
        BackupServiceClient.Confirmed confirmed =
            backups.confirm(
                ticket.restoreId(), new BackupServiceClient.Confirm(ticket.confirmToken()));
        String summary =
            "restore "
                + confirmed.restoreId()
                + " of restore point "
                + d.backupId()
                + " "
                + confirmed.status()
                + "; waiting for backup.restored";
        return new StepResult(true, summary, summary, ticket.restoreId().toString());
      } catch (WebApplicationException e) {
        int status = e.getResponse().getStatus();
        last = "backup-service answered HTTP " + status;
        if (status < 500) {
          break;
        }
      } catch (ProcessingException e) {
        last = "backup-service unreachable: " + e.getMessage();
      }
      if (attempt < ATTEMPTS) {
        Thread.sleep(PAUSE.toMillis());
      }
    }
    return StepResult.failed("cannot restore restore point " + d.backupId() + ": " + last);
  }
}
