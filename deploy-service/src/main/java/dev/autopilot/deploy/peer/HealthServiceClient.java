package dev.autopilot.deploy.peer;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** health-service's on-demand check: probes the service/environment's targets now. */
@RegisterRestClient(configKey = "health-service")
@ClientHeaderParam(name = "Authorization", value = "{bearer}")
public interface HealthServiceClient {
  @POST
  @Path("/checks")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  Verdict check(Check check);

  default String bearer() {
    return ClientToken.bearer();
  }

  /** What to check: a service/environment's targets, or one target by id. */
  @RegisterForReflection
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Check(String service, String environment, String targetId) {
    /** Every target of the service/environment. */
    public static Check of(String service, String environment) {
      return new Check(service, environment, null);
    }

    /** One target. */
    public static Check target(String targetId) {
      return new Check(null, null, targetId);
    }
  }

  /** The check's answer: UP or DOWN, and each probe. */
  @RegisterForReflection
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Verdict(String verdict, String checkedAt, List<Result> results) {}

  /** One probe. */
  @RegisterForReflection
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Result(String targetId, boolean ok, Long durationMs, String error) {}
}
