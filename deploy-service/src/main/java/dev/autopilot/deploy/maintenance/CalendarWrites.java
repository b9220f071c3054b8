package dev.autopilot.deploy.maintenance;

import dev.autopilot.deploy.store.AuditRepository;
import dev.autopilot.deploy.store.CalendarRepository;
import dev.autopilot.platform.event.v1.Patterns;
import dev.autopilot.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/** Creates and deletes maintenance windows and freezes (admin), audited; checks them first. */
@ApplicationScoped
public class CalendarWrites {
  private final CalendarRepository repository;
  private final MaintenanceScheduler scheduler;
  private final AuditRepository audit;

  public CalendarWrites(
      CalendarRepository repository, MaintenanceScheduler scheduler, AuditRepository audit) {
    this.repository = repository;
    this.scheduler = scheduler;
    this.audit = audit;
  }

  /** Stores a new window; its events follow from the scheduler's next tick. */
  @Transactional
  public MaintenanceWindow create(MaintenanceWindow w, String by) {
    MaintenanceWindow stored = stored(w, UUID.randomUUID(), by);
    repository.insert(stored);
    audit.record(by, "create-maintenance-window", stored.id().toString(), w.description());
    return stored;
  }

  /**
   * Stores a window from configuration ({@code deploy.targets-file}) unless it was stored before:
   * its id is derived from its definition, so restarts do not duplicate it. Returns whether new.
   */
  @Transactional
  public boolean seed(MaintenanceWindow w, String by) {
    MaintenanceWindow stored = stored(w, seedId("window", w.withoutIdentity()), by);
    boolean created = repository.insert(stored);
    if (created) {
      audit.record(by, "create-maintenance-window", stored.id().toString(), w.description());
    }
    return created;
  }

  /**
   * Checks a window as {@code POST /maintenance-windows} and the targets file give it.
   *
   * @throws ProblemException 400 naming the field
   */
  public static void check(MaintenanceWindow w) {
    names("services", w.services());
    name("environment", w.environment());
    if (w.cron() == null) {
      if (w.startsAt() == null || w.endsAt() == null) {
        throw ProblemException.badField(
            "startsAt", "and endsAt are required for a one-off window (or give cron)");
      }
      if (!w.endsAt().isAfter(w.startsAt())) {
        throw ProblemException.badField("endsAt", "must be after startsAt");
      }
    } else {
      MaintenanceWindow.cronProblem(w.cron())
          .ifPresent(
              problem -> {
                throw ProblemException.badField(
                    "cron", "is not a Quartz cron expression: " + problem);
              });
      if (w.durationSeconds() == null || w.durationSeconds() < 60) {
        throw ProblemException.badField("durationSeconds", "must be at least 60");
      }
      try {
        ZoneId.of(w.zone() == null ? "" : w.zone());
      } catch (DateTimeException e) {
        throw ProblemException.badField("zone", "must be a time zone such as Europe/London");
      }
    }
  }

  private static MaintenanceWindow stored(MaintenanceWindow w, UUID id, String by) {
    check(w);
    return new MaintenanceWindow(
        id,
        w.services() == null ? List.of() : w.services(),
        w.environment(),
        w.description(),
        w.cron() == null ? w.startsAt() : null,
        w.cron() == null ? w.endsAt() : null,
        w.cron(),
        w.cron() == null ? null : w.durationSeconds(),
        w.cron() == null ? null : w.zone(),
        by,
        Instant.now());
  }

  /** Deletes a window; an occurrence running now ends at once (maintenance.ended). */
  @Transactional
  public void deleteWindow(UUID id, String by) {
    MaintenanceWindow w =
        repository
            .findWindow(id)
            .orElseThrow(
                () -> ProblemException.notFound("maintenance window " + id + " does not exist"));
    repository.deleteWindow(id);
    scheduler.endNow(w);
    audit.record(by, "delete-maintenance-window", id.toString(), null);
  }

  /** Stores a new freeze. */
  @Transactional
  public Freeze create(Freeze f, String by) {
    Freeze stored = stored(f, UUID.randomUUID(), by);
    repository.insert(stored);
    audit.record(by, "create-freeze", stored.id().toString(), f.reason());
    return stored;
  }

  /** Stores a freeze from configuration unless stored before (id from its definition). */
  @Transactional
  public boolean seed(Freeze f, String by) {
    Freeze stored = stored(f, seedId("freeze", f.withoutIdentity()), by);
    boolean created = repository.insert(stored);
    if (created) {
      audit.record(by, "create-freeze", stored.id().toString(), f.reason());
    }
    return created;
  }

  /**
   * Checks a freeze as {@code POST /freezes} and the targets file give it.
   *
   * @throws ProblemException 400 naming the field
   */
  public static void check(Freeze f) {
    names("services", f.services());
    if (f.environment() != null) {
      name("environment", f.environment());
    }
    if (f.startsAt() == null || f.endsAt() == null) {
      throw ProblemException.badField("startsAt", "and endsAt are required");
    }
    if (!f.endsAt().isAfter(f.startsAt())) {
      throw ProblemException.badField("endsAt", "must be after startsAt");
    }
    if (f.reason() == null || f.reason().isBlank()) {
      throw ProblemException.badField("reason", "must say why deployments are frozen");
    }
  }

  private static Freeze stored(Freeze f, UUID id, String by) {
    check(f);
    return new Freeze(
        id,
        f.services() == null ? List.of() : f.services(),
        f.environment(),
        f.startsAt(),
        f.endsAt(),
        f.reason(),
        by,
        Instant.now());
  }

  /** A stable id for a seeded window or freeze: the same definition gives the same id. */
  private static UUID seedId(String kind, Object definition) {
    return UUID.nameUUIDFromBytes(
        ("deploy.targets-file " + kind + " " + definition).getBytes(StandardCharsets.UTF_8));
  }

  /** Deletes a freeze. */
  @Transactional
  public void deleteFreeze(UUID id, String by) {
    if (!repository.deleteFreeze(id)) {
      throw ProblemException.notFound("freeze " + id + " does not exist");
    }
    audit.record(by, "delete-freeze", id.toString(), null);
  }

  private static void names(String field, List<String> values) {
    if (values == null) {
      return;
    }
    for (int i = 0; i < values.size(); i++) {
      name(field + "[" + i + "]", values.get(i));
    }
  }

  private static void name(String field, String value) {
    if (value == null || !value.matches(Patterns.NAME)) {
      throw ProblemException.badField(field, Patterns.NAME_MESSAGE);
    }
  }
}
