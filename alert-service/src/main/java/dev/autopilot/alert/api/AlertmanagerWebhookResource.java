package dev.autopilot.alert.api;

import dev.autopilot.alert.ingest.alertmanager.AlertmanagerIngest;
import dev.autopilot.alert.ingest.alertmanager.AlertmanagerWebhook;
import dev.autopilot.alert.ingest.alertmanager.WebhookSummary;
import dev.autopilot.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Alertmanager's webhook receiver: Alertmanager posts each notified group here with an operator API
 * token ({@code http_config.authorization.credentials}).
 */
@Path("/webhooks/alertmanager")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "alerts")
public class AlertmanagerWebhookResource {
  private final AlertmanagerIngest ingest;

  public AlertmanagerWebhookResource(AlertmanagerIngest ingest) {
    this.ingest = ingest;
  }

  @POST
  @RolesAllowed(Roles.OPERATOR)
  @Operation(
      summary =
          "Receive an Alertmanager webhook (version 4): firing alerts fire, resolved alerts"
              + " resolve, all in one transaction; repeated deliveries change nothing")
  public WebhookSummary receive(@NotNull @Valid AlertmanagerWebhook webhook) {
    return ingest.apply(webhook);
  }
}
