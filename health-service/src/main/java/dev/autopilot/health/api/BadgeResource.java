package dev.autopilot.health.api;

import dev.autopilot.health.history.Uptime;
import dev.autopilot.health.status.HealthOverview;
import dev.autopilot.health.status.TargetHealth;
import dev.autopilot.platform.event.v1.HealthStatus;
import dev.autopilot.platform.problem.ProblemException;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * SVG badges per target, like Gatus's: {@code /api/badges/{id}/uptime.svg?window=7d} and {@code
 * /api/badges/{id}/health.svg}. Public, as the status page; not cached by browsers for long.
 */
@Path("/api/badges/{id}")
@Tag(name = "status")
@PermitAll
public class BadgeResource {
  private static final String SVG = "image/svg+xml";

  private final HealthOverview overview;
  private final Uptime uptime;

  public BadgeResource(HealthOverview overview, Uptime uptime) {
    this.overview = overview;
    this.uptime = uptime;
  }

  @GET
  @Path("uptime.svg")
  @Produces(SVG)
  @PermitAll
  @Operation(summary = "Uptime badge; window 24h, 7d, 30d or 90d")
  public Response uptime(
      @PathParam("id") String id, @QueryParam("window") @DefaultValue("24h") String window) {
    target(id);
    Uptime.Windows w = uptime.target(id, Instant.now());
    Double value =
        switch (window) {
          case "24h" -> w.last24h();
          case "7d" -> w.last7d();
          case "30d" -> w.last30d();
          case "90d" -> w.last90d();
          default -> throw ProblemException.badField("window", "must be 24h, 7d, 30d or 90d");
        };
    String text = value == null ? "n/a" : String.format(Locale.ROOT, "%.2f%%", value);
    String color =
        value == null ? "#9f9f9f" : value >= 99.9 ? "#40cc11" : value >= 99 ? "#dfb317" : "#c7130a";
    return svg(Badges.render("uptime " + window, text, color));
  }

  @GET
  @Path("health.svg")
  @Produces(SVG)
  @PermitAll
  @Operation(summary = "Current state badge")
  public Response health(@PathParam("id") String id) {
    HealthStatus status = target(id).state().status();
    String color =
        switch (status) {
          case UP -> "#40cc11";
          case DEGRADED -> "#dfb317";
          case DOWN -> "#c7130a";
          case UNKNOWN, MAINTENANCE -> "#9f9f9f";
        };
    return svg(Badges.render("health", status.name().toLowerCase(Locale.ROOT), color));
  }

  private TargetHealth target(String id) {
    return overview
        .find(id)
        .orElseThrow(() -> ProblemException.notFound("target " + id + " does not exist"));
  }

  private static Response svg(String body) {
    return Response.ok(body, SVG).header("Cache-Control", "no-cache, max-age=0").build();
  }
}
