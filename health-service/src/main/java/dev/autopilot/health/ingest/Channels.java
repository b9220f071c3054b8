package dev.autopilot.health.ingest;

/** Reactive Messaging channel names of health-service, shared by code, config and tests. */
public final class Channels {
  public static final String MAINTENANCE_STARTED = "maintenance-started";
  public static final String MAINTENANCE_ENDED = "maintenance-ended";
  public static final String DEPLOY_SUCCEEDED = "deploy-succeeded";

  private Channels() {}
}
