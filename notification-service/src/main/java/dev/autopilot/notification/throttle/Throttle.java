package dev.autopilot.notification.throttle;

import dev.autopilot.notification.config.NotificationConfig;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Token buckets per channel and receiver, in Redis so replicas share them: a channel limited to N
 * per hour holds up to N tokens per receiver, refilled continuously. The bucket is read, refilled
 * and taken from in one Lua script (atomic in Redis), timed by Redis's own clock.
 */
@ApplicationScoped
public class Throttle {
  private static final Logger LOG = Logger.getLogger(Throttle.class);
  private static final String PREFIX = "notification:throttle:";

  /** Returns 0 when a token was taken, else the milliseconds until one is available. */
  private static final String SCRIPT =
      """
      local capacity = tonumber(ARGV[1])
      local per_ms = tonumber(ARGV[2])
      local t = redis.call('TIME')
      local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
      local b = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
      local tokens = tonumber(b[1]) or capacity
      local ts = tonumber(b[2]) or now
      tokens = math.min(capacity, tokens + math.max(0, now - ts) * per_ms)
      local wait = 0
      if tokens >= 1 then tokens = tokens - 1 else wait = math.ceil((1 - tokens) / per_ms) end
      redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(now))
      redis.call('PEXPIRE', KEYS[1], math.ceil(capacity / per_ms) + 1000)
      return wait
      """;

  private final RedisDataSource redis;
  private final Map<String, Integer> perHour;

  public Throttle(RedisDataSource redis, NotificationConfig config) {
    this.redis = redis;
    this.perHour = Map.copyOf(config.throttle().perHour());
  }

  /** Takes a token for a message to {@code receiver} on {@code channel}; or how long to wait. */
  public Duration acquire(String channel, String receiver) {
    Integer limit = perHour.get(channel);
    if (limit == null || limit <= 0) {
      return Duration.ZERO;
    }
    double perMs = limit / 3_600_000.0;
    Response wait;
    try {
      wait =
          redis.execute(
              "EVAL",
              SCRIPT,
              "1",
              PREFIX + channel + ":" + receiver,
              Integer.toString(limit),
              Double.toString(perMs));
    } catch (RuntimeException e) {
      // Fail open: with Redis down a message is sent unthrottled rather than held indefinitely.
      LOG.warnf(
          "throttle unavailable, not throttling %s/%s: %s", channel, receiver, e.getMessage());
      return Duration.ZERO;
    }
    return Duration.ofMillis(wait == null ? 0 : wait.toLong());
  }
}
