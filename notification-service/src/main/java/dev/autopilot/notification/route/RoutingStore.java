package dev.autopilot.notification.route;

import dev.autopilot.platform.store.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;

/** The routing document written through the API, shared by every replica (one row). */
@ApplicationScoped
public class RoutingStore {
  private final Jdbc jdbc;

  public RoutingStore(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /** The stored document and when it was written. */
  public record Stored(String yaml, Instant updatedAt, String updatedBy) {}

  /** The stored document, if the API ever wrote one. */
  public Optional<Stored> load() {
    return jdbc.one(
        "select yaml, updated_at, updated_by from routing_config where id = 1",
        rs -> new Stored(rs.getString(1), Jdbc.instant(rs, 2), rs.getString(3)));
  }

  /** Replaces the stored document. */
  public void save(String yaml, String by) {
    jdbc.update(
        "insert into routing_config (id, yaml, updated_by, updated_at) values (1, ?, ?, now())"
            + " on conflict (id) do update set yaml = excluded.yaml,"
            + " updated_by = excluded.updated_by, updated_at = excluded.updated_at",
        yaml,
        by);
  }
}
