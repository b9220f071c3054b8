package dev.autopilot.health.store;

import java.util.Locale;

/** How a target is probed; the address scheme says the same ({@code tcp://}, {@code redis://}). */
public enum TargetKind {
  /** GET an http:// or https:// URL. */
  HTTP,
  /** Open a TCP connection to tcp://host:port. */
  TCP,
  /** Connect to postgres://user@host:port/db and run SELECT 1. */
  POSTGRES,
  /** Connect to redis://host:port and send PING (PONG expected). */
  REDIS;

  /** The kind an address's scheme implies; null for an unknown scheme. */
  public static TargetKind ofScheme(String scheme) {
    if (scheme == null) {
      return null;
    }
    return switch (scheme.toLowerCase(Locale.ROOT)) {
      case "http", "https" -> HTTP;
      case "tcp" -> TCP;
      case "postgres", "postgresql" -> POSTGRES;
      case "redis", "rediss" -> REDIS;
      default -> null;
    };
  }

  /** The lower-case name used in YAML, JSON and config. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
