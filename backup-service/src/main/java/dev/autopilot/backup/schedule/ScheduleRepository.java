package dev.autopilot.backup.schedule;

import dev.autopilot.platform.store.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;

/** Schedule overrides and the last slot taken per source. */
@ApplicationScoped
public class ScheduleRepository {
  private final Jdbc jdbc;

  public ScheduleRepository(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /** The API's override of a source's cron, if set. */
  public Optional<String> override(String source) {
    return jdbc.one(
        "select cron from source_schedule where source = ?", rs -> rs.getString(1), source);
  }

  /** Sets a source's cron override. */
  public void setOverride(String source, String cron, String by, Instant at) {
    jdbc.update(
        "insert into source_schedule (source, cron, updated_by, updated_at) values (?, ?, ?, ?)"
            + " on conflict (source) do update set cron = excluded.cron,"
            + " updated_by = excluded.updated_by, updated_at = excluded.updated_at",
        source,
        cron,
        by,
        at);
  }

  /** The newest slot taken for a source. */
  public Optional<Instant> lastSlot(String source) {
    return jdbc.one(
        "select last_slot from schedule_run where source = ?",
        rs -> rs.getTimestamp(1).toInstant(),
        source);
  }

  /** Records that {@code slot} was taken for {@code source}. */
  public void takeSlot(String source, Instant slot) {
    jdbc.update(
        "insert into schedule_run (source, last_slot) values (?, ?)"
            + " on conflict (source) do update set last_slot = excluded.last_slot",
        source,
        slot);
  }
}
