package dev.autopilot.backup.schedule;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * A source's backup schedule: a Quartz cron expression (the form Quarkus' scheduler uses) read with
 * cron-utils, evaluated in UTC. {@code off} is no schedule.
 */
public final class CronSchedule {
  private static final CronParser PARSER =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

  private final String expression;
  private final ExecutionTime execution;

  private CronSchedule(String expression, ExecutionTime execution) {
    this.expression = expression;
    this.execution = execution;
  }

  /**
   * Parses a schedule.
   *
   * @throws IllegalArgumentException saying what is wrong with it
   */
  public static CronSchedule parse(String expression) {
    if (expression == null || expression.isBlank()) {
      throw new IllegalArgumentException("is empty");
    }
    if (isOff(expression)) {
      return new CronSchedule("off", null);
    }
    try {
      return new CronSchedule(
          expression.strip(), ExecutionTime.forCron(PARSER.parse(expression.strip()).validate()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "'"
              + expression
              + "' is not a Quartz cron expression (e.g. '0 0 2 * * ?'): "
              + e.getMessage());
    }
  }

  /** True for the value that turns scheduling off. */
  public static boolean isOff(String expression) {
    return "off".equalsIgnoreCase(expression.strip());
  }

  /** The expression as written ({@code off} when off). */
  public String expression() {
    return expression;
  }

  /** The newest slot at or before {@code now}; empty when off or never. */
  public Optional<Instant> lastSlot(Instant now) {
    if (execution == null) {
      return Optional.empty();
    }
    ZonedDateTime at = now.atZone(ZoneOffset.UTC);
    // lastExecution is strictly before; a slot exactly now counts as reached
    if (execution.isMatch(at.withNano(0)) && now.getNano() == 0) {
      return Optional.of(now);
    }
    return execution.lastExecution(at).map(ZonedDateTime::toInstant);
  }

  /** The next slot after {@code now}; empty when off. */
  public Optional<Instant> nextSlot(Instant now) {
    if (execution == null) {
      return Optional.empty();
    }
    return execution.nextExecution(now.atZone(ZoneOffset.UTC)).map(ZonedDateTime::toInstant);
  }

  /**
   * The slot to run now, if any: the newest slot reached and not yet taken. Slots missed while the
   * service was down collapse into this one catch-up run.
   *
   * @param lastTaken the newest slot already requested; null if none ever was
   */
  public Optional<Instant> due(Instant lastTaken, Instant now) {
    return lastSlot(now).filter(slot -> lastTaken == null || slot.isAfter(lastTaken));
  }
}
