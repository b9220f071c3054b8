package dev.autopilot.platform.event;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The W3C traceparent of the work on this thread, so events caused by a consumed event (or a
 * request) carry the same trace id. Kept dependency-free: the suite only propagates the header.
 */
public final class TraceContext {
  private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();
  private static final SecureRandom RANDOM = new SecureRandom();

  private TraceContext() {}

  /** Sets the traceparent of the current work; null clears it. */
  public static void set(String traceparent) {
    if (traceparent == null || !traceparent.matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$")) {
      CURRENT.remove();
    } else {
      CURRENT.set(traceparent);
    }
  }

  /** Clears the traceparent of this thread. */
  public static void clear() {
    CURRENT.remove();
  }

  /** A traceparent for a new event: same trace as the current work, new span id. */
  public static String childOrNew() {
    String current = CURRENT.get();
    String traceId = current != null ? current.substring(3, 35) : hex(16);
    return "00-" + traceId + "-" + hex(8) + "-01";
  }

  private static String hex(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
