package dev.autopilot.backup.api;

import dev.autopilot.backup.schedule.BackupScheduler;
import dev.autopilot.backup.schedule.CronSchedule;
import dev.autopilot.backup.schedule.ScheduleRepository;
import dev.autopilot.backup.source.BackupSource;
import dev.autopilot.backup.source.SourceCatalog;
import dev.autopilot.platform.problem.ProblemException;
import dev.autopilot.platform.security.Roles;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The configured sources and their schedules: read (viewer), change a schedule (admin). */
@Path("/sources")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "sources")
public class SourceResource {
  private final SourceCatalog sources;
  private final BackupScheduler scheduler;
  private final ScheduleRepository schedules;
  private final SecurityIdentity identity;

  public SourceResource(
      SourceCatalog sources,
      BackupScheduler scheduler,
      ScheduleRepository schedules,
      SecurityIdentity identity) {
    this.sources = sources;
    this.scheduler = scheduler;
    this.schedules = schedules;
    this.identity = identity;
  }

  /** A source as the API shows it (never its connection secrets). */
  @RegisterForReflection
  public record SourceView(
      String name, String kind, String schedule, Instant nextRun, Instant lastScheduledSlot) {}

  /** The body of a schedule change. */
  @RegisterForReflection
  public record ScheduleChange(@NotBlank @Size(max = 200) String cron) {}

  @GET
  @RolesAllowed(Roles.VIEWER)
  @Operation(summary = "Configured sources with their schedules")
  public List<SourceView> list() {
    return sources.names().stream().map(this::view).toList();
  }

  @GET
  @Path("/{name}")
  @RolesAllowed(Roles.VIEWER)
  @Operation(summary = "One source; 404 if not configured")
  public SourceView get(@PathParam("name") String name) {
    return view(known(name).name());
  }

  @PUT
  @Path("/{name}/schedule")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Change a source's backup schedule",
      description = "Quartz cron in UTC (e.g. '0 0 2 * * ?'), or 'off'. 400 for a bad expression.")
  public SourceView schedule(@PathParam("name") String name, @Valid @NotNull ScheduleChange body) {
    known(name);
    CronSchedule parsed;
    try {
      parsed = CronSchedule.parse(body.cron());
    } catch (IllegalArgumentException e) {
      throw ProblemException.badField("cron", e.getMessage());
    }
    schedules.setOverride(
        name, parsed.expression(), identity.getPrincipal().getName(), Instant.now());
    return view(name);
  }

  private BackupSource known(String name) {
    return sources
        .find(name)
        .orElseThrow(() -> ProblemException.notFound("source '" + name + "' is not configured"));
  }

  private SourceView view(String name) {
    CronSchedule schedule = scheduler.scheduleOf(name);
    return new SourceView(
        name,
        sources.find(name).orElseThrow().kind().configName(),
        schedule.expression(),
        schedule.nextSlot(Instant.now()).orElse(null),
        schedules.lastSlot(name).orElse(null));
  }
}
