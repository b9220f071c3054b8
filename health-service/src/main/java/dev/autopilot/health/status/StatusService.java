package dev.autopilot.health.status;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autopilot.health.store.RollupRepository;
import dev.autopilot.health.store.WindowRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/** Assembles the public {@link StatusBoard}: state, 90 days of rollups, maintenance. */
@ApplicationScoped
public class StatusService {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HealthOverview overview;
  private final RollupRepository rollups;
  private final WindowRepository windows;

  public StatusService(
      HealthOverview overview, RollupRepository rollups, WindowRepository windows) {
    this.overview = overview;
    this.rollups = rollups;
    this.windows = windows;
  }

  /** The board as of {@code now}. */
  public StatusBoard board(Instant now) {
    Instant from =
        LocalDate.ofInstant(now, ZoneOffset.UTC)
            .minusDays(StatusBoard.DAYS - 1L)
            .atStartOfDay()
            .toInstant(ZoneOffset.UTC);
    List<StatusBoard.DayTally> tallies =
        rollups.days(from).stream()
            .map(
                d ->
                    new StatusBoard.DayTally(
                        d.service(),
                        d.environment(),
                        LocalDate.ofInstant(d.day(), ZoneOffset.UTC),
                        d.probes(),
                        d.failures()))
            .toList();
    List<StatusBoard.Maintenance> maintenance =
        windows.activeMaintenance(now).stream()
            .map(
                m ->
                    new StatusBoard.Maintenance(
                        services(m.services()), m.environment(), m.endsAt(), m.description()))
            .toList();
    return StatusBoard.of(overview.all(), now, tallies, maintenance);
  }

  private static List<String> services(String json) {
    try {
      return JSON.readValue(json, new TypeReference<List<String>>() {});
    } catch (Exception e) {
      return List.of();
    }
  }
}
