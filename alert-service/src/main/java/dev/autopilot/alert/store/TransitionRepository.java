package dev.autopilot.alert.store;

import dev.autopilot.platform.store.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The history of alert state changes. */
@ApplicationScoped
public class TransitionRepository {
  private final Jdbc jdbc;

  public TransitionRepository(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /** Records one state change (in the caller's transaction). */
  public void record(Transition t) {
    recordAll(List.of(t));
  }

  /** Records state changes in one statement, in order (in the caller's transaction). */
  public void recordAll(List<Transition> changes) {
    List<Object[]> rows = new ArrayList<>(changes.size());
    for (Transition t : changes) {
      rows.add(
          new Object[] {
            t.alertId(),
            t.from() == null ? null : t.from().name(),
            t.to().name(),
            t.at(),
            t.actor(),
            t.reason()
          });
    }
    jdbc.updateRows(
        "insert into alert_transition (alert_id, from_state, to_state, at, actor, reason)",
        "(?::uuid, ?, ?, ?::timestamptz, ?, ?)",
        rows,
        "");
  }

  /** An alert's state changes, oldest first. */
  public List<Transition> of(UUID alertId) {
    return jdbc.list(
        "select alert_id, from_state, to_state, at, actor, reason from alert_transition"
            + " where alert_id = ? order by id",
        rs ->
            new Transition(
                rs.getObject(1, UUID.class),
                rs.getString(2) == null ? null : AlertState.valueOf(rs.getString(2)),
                AlertState.valueOf(rs.getString(3)),
                Jdbc.instant(rs, 4),
                rs.getString(5),
                rs.getString(6)),
        alertId);
  }
}
