package dev.autopilot.alert.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autopilot.platform.store.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Running maintenance windows, from maintenance.started until maintenance.ended. */
@ApplicationScoped
public class MaintenanceRepository {
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  private final Jdbc jdbc;
  private final ObjectMapper mapper;

  public MaintenanceRepository(Jdbc jdbc, ObjectMapper mapper) {
    this.jdbc = jdbc;
    this.mapper = mapper;
  }

  /** A window started (a redelivery changes nothing). */
  public void start(
      UUID windowId, List<String> services, String environment, Instant endsAt, Instant now) {
    try {
      jdbc.update(
          "insert into maintenance_window (window_id, services, environment, ends_at, started_at)"
              + " values (?, ?::jsonb, ?, ?, ?) on conflict (window_id) do nothing",
          windowId,
          mapper.writeValueAsString(services == null ? List.of() : services),
          environment,
          endsAt,
          now);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A window ended; false if unknown or already ended. */
  public boolean end(UUID windowId, Instant now) {
    return jdbc.update(
            "update maintenance_window set ended_at = ? where window_id = ? and ended_at is null",
            now,
            windowId)
        == 1;
  }

  /** A running window: its services and, if it names one, its environment. */
  public record RunningWindow(UUID id, List<String> services, String environment) {
    /** Whether it covers an alert with these {@code service} and {@code environment} labels. */
    public boolean covers(String service, String env) {
      return service != null
          && services.contains(service)
          && (environment == null || environment.equals(env == null ? "" : env));
    }
  }

  /** The windows running at {@code now} (one query for a whole mute sweep). */
  public List<RunningWindow> running(Instant now) {
    return jdbc.list(
        "select window_id, services::text, environment from maintenance_window"
            + " where ended_at is null and (ends_at is null or ends_at > ?)",
        rs -> {
          try {
            return new RunningWindow(
                rs.getObject(1, UUID.class),
                mapper.readValue(rs.getString(2), STRINGS),
                rs.getString(3));
          } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
          }
        },
        now);
  }
}
