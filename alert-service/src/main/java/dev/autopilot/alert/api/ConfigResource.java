package dev.autopilot.alert.api;

import dev.autopilot.alert.config.ConfigReload;
import dev.autopilot.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Reloading this replica's rule and inhibit files (admin), like Prometheus's /-/reload. */
@Path("/config")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "rules")
public class ConfigResource {
  private final ConfigReload reload;

  public ConfigResource(ConfigReload reload) {
    this.reload = reload;
  }

  @POST
  @Path("/reload")
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary =
          "Read alert.rules.files and alert.inhibit.rules-file again: both valid → both in effect"
              + " (alerts of removed rules resolve); either invalid → 422 naming file, line and"
              + " field, nothing changes. Reloads this replica only.")
  public ConfigReload.Result reload() {
    return reload.reload();
  }
}
