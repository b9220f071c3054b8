package dev.autopilot.notification.repage;

import dev.autopilot.platform.store.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The alerts a maintenance window held that still fire, as the notification log knows them. */
@ApplicationScoped
public class HeldAlertRepository {
  private final Jdbc jdbc;

  public HeldAlertRepository(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * One held alert: the latest of its {@code alert.fired} events the window muted.
   *
   * @param heldAt when that event was held (stands for the firing's time)
   */
  public record HeldAlert(
      UUID alertId, String eventId, String eventData, String ackLink, Instant heldAt) {}

  /**
   * The alerts whose {@code alert.fired} this window muted and that are still firing: neither
   * resolved nor acknowledged, and not suppressed by alert-service since they last fired.
   */
  public List<HeldAlert> stillFiring(UUID windowId) {
    return jdbc.list(
        "select distinct on (n.alert_id) n.alert_id, n.event_id, n.event_data::text, n.ack_link,"
            + " n.created_at from notification n join known_alert k on k.alert_id = n.alert_id"
            + " left join alert_suppression s on s.alert_id = n.alert_id where n.status = 'MUTED'"
            + " and n.event_type = 'alert.fired' and n.event_data is not null and"
            + " starts_with(n.last_error, ?) and k.resolved_at is null and k.acknowledged_at is"
            + " null and (s.suppressed_at is null or s.suppressed_at < s.last_fired_at) order by"
            + " n.alert_id, n.created_at desc",
        rs ->
            new HeldAlert(
                rs.getObject(1, UUID.class),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                Jdbc.instant(rs, 5)),
        "muted: maintenance window " + windowId + " ");
  }
}
