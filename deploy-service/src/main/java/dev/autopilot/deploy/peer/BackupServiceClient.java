package dev.autopilot.deploy.peer;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** backup-service's restore: request it (a confirm token comes back), then confirm it. */
@RegisterRestClient(configKey = "backup-service")
@ClientHeaderParam(name = "Authorization", value = "{bearer}")
public interface BackupServiceClient {
  @POST
  @Path("/backups/{id}/restore")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  Ticket restore(@PathParam("id") UUID backupId, Restore restore);

  @POST
  @Path("/restores/{restoreId}/confirm")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  Confirmed confirm(@PathParam("restoreId") UUID restoreId, Confirm confirm);

  default String bearer() {
    return ClientToken.bearer();
  }

  /** The restore asked for: into the original database, tied to the deployment. */
  @RegisterForReflection
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Restore(String mode, String database, String correlationId) {}

  /** backup-service's answer: confirm with the token before it expires. */
  @RegisterForReflection
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Ticket(UUID restoreId, String confirmToken, String expiresAt, String status) {}

  /** The confirmation. */
  @RegisterForReflection
  record Confirm(String confirmToken) {}

  /** The restore runs; backup.restored tells how it ended. */
  @RegisterForReflection
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Confirmed(UUID restoreId, String status) {}
}
