package dev.autopilot.notification.channel;

import dev.autopilot.notification.receiver.Integration;
import dev.autopilot.notification.receiver.Receiver;
import dev.autopilot.notification.route.Router;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Finds the integration a notification was routed to, in the routing in force now. */
@ApplicationScoped
public class Targets {
  private final Router router;

  public Targets(Router router) {
    this.router = router;
  }

  /**
   * The integration named {@code receiver/channel/index} with a spec of this type; empty when the
   * routing no longer has it.
   */
  public <T> Optional<T> spec(String target, Class<T> type) {
    if (target == null) {
      return Optional.empty();
    }
    String[] parts = target.split("/");
    if (parts.length != 3) {
      return Optional.empty();
    }
    Receiver receiver = router.current().receivers().get(parts[0]);
    if (receiver == null) {
      return Optional.empty();
    }
    return receiver.integrations().stream()
        .filter(i -> i.target().equals(target))
        .map(Integration::spec)
        .filter(type::isInstance)
        .map(type::cast)
        .findFirst();
  }
}
