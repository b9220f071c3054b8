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
  REDIS,
  /** Connect to mongodb://host:port and run the {@code hello} command (ok: 1 expected). */
  MONGODB;

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
      case "mongodb" -> MONGODB;
      default -> null;
    };
  }

  /** The kinds as a sentence for error messages: {@code http, tcp, ... or mongodb}. */
  public static String choices() {
    TargetKind[] all = values();
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < all.length; i++) {
      text.append(i == 0 ? "" : i == all.length - 1 ? " or " : ", ").append(all[i].label());
    }
    return text.toString();
  }

  /** The lower-case name used in YAML, JSON and config. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
