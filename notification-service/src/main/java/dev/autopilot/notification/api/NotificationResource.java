package dev.autopilot.notification.api;

import dev.autopilot.notification.pipeline.NotificationPipeline;
import dev.autopilot.notification.store.DeliveryAttempt;
import dev.autopilot.notification.store.DeliveryAttemptRepository;
import dev.autopilot.notification.store.NotificationRecord;
import dev.autopilot.notification.store.NotificationRepository;
import dev.autopilot.notification.store.NotificationStatus;
import dev.autopilot.platform.problem.ProblemException;
import dev.autopilot.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The notification log: what was (to be) sent to whom and how it went; retry a failed one. */
@Path("/notifications")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "notifications")
public class NotificationResource {
  private static final String STATUSES =
      "must be one of " + Arrays.toString(NotificationStatus.values());

  private final NotificationRepository notifications;
  private final NotificationPipeline pipeline;
  private final DeliveryAttemptRepository attempts;

  public NotificationResource(
      NotificationRepository notifications,
      NotificationPipeline pipeline,
      DeliveryAttemptRepository attempts) {
    this.notifications = notifications;
    this.pipeline = pipeline;
    this.attempts = attempts;
  }

  @GET
  @RolesAllowed(Roles.VIEWER)
  @Operation(summary = "List notifications, newest first, optionally of one status or event")
  public List<NotificationRecord> list(
      @QueryParam("status") String status,
      @QueryParam("eventId") @Size(max = 200) String eventId,
      @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
    return notifications.list(parseStatus(status), eventId, limit);
  }

  @GET
  @Path("/{id}")
  @RolesAllowed(Roles.VIEWER)
  @Operation(summary = "One notification")
  public NotificationRecord get(@PathParam("id") UUID id) {
    return notifications
        .find(id)
        .orElseThrow(() -> ProblemException.notFound("notification " + id + " does not exist"));
  }

  @GET
  @Path("/{id}/attempts")
  @RolesAllowed(Roles.VIEWER)
  @Operation(summary = "The delivery log of one notification: every attempt, oldest first")
  public List<DeliveryAttempt> attempts(@PathParam("id") UUID id) {
    get(id);
    return attempts.of(id);
  }

  @POST
  @Path("/{id}/retry")
  @RolesAllowed(Roles.OPERATOR)
  @Operation(
      summary =
          "Queue a FAILED notification for delivery again, with a fresh set of attempts (409 if"
              + " it is not FAILED)")
  public Response retry(@PathParam("id") UUID id) {
    return Response.accepted(pipeline.retry(id)).build();
  }

  private static NotificationStatus parseStatus(String status) {
    if (status == null || status.isBlank()) {
      return null;
    }
    try {
      return NotificationStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ProblemException.badField("status", STATUSES);
    }
  }
}
