package dev.autopilot.platform.inbox;

import dev.autopilot.platform.store.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Records which events a consumer has processed, in the same transaction as the effect, so a
 * redelivered event has no second effect.
 */
@ApplicationScoped
public class Inbox {
  private final Jdbc jdbc;

  public Inbox(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Claims an event for a consumer. Returns false when it was processed before; a concurrent claim
   * by another replica blocks until that transaction ends. Must run inside a transaction.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public boolean firstDelivery(String consumer, String eventId) {
    return jdbc.update(
            "insert into inbox (consumer, event_id) values (?, ?) on conflict do nothing",
            consumer,
            eventId)
        == 1;
  }
}
