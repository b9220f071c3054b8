package dev.autopilot.deploy.peer;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** alert-service's deploy gate: is a P0/P1 alert firing for this service/environment? */
@RegisterRestClient(configKey = "alert-service")
@ClientHeaderParam(name = "Authorization", value = "{bearer}")
public interface AlertServiceClient {
  @GET
  @Path("/alerts/gate")
  @Produces(MediaType.APPLICATION_JSON)
  Gate gate(@QueryParam("service") String service, @QueryParam("environment") String environment);

  default String bearer() {
    return ClientToken.bearer();
  }

  /** The gate's answer. */
  @RegisterForReflection
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Gate(String service, String environment, boolean blocked, List<Alert> alerts) {}

  /** An alert that blocks (or would block) the gate. */
  @RegisterForReflection
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Alert(String id, String name, String severity, String state, String startsAt) {}
}
