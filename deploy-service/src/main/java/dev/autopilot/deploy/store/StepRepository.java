package dev.autopilot.deploy.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** The steps of deployments: one row per attempt, so an interrupted attempt stays on record. */
@ApplicationScoped
public class StepRepository {
  private static final String COLUMNS =
      "id, deployment_id, step, outcome, started_at, finished_at, detail";

  private final DataSource dataSource;

  public StepRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Starts a new attempt at a step. An attempt still RUNNING (its worker was lost) is first marked
   * INTERRUPTED, so a deployment never has two running attempts of one step.
   */
  public StepRecord begin(UUID deploymentId, Step step) {
    many(
        "update deployment_step set outcome = 'INTERRUPTED', finished_at = now(),"
            + " detail = 'its worker was lost (restart, crash or lapsed claim); the step runs again'"
            + " where deployment_id = ? and step = ? and outcome = 'RUNNING' returning "
            + COLUMNS,
        deploymentId,
        step.name());
    return many(
            "insert into deployment_step (deployment_id, step, outcome, started_at)"
                + " values (?, ?, 'RUNNING', now()) returning "
                + COLUMNS,
            deploymentId,
            step.name())
        .get(0);
  }

  /** Records a step that finished at once (SKIPPED, or FAILED before it could start). */
  public StepRecord record(UUID deploymentId, Step step, StepOutcome outcome, String detail) {
    return many(
            "insert into deployment_step (deployment_id, step, outcome, started_at, finished_at,"
                + " detail) values (?, ?, ?, now(), now(), ?) returning "
                + COLUMNS,
            deploymentId,
            step.name(),
            outcome.name(),
            detail)
        .get(0);
  }

  /** Finishes the running attempt at a step; empty when none is running. */
  public Optional<StepRecord> finish(
      UUID deploymentId, Step step, StepOutcome outcome, String detail) {
    List<StepRecord> rows =
        many(
            "update deployment_step set outcome = ?, finished_at = now(), detail = ?"
                + " where deployment_id = ? and step = ? and outcome = 'RUNNING' returning "
                + COLUMNS,
            outcome.name(),
            detail,
            deploymentId,
            step.name());
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  /** Every attempt of a deployment, in the order they started. */
  public List<StepRecord> list(UUID deploymentId) {
    return many(
        "select " + COLUMNS + " from deployment_step where deployment_id = ? order by id",
        deploymentId);
  }

  private List<StepRecord> many(String sql, Object... parameters) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        ps.setObject(i + 1, parameters[i]);
      }
      List<StepRecord> result = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          result.add(
              new StepRecord(
                  rs.getLong(1),
                  rs.getObject(2, UUID.class),
                  Step.valueOf(rs.getString(3)),
                  StepOutcome.valueOf(rs.getString(4)),
                  instant(rs.getTimestamp(5)),
                  instant(rs.getTimestamp(6)),
                  rs.getString(7)));
        }
      }
      return result;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot access deployment steps", e);
    }
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
