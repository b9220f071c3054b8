package dev.autopilot.health.api;

import dev.autopilot.health.status.StatusBoard;
import dev.autopilot.health.status.StatusService;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The public status page: what is up, per service and environment. No token needed. */
@Path("/")
@Tag(name = "status")
@PermitAll
public class StatusPageResource {
  private final StatusService status;

  public StatusPageResource(StatusService status) {
    this.status = status;
  }

  /** The page's Qute templates (src/main/resources/templates/StatusPageResource/). */
  @CheckedTemplate
  static class Templates {
    static native TemplateInstance status(StatusBoard board);
  }

  @GET
  @Path("status")
  @Produces(MediaType.TEXT_HTML)
  @PermitAll
  @Operation(summary = "Status page (HTML), public")
  public TemplateInstance page() {
    return Templates.status(status.board(Instant.now()));
  }

  @GET
  @Path("status.json")
  @Produces(MediaType.APPLICATION_JSON)
  @PermitAll
  @Operation(summary = "Status page data (JSON), public; same as /api/status")
  public StatusBoard json() {
    return status.board(Instant.now());
  }

  @GET
  @Path("api/status")
  @Produces(MediaType.APPLICATION_JSON)
  @PermitAll
  @Operation(summary = "Status page data (JSON), public: the page's JSON twin")
  public StatusBoard api() {
    return status.board(Instant.now());
  }
}
