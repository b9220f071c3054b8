package dev.autopilot.platform.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Records which events a consumer has processed, in the same transaction as the effect, so a
 * redelivered event has no second effect.
 */
@ApplicationScoped
public class Inbox {
  private final DataSource dataSource;

  public Inbox(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Claims an event for a consumer. Returns false when it was processed before; a concurrent claim
   * by another replica blocks until that transaction ends. Must run inside a transaction.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public boolean firstDelivery(String consumer, String eventId) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement insert =
            c.prepareStatement(
                "insert into inbox (consumer, event_id) values (?, ?) on conflict do nothing")) {
      insert.setString(1, consumer);
      insert.setString(2, eventId);
      return insert.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new IllegalStateException("inbox unavailable", e);
    }
  }
}
