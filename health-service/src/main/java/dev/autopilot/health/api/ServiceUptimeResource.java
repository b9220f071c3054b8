package dev.autopilot.health.api;

import dev.autopilot.health.history.Uptime;
import dev.autopilot.health.status.HealthOverview;
import dev.autopilot.platform.problem.ProblemException;
import dev.autopilot.platform.security.Roles;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Uptime of a whole service in one environment: all its targets' probes together (viewer). */
@Path("/services/{service}/{environment}/uptime")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "targets")
public class ServiceUptimeResource {
  /** A service's uptime. */
  @RegisterForReflection
  public record ServiceUptime(String service, String environment, Uptime.Windows uptime) {}

  private final HealthOverview overview;
  private final Uptime uptime;

  public ServiceUptimeResource(HealthOverview overview, Uptime uptime) {
    this.overview = overview;
    this.uptime = uptime;
  }

  @GET
  @RolesAllowed(Roles.VIEWER)
  @Operation(summary = "Uptime % over 24h, 7d, 30d, 90d of a service/environment")
  public ServiceUptime get(
      @PathParam("service") String service, @PathParam("environment") String environment) {
    boolean known =
        overview.all().stream()
            .anyMatch(
                t ->
                    t.target().service().equals(service)
                        && t.target().environment().equals(environment));
    if (!known) {
      throw ProblemException.notFound("no targets for " + service + "/" + environment);
    }
    return new ServiceUptime(
        service, environment, uptime.service(service, environment, Instant.now()));
  }
}
