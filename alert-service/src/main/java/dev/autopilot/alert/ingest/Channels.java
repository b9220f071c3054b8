package dev.autopilot.alert.ingest;

/** Reactive Messaging channel names of alert-service, shared by code, config and tests. */
public final class Channels {
  public static final String HEALTH_DEGRADED = "health-degraded";
  public static final String HEALTH_RECOVERED = "health-recovered";

  private Channels() {}
}
