package dev.autopilot.notification.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autopilot.notification.notice.Notice;
import dev.autopilot.notification.render.MessageRenderer;
import dev.autopilot.notification.render.RenderedMessage;
import dev.autopilot.platform.event.EventData;
import dev.autopilot.platform.event.Topics;
import dev.autopilot.platform.event.v1.AlertAcknowledged;
import dev.autopilot.platform.event.v1.AlertFired;
import dev.autopilot.platform.event.v1.AlertResolved;
import dev.autopilot.platform.event.v1.BackupCompleted;
import dev.autopilot.platform.event.v1.BackupFailed;
import dev.autopilot.platform.event.v1.BackupRestored;
import dev.autopilot.platform.event.v1.DeployFailed;
import dev.autopilot.platform.event.v1.DeployRejected;
import dev.autopilot.platform.event.v1.DeployRolledBack;
import dev.autopilot.platform.event.v1.DeploySucceeded;
import dev.autopilot.platform.event.v1.HealthDegraded;
import dev.autopilot.platform.event.v1.HealthRecovered;
import dev.autopilot.platform.event.v1.MaintenanceScheduled;
import dev.autopilot.platform.problem.ProblemException;
import dev.autopilot.platform.security.Roles;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Renders a template for a sample event, exactly as a notification would be: nothing is sent. */
@Path("/templates/preview")
@Tag(name = "templates")
public class TemplatePreviewResource {
  private static final Map<String, Class<? extends EventData>> TYPES =
      Map.ofEntries(
          Map.entry(Topics.ALERT_FIRED, AlertFired.class),
          Map.entry(Topics.ALERT_RESOLVED, AlertResolved.class),
          Map.entry(Topics.ALERT_ACKNOWLEDGED, AlertAcknowledged.class),
          Map.entry(Topics.DEPLOY_SUCCEEDED, DeploySucceeded.class),
          Map.entry(Topics.DEPLOY_FAILED, DeployFailed.class),
          Map.entry(Topics.DEPLOY_ROLLED_BACK, DeployRolledBack.class),
          Map.entry(Topics.BACKUP_FAILED, BackupFailed.class),
          Map.entry(Topics.BACKUP_COMPLETED, BackupCompleted.class),
          Map.entry(Topics.DEPLOY_REJECTED, DeployRejected.class),
          Map.entry(Topics.BACKUP_RESTORED, BackupRestored.class),
          Map.entry(Topics.MAINTENANCE_SCHEDULED, MaintenanceScheduled.class),
          Map.entry(Topics.HEALTH_DEGRADED, HealthDegraded.class),
          Map.entry(Topics.HEALTH_RECOVERED, HealthRecovered.class));

  private final MessageRenderer renderer;
  private final ObjectMapper mapper;

  public TemplatePreviewResource(MessageRenderer renderer, ObjectMapper mapper) {
    this.renderer = renderer;
    this.mapper = mapper;
  }

  /** What to preview: an event type and its sample data (the event's JSON {@code data}). */
  @RegisterForReflection
  public record PreviewRequest(String eventType, String channel, JsonNode data) {}

  @POST
  @RolesAllowed(Roles.VIEWER)
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Render the template of an event type for sample data (sends nothing)")
  public RenderedMessage preview(PreviewRequest request) {
    if (request == null || request.eventType() == null || !TYPES.containsKey(request.eventType())) {
      throw ProblemException.badField("eventType", "must be one of " + TYPES.keySet());
    }
    String channel = request.channel() == null ? "email" : request.channel();
    if (!MessageRenderer.CHANNELS.contains(channel)) {
      throw ProblemException.badField("channel", "must be one of " + MessageRenderer.CHANNELS);
    }
    if (request.data() == null || !request.data().isObject()) {
      throw ProblemException.badField("data", "must be the event's data object");
    }
    EventData data;
    try {
      data = mapper.treeToValue(request.data(), TYPES.get(request.eventType()));
    } catch (Exception e) {
      throw ProblemException.badField(
          "data", "does not fit " + request.eventType() + ": " + e.getMessage());
    }
    Notice notice =
        new Notice(
            "preview-" + UUID.randomUUID(),
            request.eventType(),
            "/preview",
            Instant.now(),
            data,
            null,
            Topics.ALERT_FIRED.equals(request.eventType())
                ? "https://alert.example/ack/PREVIEW"
                : null,
            Topics.MAINTENANCE_SCHEDULED.equals(request.eventType()) ? "T-1d" : null);
    try {
      return renderer.render(channel, notice);
    } catch (RuntimeException e) {
      throw ProblemException.badField("data", "cannot be rendered: " + e.getMessage());
    }
  }
}
