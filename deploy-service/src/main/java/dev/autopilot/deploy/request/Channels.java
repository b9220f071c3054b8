package dev.autopilot.deploy.request;

/** Reactive Messaging channel names of deployment requests, shared by code, config and tests. */
public final class Channels {
  public static final String DEPLOY_REQUESTED = "deploy-requested";

  private Channels() {}
}
