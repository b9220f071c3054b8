package dev.autopilot.notification.api;

import dev.autopilot.notification.pipeline.NotificationPipeline;
import dev.autopilot.notification.store.NotificationRecord;
import dev.autopilot.notification.store.NotificationRepository;
import dev.autopilot.notification.store.NotificationStatus;
import dev.autopilot.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Notifications that failed for good (the notification dead letters), and their reprocessing. Not
 * under {@code /admin/dead-letters}: the platform serves that path for Kafka dead letters (numeric
 * ids, {@code /replay}).
 */
@Path("/admin/notification-dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "notification dead letters")
@RolesAllowed(Roles.ADMIN)
public class NotificationDeadLetterResource {
  private final NotificationRepository notifications;
  private final NotificationPipeline pipeline;

  public NotificationDeadLetterResource(
      NotificationRepository notifications, NotificationPipeline pipeline) {
    this.notifications = notifications;
    this.pipeline = pipeline;
  }

  @GET
  @Operation(summary = "FAILED notifications, newest first")
  public List<NotificationRecord> list(
      @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
    return notifications.list(NotificationStatus.FAILED, null, limit);
  }

  @POST
  @Path("/{id}/reprocess")
  @Operation(summary = "Deliver a FAILED notification again with fresh attempts (409 otherwise)")
  public Response reprocess(@PathParam("id") UUID id) {
    return Response.accepted(pipeline.retry(id)).build();
  }
}
