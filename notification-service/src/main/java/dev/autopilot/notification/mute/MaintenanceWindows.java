package dev.autopilot.notification.mute;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autopilot.platform.store.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The maintenance windows in force, kept in Postgres (so a restart or another replica mutes the
 * same), from maintenance.started and maintenance.ended. A window covers a service when it lists it
 * and names no environment or the notice's environment (alert-service's rule); it is in force from
 * its start until its end event, or until its {@code endsAt} has passed if that event never comes.
 * Events of one window may arrive out of order (two topics): an end older than the start is that of
 * an earlier occurrence and does not end this one.
 */
@ApplicationScoped
public class MaintenanceWindows {
  private final Jdbc jdbc;
  private final ObjectMapper mapper;

  public MaintenanceWindows(Jdbc jdbc, ObjectMapper mapper) {
    this.jdbc = jdbc;
    this.mapper = mapper;
  }

  /** A window started at {@code at}. */
  public void started(
      UUID windowId, List<String> services, String environment, Instant endsAt, Instant at) {
    jdbc.update(
        "insert into maintenance_mute (window_id, services, environment, ends_at, started_at)"
            + " values (?, ?::jsonb, ?, ?, ?) on conflict (window_id) do update set"
            + " services = excluded.services, environment = excluded.environment,"
            + " ends_at = excluded.ends_at, started_at = excluded.started_at,"
            + " ended_at = case when maintenance_mute.ended_at >= excluded.started_at"
            + " then maintenance_mute.ended_at end,"
            + " repaged_at = case when maintenance_mute.ended_at >= excluded.started_at"
            + " then maintenance_mute.repaged_at end, updated_at = now()",
        windowId,
        json(services),
        environment,
        endsAt,
        at);
  }

  /** A window ended at {@code at}. */
  public void ended(UUID windowId, List<String> services, String environment, Instant at) {
    jdbc.update(
        "insert into maintenance_mute (window_id, services, environment, ended_at)"
            + " values (?, ?::jsonb, ?, ?) on conflict (window_id) do update set"
            + " ended_at = greatest(maintenance_mute.ended_at, excluded.ended_at),"
            + " updated_at = now()",
        windowId,
        json(services),
        environment,
        at);
  }

  /** When the window's latest started occurrence is due to end, if known. */
  public Optional<Instant> endsAt(UUID windowId) {
    return jdbc.one(
            "select ends_at from maintenance_mute where window_id = ?",
            rs -> Optional.ofNullable(Jdbc.instant(rs, 1)),
            windowId)
        .flatMap(o -> o);
  }

  /**
   * Claims the end of a window occurrence for re-paging what it held: true once per occurrence
   * (started, then ended by its event or by its {@code endsAt} passing), locked until the
   * transaction ends. A new start of the window makes its next end claimable again.
   */
  public boolean claimEnded(UUID windowId) {
    return jdbc.update(
            "update maintenance_mute set repaged_at = now() where window_id = ? and repaged_at is"
                + " null and started_at is not null and (ended_at >= started_at or ends_at <="
                + " now())",
            windowId)
        == 1;
  }

  /** Windows that ended (by event or by {@code endsAt}) and whose end is not yet claimed. */
  public List<UUID> endedUnclaimed(int limit) {
    return jdbc.list(
        "select window_id from maintenance_mute where repaged_at is null and started_at is not"
            + " null and (ended_at >= started_at or ends_at <= now()) order by updated_at limit ?",
        rs -> rs.getObject(1, UUID.class),
        limit);
  }

  /** The window in force now that covers this service (and environment), if any. */
  public Optional<UUID> covering(String service, String environment) {
    if (service == null || service.isBlank()) {
      return Optional.empty();
    }
    return jdbc.one(
        "select window_id from maintenance_mute where started_at is not null"
            + " and (ended_at is null or ended_at < started_at)"
            + " and (ends_at is null or ends_at > now())"
            + " and services @> jsonb_build_array(cast(? as text))"
            + " and (environment is null or environment = ?) order by started_at limit 1",
        rs -> rs.getObject(1, UUID.class),
        service,
        environment == null ? "" : environment);
  }

  private String json(List<String> services) {
    try {
      return mapper.writeValueAsString(services == null ? List.of() : services);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
