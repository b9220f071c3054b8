package dev.autopilot.notification.dedupe;

import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Alertmanager's notification-log dedupe, in Redis so every replica sees it: the first event about
 * an alert fingerprint for a receiver's address on a channel claims a key that lives for the
 * route's {@code repeat_interval}; a different event with the same fingerprint inside that time (a
 * second alert.fired for the same alert) is a duplicate and pages nobody. The key's value is the
 * claiming event id, so a redelivery of that same event (its transaction rolled back after the
 * claim) is not mistaken for a duplicate. A resolution starts a new generation of the fingerprint's
 * keys, so an alert that fires again after it resolved pages again at once.
 */
@ApplicationScoped
public class Deduplicator {
  private static final Logger LOG = Logger.getLogger(Deduplicator.class);
  private static final String PREFIX = "notification:dedupe:";
  private static final String GENERATION = "notification:dedupe-generation:";
  private static final String GENERATION_TTL_SECONDS =
      Long.toString(Duration.ofDays(30).toSeconds());
  private final RedisDataSource redis;

  public Deduplicator(RedisDataSource redis) {
    this.redis = redis;
  }

  /**
   * Whether {@code eventId} is the first about {@code key} within {@code repeatInterval}; claims
   * the key if so.
   */
  public boolean first(String fingerprint, String key, String eventId, Duration repeatInterval) {
    try {
      return claim(fingerprint, key, eventId, repeatInterval);
    } catch (RuntimeException e) {
      // Fail open: with Redis down, paging twice beats not paging (or dead-lettering the alert).
      LOG.warnf("dedupe unavailable, sending %s anyway: %s", eventId, e.getMessage());
      return true;
    }
  }

  private boolean claim(String fingerprint, String key, String eventId, Duration repeatInterval) {
    Response generation = redis.execute("GET", GENERATION + fingerprint);
    String redisKey =
        PREFIX + fingerprint + "|" + (generation == null ? "0" : generation.toString()) + "|" + key;
    long ttl = Math.max(1, repeatInterval.toMillis());
    Response set = redis.execute("SET", redisKey, eventId, "NX", "PX", Long.toString(ttl));
    if (set != null) {
      return true;
    }
    Response holder = redis.execute("GET", redisKey);
    return holder != null && eventId.equals(holder.toString());
  }

  /** The alert with this fingerprint resolved: its next firing is news again. */
  public void reset(String fingerprint) {
    try {
      redis.execute("INCR", GENERATION + fingerprint);
      redis.execute("EXPIRE", GENERATION + fingerprint, GENERATION_TTL_SECONDS);
    } catch (RuntimeException e) {
      LOG.warnf("dedupe unavailable, %s not reset: %s", fingerprint, e.getMessage());
    }
  }
}
