package dev.autopilot.notification.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autopilot.notification.channel.sms.SmsNotifier;
import dev.autopilot.notification.channel.sms.SmsText;
import dev.autopilot.notification.notice.Notice;
import dev.autopilot.notification.render.EventTypes;
import dev.autopilot.notification.render.MessageRenderer;
import dev.autopilot.notification.render.RenderedMessage;
import dev.autopilot.platform.event.EventData;
import dev.autopilot.platform.event.Topics;
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

/**
 * Renders a template for a sample event, exactly as a notification would be: nothing is sent. For
 * {@code sms} the text is the message as sent (acknowledge link appended, fitted to segments).
 */
@Path("/templates/preview")
@Tag(name = "templates")
public class TemplatePreviewResource {
  private static final Map<String, Class<? extends EventData>> TYPES = EventTypes.DATA;

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
    String channel = request.channel() == null ? MessageRenderer.EMAIL : request.channel();
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
      RenderedMessage message = renderer.render(channel, notice);
      if (SmsNotifier.CHANNEL.equals(channel)) {
        return new RenderedMessage(
            message.subject(), SmsText.fit(message.text(), notice.ackLink()), message.html());
      }
      return message;
    } catch (RuntimeException e) {
      throw ProblemException.badField("data", "cannot be rendered: " + e.getMessage());
    }
  }
}
