package dev.autopilot.deploy.maintenance;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A deploy freeze: no deployment of the services (all when empty) to the environment (all when
 * null) from {@code startsAt} to {@code endsAt}, unless an admin overrides it with a reason.
 */
@RegisterForReflection
public record Freeze(
    UUID id,
    List<String> services,
    String environment,
    Instant startsAt,
    Instant endsAt,
    String reason,
    String createdBy,
    Instant createdAt) {

  /** This definition without id and creation stamp: what identifies a freeze from a file. */
  public Freeze withoutIdentity() {
    return new Freeze(null, services, environment, startsAt, endsAt, reason, null, null);
  }

  /** True when the freeze holds for this service/environment at {@code t}. */
  public boolean holds(String service, String environment, Instant t) {
    return (this.environment == null || this.environment.equals(environment))
        && (services == null || services.isEmpty() || services.contains(service))
        && !t.isBefore(startsAt)
        && t.isBefore(endsAt);
  }
}
