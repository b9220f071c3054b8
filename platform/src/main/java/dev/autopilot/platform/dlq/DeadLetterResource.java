package dev.autopilot.platform.dlq;

import dev.autopilot.platform.problem.ProblemException;
import dev.autopilot.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Admin API over this service's dead letters: list them, replay one. */
@Path("/admin/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "dead letters")
@RolesAllowed(Roles.ADMIN)
public class DeadLetterResource {
  private final DeadLetters deadLetters;

  public DeadLetterResource(DeadLetters deadLetters) {
    this.deadLetters = deadLetters;
  }

  @GET
  @Operation(summary = "List dead letters, newest first")
  public List<DeadLetter> list(
      @QueryParam("topic") String topic,
      @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
    return deadLetters.list(topic, limit);
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "One dead letter")
  public DeadLetter get(@PathParam("id") long id) {
    return deadLetters.find(id).orElseThrow(() -> notFound(id));
  }

  @POST
  @Path("/{id}/replay")
  @Operation(summary = "Re-publish a dead letter to its original topic")
  public Response replay(@PathParam("id") long id) {
    if (!deadLetters.replay(id)) {
      throw notFound(id);
    }
    return Response.accepted().build();
  }

  private static ProblemException notFound(long id) {
    return ProblemException.notFound("dead letter " + id + " does not exist");
  }
}
