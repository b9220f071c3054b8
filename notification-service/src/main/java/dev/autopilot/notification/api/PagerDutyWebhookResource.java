package dev.autopilot.notification.api;

import dev.autopilot.notification.channel.pagerduty.PagerDutyAcks;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * PagerDuty's v3 webhook: no bearer token (PagerDuty cannot send one); the HMAC signature over the
 * body is the authentication (401 without a valid one).
 */
@Path("/integrations/pagerduty/webhook")
@Tag(name = "integrations")
public class PagerDutyWebhookResource {
  private final PagerDutyAcks acks;

  public PagerDutyWebhookResource(PagerDutyAcks acks) {
    this.acks = acks;
  }

  /** The alerts a delivery acknowledged. */
  @RegisterForReflection
  public record Acknowledged(List<UUID> acknowledged) {}

  @POST
  @PermitAll
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "PagerDuty v3 webhook: incident.acknowledged acknowledges the alert")
  public Response receive(String body, @HeaderParam("X-PagerDuty-Signature") String signature) {
    return Response.accepted(new Acknowledged(acks.handle(body, signature))).build();
  }
}
