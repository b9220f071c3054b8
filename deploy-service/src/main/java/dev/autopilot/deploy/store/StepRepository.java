package dev.autopilot.deploy.store;

import dev.autopilot.platform.store.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The steps of deployments: one row per attempt, so an interrupted attempt stays on record. */
@ApplicationScoped
public class StepRepository {
  private static final String COLUMNS =
      "id, deployment_id, step, outcome, started_at, finished_at, detail";

  private final Jdbc jdbc;

  public StepRepository(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Starts a new attempt at a step. An attempt still RUNNING (its worker was lost) is first marked
   * INTERRUPTED, so a deployment never has two running attempts of one step.
   */
  public StepRecord begin(UUID deploymentId, Step step) {
    jdbc.list(
        "update deployment_step set outcome = 'INTERRUPTED', finished_at = now(),"
            + " detail = 'its worker was lost (restart, crash or lapsed claim); the step runs again'"
            + " where deployment_id = ? and step = ? and outcome = 'RUNNING' returning "
            + COLUMNS,
        StepRepository::read,
        deploymentId,
        step.name());
    return jdbc.list(
            "insert into deployment_step (deployment_id, step, outcome, started_at)"
                + " values (?, ?, 'RUNNING', now()) returning "
                + COLUMNS,
            StepRepository::read,
            deploymentId,
            step.name())
        .get(0);
  }

  /** Records a step that finished at once (SKIPPED, or FAILED before it could start). */
  public StepRecord record(UUID deploymentId, Step step, StepOutcome outcome, String detail) {
    return jdbc.list(
            "insert into deployment_step (deployment_id, step, outcome, started_at, finished_at,"
                + " detail) values (?, ?, ?, now(), now(), ?) returning "
                + COLUMNS,
            StepRepository::read,
            deploymentId,
            step.name(),
            outcome.name(),
            detail)
        .get(0);
  }

  /** Finishes the running attempt at a step; empty when none is running. */
  public Optional<StepRecord> finish(
      UUID deploymentId, Step step, StepOutcome outcome, String detail) {
    return jdbc.one(
        "update deployment_step set outcome = ?, finished_at = now(), detail = ?"
            + " where deployment_id = ? and step = ? and outcome = 'RUNNING' returning "
            + COLUMNS,
        StepRepository::read,
        outcome.name(),
        detail,
        deploymentId,
        step.name());
  }

  /** Every attempt of a deployment, in the order they started. */
  public List<StepRecord> list(UUID deploymentId) {
    return jdbc.list(
        "select " + COLUMNS + " from deployment_step where deployment_id = ? order by id",
        StepRepository::read,
        deploymentId);
  }

  private static StepRecord read(ResultSet rs) throws SQLException {
    return new StepRecord(
        rs.getLong(1),
        rs.getObject(2, UUID.class),
        Step.valueOf(rs.getString(3)),
        StepOutcome.valueOf(rs.getString(4)),
        Jdbc.instant(rs, 5),
        Jdbc.instant(rs, 6),
        rs.getString(7));
  }
}
