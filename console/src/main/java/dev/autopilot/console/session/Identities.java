package dev.autopilot.console.session;

import dev.autopilot.console.client.Service;
import dev.autopilot.console.client.ServiceClient;
import dev.autopilot.console.client.ServiceException;
import io.quarkus.cache.CacheResult;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Finds out what a token may do by asking the services with it (the services have no "who am I"
 * endpoint; see docs/console.md): reading alerts needs viewer; acknowledging the nil alert id
 * answers 404 to an operator and 403 to a viewer (nothing exists, so nothing changes); deploy-
 * service's audit log answers 200 only to an admin. Cached for a minute per token (application
 * .properties), so pages do not repeat the probes and a revoked token stops working soon.
 */
@ApplicationScoped
public class Identities {
  static final String NIL_ALERT = "/alerts/00000000-0000-0000-0000-000000000000/ack";

  private final ServiceClient client;

  Identities(ServiceClient client) {
    this.client = client;
  }

  /**
   * The token's identity.
   *
   * @throws NotSignedInException the services do not accept the token
   * @throws ServiceException alert-service cannot say (unreachable, failing)
   */
  @CacheResult(cacheName = "console-identity")
  public Identity identify(String token) {
    ServiceClient.Reply read = client.call(Service.ALERT, "GET", "/alerts?limit=1", token, null);
    if (read.status() == 401 || read.status() == 403) {
      throw new NotSignedInException("That token was not accepted by the services.");
    }
    if (read.status() != 200) {
      client.get(Service.ALERT, "/alerts?limit=1", token); // throws the service's problem
    }
    int ack = client.call(Service.ALERT, "POST", NIL_ALERT, token, null).status();
    if (ack == 403) {
      return new Identity("viewer");
    }
    if (ack != 404) {
      throw new ServiceException(
          Service.ALERT,
          ack,
          "Unexpected answer",
          "alert-service answered " + ack + " when the console checked the token's role.",
          java.util.List.of());
    }
    int audit;
    try {
      audit = client.call(Service.DEPLOY, "GET", "/audit?limit=1", token, null).status();
    } catch (ServiceException unreachable) {
      return new Identity("operator"); // admin actions stay hidden until deploy-service answers
    }
    return new Identity(audit == 200 ? "admin" : "operator");
  }
}
