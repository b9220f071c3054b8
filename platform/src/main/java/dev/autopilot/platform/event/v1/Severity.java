package dev.autopilot.platform.event.v1;

/** Alert severity with the response times operators already use. */
public enum Severity {
  /** Critical: page now. */
  P0,
  /** High: within 1 hour. */
  P1,
  /** Medium: within 4 hours. */
  P2,
  /** Low: next business day. */
  P3
}
