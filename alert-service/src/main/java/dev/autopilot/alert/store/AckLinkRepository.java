package dev.autopilot.alert.store;

import dev.autopilot.platform.store.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/** Nonces of acknowledge links already used, so a link works once. */
@ApplicationScoped
public class AckLinkRepository {
  private final Jdbc jdbc;

  public AckLinkRepository(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /** Claims a nonce; false if it was used before (the primary key decides, race-free). */
  public boolean claim(String nonce, UUID alertId, Instant at) {
    return jdbc.update(
            "insert into ack_link_use (nonce, alert_id, used_at) values (?, ?, ?)"
                + " on conflict (nonce) do nothing",
            nonce,
            alertId,
            at)
        == 1;
  }
}
