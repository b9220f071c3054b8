package dev.autopilot.health.probe;

/** A probe that must not run (the SSRF guard, a missing secret); the message is the reason. */
public class ProbeRefusedException extends RuntimeException {
  public ProbeRefusedException(String reason) {
    super(reason, null, false, false);
  }
}
