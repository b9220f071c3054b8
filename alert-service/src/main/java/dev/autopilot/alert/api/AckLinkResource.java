package dev.autopilot.alert.api;

import dev.autopilot.alert.ack.AckLinkService;
import dev.autopilot.alert.store.AlertRecord;
import dev.autopilot.alert.store.AlertState;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Signed one-time acknowledge links from notifications. GET shows a confirm page and changes
 * nothing (mail scanners prefetch links); POST acknowledges. The link itself is the credential.
 */
@Path("/ack/{token}")
@Tag(name = "alerts")
@PermitAll
public class AckLinkResource {
  private final AckLinkService links;

  public AckLinkResource(AckLinkService links) {
    this.links = links;
  }

  /** The pages (src/main/resources/templates/AckLinkResource/). */
  @CheckedTemplate
  static class Templates {
    static native TemplateInstance confirm(AlertRecord alert, String token, boolean canAck);

    static native TemplateInstance done(AlertRecord alert);
  }

  @GET
  @Produces(MediaType.TEXT_HTML)
  @PermitAll
  @Operation(summary = "Confirm page of an acknowledge link (changes nothing)")
  public TemplateInstance confirm(@PathParam("token") String token) {
    AlertRecord alert = links.preview(token);
    return Templates.confirm(alert, token, alert.state() == AlertState.FIRING);
  }

  @POST
  @Produces(MediaType.TEXT_HTML)
  @PermitAll
  @Operation(
      summary =
          "Acknowledge through a link: 403 if forged or expired, 410 if used, 409 if resolved")
  public TemplateInstance acknowledge(@PathParam("token") String token) {
    return Templates.done(links.acknowledge(token));
  }
}
