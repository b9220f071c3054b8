package dev.autopilot.alert.api;

import dev.autopilot.alert.rule.source.SampleIngest;
import dev.autopilot.platform.event.v1.MetricsSamples;
import dev.autopilot.platform.security.Roles;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Push samples for {@code samples} rules over HTTP (same body as a metrics.samples event). */
@Path("/samples")
@Tag(name = "rules")
public class SamplesResource {
  private final SampleIngest ingest;

  public SamplesResource(SampleIngest ingest) {
    this.ingest = ingest;
  }

  /** How many samples were accepted. */
  @RegisterForReflection
  public record Accepted(int received, int stored) {}

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.OPERATOR)
  @Operation(
      summary =
          "Push samples {\"samples\":[{\"name\",\"labels\",\"value\",\"timestamp\"?}]}; a sample"
              + " not newer than its series' last one is ignored")
  public Accepted push(@NotNull @Valid MetricsSamples samples) {
    return new Accepted(samples.samples().size(), ingest.push(samples));
  }
}
